package dev.tricolor.dap.expr;

/** Integer types of expression values: WebAssembly's i32/i64, with AssemblyScript's unsigned views. */
public enum IntType {
  I32(32, false),
  U32(32, true),
  I64(64, false),
  U64(64, true);

  final int bits;
  final boolean unsigned;

  IntType(int bits, boolean unsigned) {
    this.bits = bits;
    this.unsigned = unsigned;
  }

  /** {@code x} cut to this type's width and extended back to 64 bits by its signedness. */
  long normalize(long x) {
    if (bits == 64) {
      return x;
    }
    return unsigned ? x & 0xFFFF_FFFFL : (long) (int) x;
  }

  /** The type both operands of a binary operation are converted to. */
  static IntType common(IntType a, IntType b) {
    int bits = Math.max(a.bits, b.bits);
    boolean unsigned = (a.bits == bits && a.unsigned) || (b.bits == bits && b.unsigned);
    if (bits == 64) {
      return unsigned ? U64 : I64;
    }
    return unsigned ? U32 : I32;
  }

  public String displayName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
