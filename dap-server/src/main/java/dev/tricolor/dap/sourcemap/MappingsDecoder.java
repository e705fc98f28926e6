package dev.tricolor.dap.sourcemap;

/**
 * Decodes a source map v3 {@code mappings} string into parallel arrays, one entry per segment.
 *
 * <p>A segment is 1, 4 or 5 Base64 VLQ fields, each relative to the same field of the segment
 * before: generated column, source index, original line, original column, name index. For a
 * WebAssembly module the generated "file" is one line and the generated column is the byte offset
 * in the module file. A 1-field segment marks code that maps to no source (kept, with source -1,
 * so a lookup inside it finds nothing rather than the segment before).
 *
 * <pre>
 * Base64 VLQ digit (6 bits):  ┌──────┬───────────────┐
 *                             │ cont │ 5 value bits  │  first digit: lowest value bit is the sign
 *                             └──────┴───────────────┘
 * </pre>
 */
final class MappingsDecoder {
  private static final byte[] BASE64 = new byte[128];

  static {
    java.util.Arrays.fill(BASE64, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64[alphabet.charAt(i)] = (byte) i;
    }
  }

  /** The decoded segments in the order written; {@code source[i] == -1} for unmapped code. */
  static final class Segments {
    int count;
    int[] offset = new int[64];
    int[] source = new int[64];
    int[] line = new int[64];
    int[] column = new int[64];

    void add(int off, int src, int ln, int col) {
      if (count == offset.length) {
        int n = count * 2;
        offset = java.util.Arrays.copyOf(offset, n);
        source = java.util.Arrays.copyOf(source, n);
        line = java.util.Arrays.copyOf(line, n);
        column = java.util.Arrays.copyOf(column, n);
      }
      offset[count] = off;
      source[count] = src;
      line[count] = ln;
      column[count] = col;
      count++;
    }
  }

  private final String s;
  private int pos;

  private MappingsDecoder(String s) {
    this.s = s;
  }

  static Segments decode(String mappings, int sourceCount) throws SourceMapException {
    return new MappingsDecoder(mappings).run(sourceCount);
  }

  private Segments run(int sourceCount) throws SourceMapException {
    Segments out = new Segments();
    long generated = 0;
    long src = 0;
    long line = 0;
    long col = 0;
    int segmentNo = 0;
    int n = s.length();
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == ',') {
        pos++;
        continue;
      }
      if (c == ';') {
        // Later generated lines are legal v3 but mean nothing for a module: there is one line.
        int at = pos;
        while (pos < n && (s.charAt(pos) == ';' || s.charAt(pos) == ',')) {
          pos++;
        }
        if (pos < n) {
          throw new SourceMapException(
              "mappings has segments on generated line 2 or later (at position "
                  + at
                  + "); a WebAssembly source map maps one line of byte offsets");
        }
        break;
      }
      int start = pos;
      segmentNo++;
      generated += vlq();
      int fields = 1;
      if (more()) {
        src += vlq();
        line += more() ? vlq() : missing(start, 2);
        col += more() ? vlq() : missing(start, 3);
        fields = 4;
        if (more()) {
          vlq(); // the name index: names are not used
          fields = 5;
        }
        if (more()) {
          throw new SourceMapException(
              "mappings segment " + segmentNo + " at position " + start + " has more than 5 fields");
        }
      }
      if (generated < 0 || generated > Integer.MAX_VALUE) {
        throw new SourceMapException(
            "mappings segment " + segmentNo + " at position " + start
                + " has a negative or too large byte offset " + generated);
      }
      if (fields == 1) {
        out.add((int) generated, -1, 0, 0);
        continue;
      }
      if (src < 0 || src >= sourceCount) {
        throw new SourceMapException(
            "mappings segment " + segmentNo + " at position " + start + " names source " + src
                + " but the map has " + sourceCount + " sources");
      }
      if (line < 0 || line >= Integer.MAX_VALUE || col < 0 || col >= Integer.MAX_VALUE) {
        throw new SourceMapException(
            "mappings segment " + segmentNo + " at position " + start
                + " has a negative or too large line or column (" + line + ":" + col + ")");
      }
      out.add((int) generated, (int) src, (int) line, (int) col);
    }
    return out;
  }

  private boolean more() {
    return pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ';';
  }

  private long missing(int start, int fieldsRead) throws SourceMapException {
    throw new SourceMapException(
        "mappings segment at position " + start + " ends after field " + fieldsRead
            + "; a segment has 1, 4 or 5 fields");
  }

  private long vlq() throws SourceMapException {
    long result = 0;
    int shift = 0;
    int start = pos;
    while (true) {
      if (pos >= s.length()) {
        throw new SourceMapException(
            "mappings ends inside a VLQ number that starts at position " + start);
      }
      char c = s.charAt(pos);
      int digit = c < 128 ? BASE64[c] : -1;
      if (digit < 0) {
        throw new SourceMapException(
            "mappings has " + describe(c) + " at position " + pos + ", not a Base64 VLQ digit");
      }
      pos++;
      if (shift > 35) {
        throw new SourceMapException(
            "mappings has a VLQ number at position " + start + " too large for 32 bits");
      }
      result |= (long) (digit & 31) << shift;
      shift += 5;
      if ((digit & 32) == 0) {
        break;
      }
    }
    long value = result >>> 1;
    return (result & 1) != 0 ? -value : value;
  }

  private static String describe(char c) {
    if (c >= 0x20 && c < 0x7f) {
      return "'" + c + "'";
    }
    return String.format("the character U+%04X", (int) c);
  }
}
