package dev.tricolor.dap.sourcemap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A parsed source map v3 of a WebAssembly module, indexed both ways. Built once; every query is a
 * binary search over sorted arrays.
 *
 * <p>Offsets are byte offsets in the module file (what asc writes as generated columns). Lines
 * and columns in the results are 1-based, as a debugger shows them. The map's own {@code
 * sourceRoot} is kept for information only: asc writes {@code ./name}, which is no real folder,
 * so sources are resolved by {@link MappedSources} against the launch's {@code sourceRoot}.
 *
 * <p>Line queries work on <em>line entries</em>: the first offset of each run of consecutive
 * segments (in offset order) that map to the same source line, unmapped segments in between
 * not ending a run. A statement's code is one run
 * (its sub-expressions map to the same line), so a breakpoint at each entry stops once per
 * statement, not once per sub-expression; a {@code for} header has several runs (init, test,
 * update) and stops at each, as in other debuggers.
 */
public final class SourceMap {
  private final List<String> sources;
  private final List<String> sourcesContent;
  private final String declaredSourceRoot;

  // Every segment by offset: offset[i] ascending; source -1 = code that maps to no source.
  private final int[] offset;
  private final int[] source;
  private final int[] line;
  private final int[] column;

  // Line entries of each source, sorted by (line, column, offset).
  private final LineTable[] lineTables;

  private SourceMap(
      List<String> sources,
      List<String> sourcesContent,
      String declaredSourceRoot,
      MappingsDecoder.Segments seg) {
    this.sources = sources;
    this.sourcesContent = sourcesContent;
    this.declaredSourceRoot = declaredSourceRoot;

    Integer[] order = new Integer[seg.count];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Stable: segments at the same offset keep their written order (see positionAt).
    Arrays.sort(order, (a, b) -> Integer.compare(seg.offset[a], seg.offset[b]));
    int n = order.length;
    offset = new int[n];
    source = new int[n];
    line = new int[n];
    column = new int[n];
    for (int i = 0; i < n; i++) {
      int k = order[i];
      offset[i] = seg.offset[k];
      source[i] = seg.source[k];
      line[i] = seg.line[k] + 1;
      column[i] = seg.column[k] + 1;
    }
    lineTables = LineTable.build(sources.size(), offset, source, line, column);
  }

  /** Parses a source map's JSON text. */
  public static SourceMap parse(String json) throws SourceMapException {
    JsonObject root;
    try {
      JsonElement e = JsonParser.parseString(json);
      if (!e.isJsonObject()) {
        throw new SourceMapException("not a source map: the JSON is not an object");
      }
      root = e.getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new SourceMapException("not a source map: invalid JSON (" + rootCause(e) + ")", e);
    }
    if (root.has("sections")) {
      throw new SourceMapException("index maps (\"sections\") are not supported");
    }
    JsonElement version = root.get("version");
    if (version == null
        || !version.isJsonPrimitive()
        || !version.getAsJsonPrimitive().isNumber()
        || version.getAsDouble() != 3) {
      throw new SourceMapException(
          "not a source map v3: \"version\" is " + (version == null ? "missing" : version));
    }
    List<String> sources = stringArray(root, "sources", true);
    List<String> content = stringArray(root, "sourcesContent", false);
    if (content.size() > sources.size()) {
      throw new SourceMapException(
          "\"sourcesContent\" has " + content.size() + " entries for " + sources.size()
              + " sources");
    }
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i) == null) {
        throw new SourceMapException("\"sources\" entry " + i + " is null");
      }
    }
    JsonElement mappings = root.get("mappings");
    if (mappings == null || !isString(mappings)) {
      throw new SourceMapException("\"mappings\" is missing or not a string");
    }
    JsonElement sr = root.get("sourceRoot");
    String declaredRoot = sr != null && isString(sr) ? sr.getAsString() : "";
    MappingsDecoder.Segments seg = MappingsDecoder.decode(mappings.getAsString(), sources.size());
    return new SourceMap(sources, content, declaredRoot, seg);
  }

  private static boolean isString(JsonElement e) {
    return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
  }

  private static List<String> stringArray(JsonObject root, String name, boolean required)
      throws SourceMapException {
    JsonElement e = root.get(name);
    if (e == null || e.isJsonNull()) {
      if (required) {
        throw new SourceMapException("\"" + name + "\" is missing");
      }
      return List.of();
    }
    if (!e.isJsonArray()) {
      throw new SourceMapException("\"" + name + "\" is not an array");
    }
    JsonArray a = e.getAsJsonArray();
    List<String> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      JsonElement x = a.get(i);
      if (x.isJsonNull()) {
        out.add(null);
      } else if (isString(x)) {
        out.add(x.getAsString());
      } else {
        throw new SourceMapException("\"" + name + "\" entry " + i + " is not a string: " + x);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static String rootCause(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage();
  }

  /** The {@code sources} as written in the map (asc: {@code programs/list.ts}, {@code ~lib/...}). */
  public List<String> sources() {
    return sources;
  }

  /** The embedded text of source {@code index}, when the map carries it. */
  public Optional<String> content(int index) {
    return index < sourcesContent.size()
        ? Optional.ofNullable(sourcesContent.get(index))
        : Optional.empty();
  }

  /** The map's own {@code sourceRoot} (not used for resolving; see the class comment). */
  public String declaredSourceRoot() {
    return declaredSourceRoot;
  }

  /** Number of segments. */
  public int segmentCount() {
    return offset.length;
  }

  /**
   * The source position of the code at byte {@code codeOffset}: the last segment at or before it,
   * if that segment maps to a source. Where several segments share that segment's offset, the last
   * mapped one among them counts: asc (Binaryen) writes an expression's position where its code
   * begins and then, at the same offset, an unmapped segment for its first operand when that has
   * no position of its own (array literals, {@code ~lib/array.ts}, {@code util/sort.ts}); the code
   * there is the mapped expression's.
   */
  public Optional<SourcePosition> positionAt(long codeOffset) {
    int i = lastAtOrBefore(codeOffset);
    while (i > 0 && source[i] < 0 && offset[i - 1] == offset[i]) {
      i--;
    }
    if (i < 0 || source[i] < 0) {
      return Optional.empty();
    }
    return Optional.of(new SourcePosition(source[i], line[i], column[i]));
  }

  /**
   * The source position to show for a stack frame at {@code codeOffset}: as {@link #positionAt},
   * and where that code is unmapped, the last mapped position before it in the same function
   * (whose code begins at {@code functionStart}). asc leaves some calls without a position (the
   * call to {@code abort} of a failing {@code assert}); the frame is still in the statement before.
   */
  public Optional<SourcePosition> framePosition(long codeOffset, long functionStart) {
    Optional<SourcePosition> here = positionAt(codeOffset);
    if (here.isPresent()) {
      return here;
    }
    for (int i = lastAtOrBefore(codeOffset); i >= 0 && offset[i] >= functionStart; i--) {
      if (source[i] >= 0) {
        return Optional.of(new SourcePosition(source[i], line[i], column[i]));
      }
    }
    return Optional.empty();
  }

  private int lastAtOrBefore(long codeOffset) {
    int lo = 0;
    int hi = offset.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (offset[mid] <= codeOffset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Code offsets where statements of {@code line} begin (line entries), ascending. */
  public int[] lineEntries(int sourceIndex, int line) {
    return table(sourceIndex).entriesOf(line);
  }

  /**
   * The first line at or after {@code line} that has code, or -1 when no later line has any: where
   * a breakpoint set on a blank or comment line moves.
   */
  public int nextLineWithCode(int sourceIndex, int line) {
    return table(sourceIndex).nextLineAtOrAfter(line);
  }

  /** Every (line, column) from {@code line} to {@code endLine} (inclusive) where code begins. */
  public List<LineColumn> breakpointLocations(int sourceIndex, int line, int endLine) {
    return table(sourceIndex).locations(line, endLine);
  }

  private LineTable table(int sourceIndex) {
    if (sourceIndex < 0 || sourceIndex >= lineTables.length) {
      throw new IndexOutOfBoundsException(
          "source " + sourceIndex + " of " + lineTables.length);
    }
    return lineTables[sourceIndex];
  }

  /** A 1-based line and column. */
  public record LineColumn(int line, int column) {}
}
