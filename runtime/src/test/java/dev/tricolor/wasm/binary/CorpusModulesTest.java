package dev.tricolor.wasm.binary;

import static org.junit.jupiter.api.Assertions.*;

import dev.tricolor.testing.RepositoryFiles;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The decoder on the real asc output committed in test-programs/build. */
class CorpusModulesTest {
  static List<Path> builds(String kind) throws IOException {
    Path dir = RepositoryFiles.testProgramsBuild().resolve(kind);
    assertTrue(
        Files.isDirectory(dir), "no compiled test programs in " + dir + " (they are committed)");
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
    }
  }

  static WasmModule parse(Path file) throws IOException {
    return ModuleParser.parse(Files.readAllBytes(file));
  }

  @Test
  void everyBuildDecodesAndEveryBodyWalksToItsEnd() throws IOException {
    List<Path> all = Stream.concat(builds("debug").stream(), builds("release").stream()).toList();
    assertFalse(all.isEmpty());
    for (Path file : all) {
      WasmModule m = parse(file);
      String program = file.getFileName().toString();
      assertEquals("./" + program + ".map", m.sourceMappingURL(), file.toString());
      assertTrue(m.warnings().isEmpty(), () -> file + ": " + m.warnings());
      for (FunctionBody body : m.bodies()) {
        InstructionReader r = InstructionReader.of(m.bytes(), body);
        int last = -1;
        int count = 0;
        while (r.hasNext()) {
          last = r.next();
          count++;
        }
        assertEquals(Opcodes.END, last, file + " function " + body.functionIndex());
        assertTrue(count > 0);
      }
    }
  }

  @Test
  void debugBuildsNameTheRuntimeFunctionsLocalsAndGlobals() throws IOException {
    int withRuntime = 0;
    for (Path file : builds("debug")) {
      WasmModule m = parse(file);
      Map<Integer, String> functions = m.names().functionNames();
      assertFalse(functions.isEmpty(), file + " has function names");
      if (!functions.containsValue("~lib/rt/itcms/__new")) {
        continue; // a program that never allocates has no runtime
      }
      withRuntime++;
      int newIndex = indexOf(functions, "~lib/rt/itcms/__new");
      assertTrue(newIndex >= m.importedFunctionCount(), "__new is a defined function");
      assertTrue(functions.containsValue("~lib/rt/tlsf/__alloc"), file.toString());
      assertEquals("size", m.names().localName(newIndex, 0), file.toString());
      assertEquals("id", m.names().localName(newIndex, 1), file.toString());
      assertEquals(2, m.functionType(newIndex).paramCount());

      Map<Integer, String> globals = m.names().globalNames();
      assertTrue(globals.containsValue("~lib/rt/itcms/state"), globals.toString());
      int heapBase = indexOf(globals, "~lib/memory/__heap_base");
      assertTrue(heapBase < m.allGlobalTypes().size());
    }
    assertTrue(withRuntime > 0, "some debug build allocates");
  }

  @Test
  void debugBuildsNameTheTableAndTheElementSegment() throws IOException {
    // binaryen names the function table and its segment of an asc --debug build, both "0"
    WasmModule m = parse(RepositoryFiles.testProgramsBuild().resolve("debug/list.wasm"));
    assertEquals(Map.of(0, "0"), m.names().tableNames());
    assertEquals(Map.of(0, "0"), m.names().elemSegmentNames());
  }

  @Test
  void releaseBuildsHaveNoNameSection() throws IOException {
    for (Path file : builds("release")) {
      assertTrue(parse(file).names().functionNames().isEmpty(), file.toString());
    }
  }

  private static int indexOf(Map<Integer, String> names, String name) {
    return names.entrySet().stream()
        .filter(e -> e.getValue().equals(name))
        .mapToInt(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not named"));
  }
}
