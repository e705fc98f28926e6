package dev.tricolor.dap.sourcemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tricolor.dap.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The source maps asc wrote for the test programs ({@code test-programs/build}): every line entry
 * maps back to its own line, every offset lies inside the module, library sources carry their
 * text, and in the --debug builds every line labelled {@code // @bp:NAME} has code on it or right
 * after (-O3 builds move and merge code, so labels are not promised there).
 */
class CorpusSourceMapTest {
  @TestFactory
  Stream<DynamicTest> everyCompiledProgramsMap() throws IOException {
    Path build = TestPaths.repositoryRoot().resolve("test-programs/build");
    assumeTrue(
        Files.isDirectory(build),
        "SKIPPED: no compiled test programs at test-programs/build (the corpus is not there yet)");
    List<Path> maps;
    try (Stream<Path> s = Files.walk(build)) {
      maps = s.filter(p -> p.toString().endsWith(".wasm.map")).sorted().toList();
    }
    assumeTrue(!maps.isEmpty(), "SKIPPED: test-programs/build holds no .wasm.map");
    List<DynamicTest> tests = new ArrayList<>();
    for (Path map : maps) {
      tests.add(DynamicTest.dynamicTest(build.relativize(map).toString(), () -> check(map)));
    }
    return tests.stream();
  }

  private static void check(Path mapFile) throws Exception {
    Path wasm = mapFile.resolveSibling(mapFile.getFileName().toString().replace(".map", ""));
    long moduleSize = Files.size(wasm);
    SourceMap map = SourceMapLocator.load(Optional.empty(), wasm, Optional.empty()).orElseThrow();
    assertTrue(map.segmentCount() > 0, "the map has segments");
    Path testPrograms = mapFile;
    while (!testPrograms.getFileName().toString().equals("test-programs")) {
      testPrograms = testPrograms.getParent();
    }
    MappedSources sources = new MappedSources(map, testPrograms);
    boolean debugBuild = mapFile.getParent().getFileName().toString().equals("debug");
    for (MappedSource s : sources.all()) {
      if (s.name().startsWith("~lib/")) {
        assertTrue(s.sourceReference() > 0, s.name() + " is served by reference");
        assertFalse(sources.text(s.sourceReference()).orElse("").isEmpty(), s.name() + " text");
        continue;
      }
      assertTrue(s.path().isPresent() && Files.isRegularFile(s.path().get()),
          s.name() + " resolves to a file under test-programs");
      List<String> lines = Files.readAllLines(s.path().get());
      int withCode = 0;
      for (int line = 1; line <= lines.size(); line++) {
        int[] entries = map.lineEntries(s.index(), line);
        for (int off : entries) {
          assertTrue(off > 8 && off < moduleSize, "offset " + off + " inside the module");
          SourcePosition p = map.positionAt(off).orElseThrow();
          assertEquals(s.index(), p.source());
          assertEquals(line, p.line(), "entry " + off + " maps back to line " + line);
        }
        if (entries.length > 0) {
          withCode++;
          assertEquals(line, map.nextLineWithCode(s.index(), line));
        }
        if (debugBuild && lines.get(line - 1).contains("// @bp:")) {
          int next = map.nextLineWithCode(s.index(), line);
          assertTrue(next >= line && next <= line + 1,
              s.name() + ":" + line + " is labelled as a breakpoint line but has no code");
        }
      }
      assertTrue(withCode > 0, s.name() + " has lines with code");
      assertArrayEquals(new int[0], map.lineEntries(s.index(), lines.size() + 10));
    }
  }
}
