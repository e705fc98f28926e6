package dev.tricolor.heap.layout;

/**
 * A managed object's GC color, resolved against the collector's current white: the two low bits
 * of {@code nextWithColor} mean white or black depending on the global {@code white}, which flips
 * every cycle.
 */
public enum Color {
  WHITE("white"),
  BLACK("black"),
  GRAY("gray"),
  /** Pinned with {@code __pin}: always reachable. */
  TRANSPARENT("transparent");

  private static final Color[] VALUES = values();

  private final String label;

  Color(String label) {
    this.label = label;
  }

  /** The lower-case name the debugger shows. */
  public String label() {
    return label;
  }

  /**
   * The color of the bits {@code colorBits} (0..3) when the collector's white is {@code white}
   * (0 or 1; other values are read as {@code white & 1}).
   */
  public static Color of(int colorBits, int white) {
    int bits = colorBits & Itcms.COLOR_MASK;
    if (bits >= Itcms.GRAY) {
      return VALUES[bits];
    }
    return bits == (white & 1) ? WHITE : BLACK;
  }

  /** The bits that stand for this color when the collector's white is {@code white}. */
  public int bits(int white) {
    return switch (this) {
      case WHITE -> white & 1;
      case BLACK -> (white & 1) ^ 1;
      case GRAY -> Itcms.GRAY;
      case TRANSPARENT -> Itcms.TRANSPARENT;
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
