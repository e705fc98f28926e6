package dev.tricolor.dap.sourcemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceMapTest {
  private static String error(String json) {
    return assertThrows(SourceMapException.class, () -> SourceMap.parse(json)).getMessage();
  }

  @Test
  void vlqDigitsDecodeAsTheSpecSays() throws Exception {
    // "2H" = 123, "A" = 0, "gB" = 16, "C" = 1, each relative to zero for the first segment.
    SourceMap m = SourceMap.parse(VlqForTests.map("2HAgBC", "a.ts"));
    // segment: offset 123, source 0, line 16 (0-based), column 1 (0-based) → 17:2 shown.
    assertEquals(Optional.of(new SourcePosition(0, 17, 2)), m.positionAt(123));
    assertEquals(Optional.empty(), m.positionAt(122), "no code before the first segment");
    assertEquals("2H", VlqForTests.encode(123));
    assertEquals("D", VlqForTests.encode(-1));
  }

  @Test
  void offsetsMapToTheLastSegmentAtOrBefore() throws Exception {
    SourceMap m =
        SourceMap.parse(
            VlqForTests.map(
                VlqForTests.mappings(
                    new int[] {10, 0, 4, 2},
                    new int[] {14, 0, 4, 8},
                    new int[] {20, 1, 0, 0},
                    new int[] {25}, // unmapped code
                    new int[] {30, 0, 6, 2}),
                "programs/a.ts",
                "~lib/rt/tlsf.ts"));
    assertEquals(Optional.of(new SourcePosition(0, 5, 3)), m.positionAt(10));
    assertEquals(Optional.of(new SourcePosition(0, 5, 9)), m.positionAt(19));
    assertEquals(Optional.of(new SourcePosition(1, 1, 1)), m.positionAt(24));
    assertEquals(Optional.empty(), m.positionAt(27), "a 1-field segment maps to no source");
    assertEquals(Optional.of(new SourcePosition(0, 7, 3)), m.positionAt(1_000_000));
    assertEquals(5, m.segmentCount());
  }

  @Test
  void aFrameInUnmappedCodeShowsTheLastPositionBeforeItInItsFunction() throws Exception {
    SourceMap m =
        SourceMap.parse(
            VlqForTests.map(
                VlqForTests.mappings(
                    new int[] {10, 0, 4, 2}, // the end of one function
                    new int[] {20}, // the next function's unmapped prologue, from 18
                    new int[] {24, 0, 8, 2},
                    new int[] {26, 0, 8, 9},
                    new int[] {28}), // an unmapped call (asc's abort of an assert)
                "a.ts"));
    assertEquals(Optional.empty(), m.positionAt(30));
    assertEquals(Optional.of(new SourcePosition(0, 9, 10)), m.framePosition(30, 18));
    assertEquals(Optional.of(new SourcePosition(0, 9, 3)), m.framePosition(24, 18), "mapped: as is");
    assertEquals(Optional.empty(), m.framePosition(21, 18), "not the function before");
    assertEquals(Optional.of(new SourcePosition(0, 5, 3)), m.framePosition(21, 0), "start unknown");
  }

  @Test
  void linesHaveOneEntryPerRunOfCode() throws Exception {
    // Line 5 (0-based 4): two runs, separated by line 6's code; line 7 has one run of 3 mapped segments.
    SourceMap m =
        SourceMap.parse(
            VlqForTests.map(
                VlqForTests.mappings(
                    new int[] {100, 0, 4, 2},
                    new int[] {103, 0, 4, 6},
                    new int[] {110, 0, 5, 2},
                    new int[] {120, 0, 4, 10},
                    new int[] {130, 0, 6, 2},
                    new int[] {131}, // unmapped code inside the statement does not end its run
                    new int[] {133, 0, 6, 4},
                    new int[] {135, 0, 6, 9}),
                "a.ts"));
    assertArrayEquals(new int[] {100, 120}, m.lineEntries(0, 5));
    assertArrayEquals(new int[] {110}, m.lineEntries(0, 6));
    assertArrayEquals(new int[] {130}, m.lineEntries(0, 7));
    assertArrayEquals(new int[0], m.lineEntries(0, 4));
    assertEquals(5, m.nextLineWithCode(0, 1));
    assertEquals(7, m.nextLineWithCode(0, 7));
    assertEquals(-1, m.nextLineWithCode(0, 8));
    assertEquals(
        List.of(
            new SourceMap.LineColumn(5, 3),
            new SourceMap.LineColumn(5, 11),
            new SourceMap.LineColumn(6, 3),
            new SourceMap.LineColumn(7, 3)),
        m.breakpointLocations(0, 1, 7));
    assertEquals(List.of(new SourceMap.LineColumn(6, 3)), m.breakpointLocations(0, 6, 6));
  }

  @Test
  void aMappedSegmentWinsOverAnUnmappedOneAtTheSameOffset() throws Exception {
    SourceMap m =
        SourceMap.parse(
            VlqForTests.map(
                VlqForTests.mappings(
                    new int[] {10, 0, 4, 2},
                    new int[] {10}, // asc: the expression's operand, without a position, same offset
                    new int[] {14, 0, 5, 2},
                    new int[] {20},
                    new int[] {20, 0, 6, 2}, // the other order: unmapped, then mapped
                    new int[] {30}),
                "a.ts"));
    assertEquals(Optional.of(new SourcePosition(0, 5, 3)), m.positionAt(10));
    assertEquals(Optional.of(new SourcePosition(0, 5, 3)), m.positionAt(13));
    assertEquals(Optional.of(new SourcePosition(0, 7, 3)), m.positionAt(20));
    assertEquals(Optional.empty(), m.positionAt(30), "unmapped alone stays unmapped");
    assertArrayEquals(new int[] {10}, m.lineEntries(0, 5));
  }

  @Test
  void segmentsOutOfOffsetOrderAreSorted() throws Exception {
    SourceMap m =
        SourceMap.parse(
            VlqForTests.map(
                VlqForTests.mappings(new int[] {50, 0, 1, 0}, new int[] {20, 0, 0, 0}), "a.ts"));
    assertEquals(1, m.positionAt(30).get().line());
    assertEquals(2, m.positionAt(50).get().line());
  }

  @Test
  void contentAndDeclaredRootAreKept() throws Exception {
    SourceMap m =
        SourceMap.parse(
            "{\"version\":3,\"sources\":[\"p.ts\",\"~lib/x.ts\"],\"sourceRoot\":\"./p\","
                + "\"sourcesContent\":[null,\"export const x = 1;\"],\"mappings\":\"AAAA\"}");
    assertEquals(Optional.empty(), m.content(0));
    assertEquals(Optional.of("export const x = 1;"), m.content(1));
    assertEquals("./p", m.declaredSourceRoot());
  }

  @Test
  void badMapsSayWhatIsWrong() {
    assertTrue(error("not json").startsWith("not a source map: invalid JSON"));
    assertEquals("not a source map: the JSON is not an object", error("[1]"));
    assertEquals(
        "not a source map v3: \"version\" is 2",
        error("{\"version\":2,\"sources\":[],\"mappings\":\"\"}"));
    assertEquals(
        "not a source map v3: \"version\" is missing", error("{\"sources\":[],\"mappings\":\"\"}"));
    assertEquals("\"sources\" is missing", error("{\"version\":3,\"mappings\":\"\"}"));
    assertEquals(
        "\"mappings\" is missing or not a string", error("{\"version\":3,\"sources\":[\"a\"]}"));
    assertEquals(
        "index maps (\"sections\") are not supported", error("{\"version\":3,\"sections\":[]}"));
    assertEquals(
        "mappings has '!' at position 4, not a Base64 VLQ digit", error(VlqForTests.map("AAAA!", "a")));
    assertEquals(
        "mappings ends inside a VLQ number that starts at position 0", error(VlqForTests.map("g", "a")));
    assertEquals(
        "mappings segment 1 at position 0 names source 3 but the map has 1 sources",
        error(VlqForTests.map("AGAA", "a")));
    assertEquals(
        "mappings segment at position 0 ends after field 2; a segment has 1, 4 or 5 fields",
        error(VlqForTests.map("AA", "a")));
    assertEquals(
        "mappings segment 1 at position 0 has more than 5 fields", error(VlqForTests.map("AAAAAA", "a")));
    assertEquals(
        "mappings segment 2 at position 5 has a negative or too large line or column (-1:0)",
        error(VlqForTests.map("AAAA,CADA", "a")));
    assertTrue(error(VlqForTests.map("AAAA;CAAA", "a")).startsWith("mappings has segments on generated line 2"));
    assertEquals(
        "mappings has a VLQ number at position 0 too large for 32 bits",
        error(VlqForTests.map("gggggggggA", "a")));
  }

  @Test
  void emptyTrailingLinesAreAccepted() throws Exception {
    assertEquals(1, SourceMap.parse(VlqForTests.map("AAAA;;", "a")).segmentCount());
  }
}
