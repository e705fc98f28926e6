package dev.tricolor.dap.sourcemap;

/** A Base64 VLQ encoder for writing test maps: the inverse of what the decoder reads. */
public final class VlqForTests {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private VlqForTests() {}

  public static String encode(long value) {
    long v = value < 0 ? ((-value) << 1) | 1 : value << 1;
    StringBuilder sb = new StringBuilder();
    do {
      int digit = (int) (v & 31);
      v >>>= 5;
      if (v != 0) {
        digit |= 32;
      }
      sb.append(ALPHABET.charAt(digit));
    } while (v != 0);
    return sb.toString();
  }

  /**
   * Mappings for absolute segments {offset, source, line0, column0} or {offset} (unmapped), in the
   * given order, on one generated line.
   */
  public static String mappings(int[]... segments) {
    StringBuilder sb = new StringBuilder();
    long[] prev = new long[4];
    for (int[] s : segments) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      for (int f = 0; f < s.length; f++) {
        sb.append(encode(s[f] - prev[f]));
        prev[f] = s[f];
      }
    }
    return sb.toString();
  }

  /** A whole map with the given sources (no content) and mappings. */
  public static String map(String mappings, String... sources) {
    StringBuilder sb = new StringBuilder("{\"version\":3,\"sources\":[");
    for (int i = 0; i < sources.length; i++) {
      sb.append(i > 0 ? "," : "").append('"').append(sources[i]).append('"');
    }
    return sb.append("],\"names\":[],\"mappings\":\"").append(mappings).append("\"}").toString();
  }
}
