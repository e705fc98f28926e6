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
import org.junit.jupiter.api.Test;
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

  /**
   * asc writes a mapped segment and then an unmapped one at the same offset (the expression's
   * operand has no position of its own); the debug build of oom.ts has such offsets in
   * ~lib/array.ts. Each of them maps to the mapped segment, in every map of the corpus.
   */
  @Test
  void offsetsWithAMappedAndThenAnUnmappedSegmentMapToTheMappedOne() throws Exception {
    Path oom = TestPaths.repositoryRoot().resolve("test-programs/build/debug/oom.wasm.map");
    assumeTrue(Files.isRegularFile(oom), "SKIPPED: no compiled test program " + oom);
    int checked = mappedThenUnmapped(oom);
    assertTrue(checked > 0, "oom.wasm.map has a mapped and then an unmapped segment at one offset");
  }

  /**
   * logging.ts line 8 calls {@code i.toString()} and {@code n.toString()}; asc inlines their
   * default argument (radix 10), mapped to {@code ~lib/number.ts}, into the line's code. The line
   * is still one run of code: one entry, where a line breakpoint stops once per execution.
   */
  @Test
  void codeOfAnotherSourceInlinedIntoALineDoesNotSplitIt() throws Exception {
    Path file = TestPaths.repositoryRoot().resolve("test-programs/build/debug/logging.wasm.map");
    assumeTrue(Files.isRegularFile(file), "SKIPPED: no compiled test program " + file);
    String json = Files.readString(file);
    SourceMap map = SourceMap.parse(json);
    int logging = map.sources().indexOf("programs/logging.ts");
    int number = map.sources().indexOf("~lib/number.ts");
    MappingsDecoder.Segments seg = MappingsDecoder.decode(
        com.google.gson.JsonParser.parseString(json).getAsJsonObject().get("mappings").getAsString(),
        map.sources().size());
    int excursions = 0;
    for (int i = 1; i + 1 < seg.count; i++) {
      if (seg.source[i] == number && seg.source[i - 1] == logging && seg.line[i - 1] == 7
          && seg.source[i + 1] == logging && seg.line[i + 1] == 7) {
        excursions++;
      }
    }
    assertEquals(2, excursions, "line 8 goes into ~lib/number.ts twice (the map changed?)");
    assertEquals(1, map.lineEntries(logging, 8).length);
    assertEquals(2, map.lineEntries(logging, 7).length, "the for line: init and test, then i++");
  }

  /** Checks every offset of {@code mapFile} where a mapped segment is followed by an unmapped one. */
  private static int mappedThenUnmapped(Path mapFile) throws Exception {
    String json = Files.readString(mapFile);
    SourceMap map = SourceMap.parse(json);
    String mappings = com.google.gson.JsonParser.parseString(json).getAsJsonObject()
        .get("mappings").getAsString();
    MappingsDecoder.Segments seg = MappingsDecoder.decode(mappings, map.sources().size());
    int checked = 0;
    for (int i = 1; i < seg.count; i++) {
      if (seg.offset[i] == seg.offset[i - 1] && seg.source[i] < 0 && seg.source[i - 1] >= 0) {
        // The last mapped segment at this offset: asc may write one more after the unmapped one
        // (ensureCapacity's folded `if (isManaged<T>())`, then the store on the next line).
        int last = i - 1;
        int k = i + 1;
        for (; k < seg.count && seg.offset[k] == seg.offset[i]; k++) {
          if (seg.source[k] >= 0) {
            last = k;
          }
        }
        boolean nextByteToo = k == seg.count || seg.offset[k] > seg.offset[i] + 1;
        SourcePosition expected =
            new SourcePosition(seg.source[last], seg.line[last] + 1, seg.column[last] + 1);
        assertEquals(Optional.of(expected), map.positionAt(seg.offset[i]),
            mapFile.getFileName() + " offset " + seg.offset[i]);
        if (nextByteToo) {
          assertEquals(Optional.of(expected), map.positionAt(seg.offset[i] + 1),
              mapFile.getFileName() + " offset " + (seg.offset[i] + 1) + ", inside the same code");
        }
        checked++;
      }
    }
    return checked;
  }

  private static void check(Path mapFile) throws Exception {
    Path wasm = mapFile.resolveSibling(mapFile.getFileName().toString().replace(".map", ""));
    long moduleSize = Files.size(wasm);
    SourceMap map = SourceMapLocator.load(Optional.empty(), wasm, Optional.empty()).orElseThrow();
    assertTrue(map.segmentCount() > 0, "the map has segments");
    mappedThenUnmapped(mapFile);
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
