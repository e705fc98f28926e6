package dev.tricolor.wasm.exec;

/**
 * Conversions between Java values and the raw bits the engine keeps on its value stack and in
 * globals: an i32 as an int (sign-extended into the long), an i64 as itself, an f32 as its raw
 * int bits, an f64 as its raw long bits (so NaN payloads survive), a reference as a store ref
 * (0 = null).
 */
public final class Values {
  private Values() {}

  public static long i32(int v) {
    return v;
  }

  public static long f32(float v) {
    return Float.floatToRawIntBits(v);
  }

  public static long f64(double v) {
    return Double.doubleToRawLongBits(v);
  }

  public static int asI32(long bits) {
    return (int) bits;
  }

  public static float asF32(long bits) {
    return Float.intBitsToFloat((int) bits);
  }

  public static double asF64(long bits) {
    return Double.longBitsToDouble(bits);
  }

  /** The ref of a non-null externref whose host value is {@code v} (v >= 0). */
  public static long externRef(long v) {
    return v + 1;
  }

  /** The host value of a non-null externref. */
  public static long externValue(long ref) {
    return ref - 1;
  }

  public static final long NULL_REF = 0;
}
