package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.binary.Opcodes;

/**
 * WebAssembly numeric semantics that Java does not give directly: trapping division and
 * truncation, saturating truncation, unsigned conversions, float rounding. Small static methods
 * the JIT inlines into the interpreter loop.
 */
final class Num {
  private Num() {}

  static float f32(long bits) {
    return Float.intBitsToFloat((int) bits);
  }

  static double f64(long bits) {
    return Double.longBitsToDouble(bits);
  }

  static long bits(float v) {
    return Float.floatToRawIntBits(v);
  }

  static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  static long bool(boolean b) {
    return b ? 1 : 0;
  }

  /** An i32 comparison (I32_EQ..I32_GE_U) fused into a branch. */
  static boolean compare(int op, int a, int b) {
    switch (op) {
      case Opcodes.I32_EQ:
        return a == b;
      case Opcodes.I32_NE:
        return a != b;
      case Opcodes.I32_LT_S:
        return a < b;
      case Opcodes.I32_LT_U:
        return Integer.compareUnsigned(a, b) < 0;
      case Opcodes.I32_GT_S:
        return a > b;
      case Opcodes.I32_GT_U:
        return Integer.compareUnsigned(a, b) > 0;
      case Opcodes.I32_LE_S:
        return a <= b;
      case Opcodes.I32_LE_U:
        return Integer.compareUnsigned(a, b) <= 0;
      case Opcodes.I32_GE_S:
        return a >= b;
      default:
        return Integer.compareUnsigned(a, b) >= 0;
    }
  }

  // ---- integer division ----

  static int divS(int a, int b) {
    if (b == 0) {
      throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    if (a == Integer.MIN_VALUE && b == -1) {
      throw new Trap(TrapKind.INTEGER_OVERFLOW);
    }
    return a / b;
  }

  static int divU(int a, int b) {
    if (b == 0) {
      throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return Integer.divideUnsigned(a, b);
  }

  static int remS(int a, int b) {
    if (b == 0) {
      throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return b == -1 ? 0 : a % b;
  }

  static int remU(int a, int b) {
    if (b == 0) {
      throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return Integer.remainderUnsigned(a, b);
  }

  static long divS(long a, long b) {
    if (b == 0) {
      throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    if (a == Long.MIN_VALUE && b == -1) {
      throw new Trap(TrapKind.INTEGER_OVERFLOW);
    }
    return a / b;
  }

  static long divU(long a, long b) {
    if (b == 0) {
      throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return Long.divideUnsigned(a, b);
  }

  static long remS(long a, long b) {
    if (b == 0) {
      throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return b == -1 ? 0 : a % b;
  }

  static long remU(long a, long b) {
    if (b == 0) {
      throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return Long.remainderUnsigned(a, b);
  }

  // ---- float operators Java does not have bit-exactly ----

  static float trunc(float v) {
    return (float) (v < 0 ? Math.ceil(v) : Math.floor(v));
  }

  static double trunc(double v) {
    return v < 0 ? Math.ceil(v) : Math.floor(v);
  }

  static long f32Abs(long bits) {
    return (int) bits & 0x7FFF_FFFF;
  }

  static long f32Neg(long bits) {
    return (int) bits ^ 0x8000_0000;
  }

  static long f32Copysign(long a, long b) {
    return ((int) a & 0x7FFF_FFFF) | ((int) b & 0x8000_0000);
  }

  static long f64Abs(long bits) {
    return bits & 0x7FFF_FFFF_FFFF_FFFFL;
  }

  static long f64Neg(long bits) {
    return bits ^ 0x8000_0000_0000_0000L;
  }

  static long f64Copysign(long a, long b) {
    return (a & 0x7FFF_FFFF_FFFF_FFFFL) | (b & 0x8000_0000_0000_0000L);
  }

  /**
   * A NaN result with its quiet bit set: the spec wants an arithmetic NaN from these operators,
   * and Java's min, max, floor, ceil and rint hand a signaling NaN operand back unchanged.
   */
  static long quiet32(long bits) {
    int b = (int) bits;
    return (b & 0x7F80_0000) == 0x7F80_0000 && (b & 0x007F_FFFF) != 0 ? b | 0x0040_0000 : b;
  }

  static long quiet64(long bits) {
    boolean nan = (bits & 0x7FF0_0000_0000_0000L) == 0x7FF0_0000_0000_0000L
        && (bits & 0x000F_FFFF_FFFF_FFFFL) != 0;
    return nan ? bits | 0x0008_0000_0000_0000L : bits;
  }

  // ---- trapping truncation ----

  private static Trap invalid() {
    return new Trap(TrapKind.INVALID_CONVERSION_TO_INTEGER);
  }

  private static Trap overflow() {
    return new Trap(TrapKind.INTEGER_OVERFLOW);
  }

  static int i32TruncS(double v) {
    if (Double.isNaN(v)) {
      throw invalid();
    }
    if (!(v > -2147483649.0 && v < 2147483648.0)) {
      throw overflow();
    }
    return (int) v;
  }

  static int i32TruncU(double v) {
    if (Double.isNaN(v)) {
      throw invalid();
    }
    if (!(v > -1.0 && v < 4294967296.0)) {
      throw overflow();
    }
    return (int) (long) v;
  }

  static long i64TruncS(double v) {
    if (Double.isNaN(v)) {
      throw invalid();
    }
    if (!(v >= -9.223372036854775808E18 && v < 9.223372036854775808E18)) {
      throw overflow();
    }
    return (long) v;
  }

  static long i64TruncU(double v) {
    if (Double.isNaN(v)) {
      throw invalid();
    }
    if (!(v > -1.0 && v < 1.8446744073709552E19)) {
      throw overflow();
    }
    return u64(v);
  }

  /** v in [0, 2^64): the unsigned 64-bit value. */
  private static long u64(double v) {
    if (v < 9.223372036854775808E18) {
      return (long) v;
    }
    return (long) (v - 9.223372036854775808E18) ^ Long.MIN_VALUE;
  }

  // ---- saturating truncation ----

  static int i32TruncSatS(double v) {
    return (int) v; // Java saturates and maps NaN to 0, as the spec does
  }

  static int i32TruncSatU(double v) {
    if (Double.isNaN(v) || v <= 0) {
      return 0;
    }
    if (v >= 4294967295.0) {
      return -1;
    }
    return (int) (long) v;
  }

  static long i64TruncSatS(double v) {
    return (long) v;
  }

  static long i64TruncSatU(double v) {
    if (Double.isNaN(v) || v <= 0) {
      return 0;
    }
    if (v >= 1.8446744073709552E19) {
      return -1;
    }
    return u64(v);
  }

  // ---- unsigned conversions to float ----

  static float f32FromU64(long v) {
    if (v >= 0) {
      return v;
    }
    // Halve with the lost bit kept sticky, so rounding to float is still correct.
    return ((v >>> 1) | (v & 1)) * 2.0f;
  }

  static double f64FromU64(long v) {
    if (v >= 0) {
      return v;
    }
    return ((v >>> 1) | (v & 1)) * 2.0;
  }

  /** Every conversion and unary operator the interpreter sends here (its cold path). */
  static long unary(int op, long x) {
    return switch (op) {
      case Opcodes.I32_CLZ -> Integer.numberOfLeadingZeros((int) x);
      case Opcodes.I32_CTZ -> Integer.numberOfTrailingZeros((int) x);
      case Opcodes.I32_POPCNT -> Integer.bitCount((int) x);
      case Opcodes.I64_CLZ -> Long.numberOfLeadingZeros(x);
      case Opcodes.I64_CTZ -> Long.numberOfTrailingZeros(x);
      case Opcodes.I64_POPCNT -> Long.bitCount(x);
      case Opcodes.F32_ABS -> f32Abs(x);
      case Opcodes.F32_NEG -> f32Neg(x);
      case Opcodes.F32_CEIL -> quiet32(bits((float) Math.ceil(f32(x))));
      case Opcodes.F32_FLOOR -> quiet32(bits((float) Math.floor(f32(x))));
      case Opcodes.F32_TRUNC -> quiet32(bits(trunc(f32(x))));
      case Opcodes.F32_NEAREST -> quiet32(bits((float) Math.rint(f32(x))));
      case Opcodes.F32_SQRT -> quiet32(bits((float) Math.sqrt(f32(x))));
      case Opcodes.F64_ABS -> f64Abs(x);
      case Opcodes.F64_NEG -> f64Neg(x);
      case Opcodes.F64_CEIL -> quiet64(bits(Math.ceil(f64(x))));
      case Opcodes.F64_FLOOR -> quiet64(bits(Math.floor(f64(x))));
      case Opcodes.F64_TRUNC -> quiet64(bits(trunc(f64(x))));
      case Opcodes.F64_NEAREST -> quiet64(bits(Math.rint(f64(x))));
      case Opcodes.F64_SQRT -> quiet64(bits(Math.sqrt(f64(x))));
      case Opcodes.I32_WRAP_I64 -> (int) x;
      case Opcodes.I32_TRUNC_F32_S -> i32TruncS(f32(x));
      case Opcodes.I32_TRUNC_F32_U -> i32TruncU(f32(x));
      case Opcodes.I32_TRUNC_F64_S -> i32TruncS(f64(x));
      case Opcodes.I32_TRUNC_F64_U -> i32TruncU(f64(x));
      case Opcodes.I64_EXTEND_I32_S -> (int) x;
      case Opcodes.I64_EXTEND_I32_U -> x & 0xFFFF_FFFFL;
      case Opcodes.I64_TRUNC_F32_S -> i64TruncS(f32(x));
      case Opcodes.I64_TRUNC_F32_U -> i64TruncU(f32(x));
      case Opcodes.I64_TRUNC_F64_S -> i64TruncS(f64(x));
      case Opcodes.I64_TRUNC_F64_U -> i64TruncU(f64(x));
      case Opcodes.F32_CONVERT_I32_S -> bits((float) (int) x);
      case Opcodes.F32_CONVERT_I32_U -> bits((float) (x & 0xFFFF_FFFFL));
      case Opcodes.F32_CONVERT_I64_S -> bits((float) x);
      case Opcodes.F32_CONVERT_I64_U -> bits(f32FromU64(x));
      case Opcodes.F32_DEMOTE_F64 -> bits((float) f64(x));
      case Opcodes.F64_CONVERT_I32_S -> bits((double) (int) x);
      case Opcodes.F64_CONVERT_I32_U -> bits((double) (x & 0xFFFF_FFFFL));
      case Opcodes.F64_CONVERT_I64_S -> bits((double) x);
      case Opcodes.F64_CONVERT_I64_U -> bits(f64FromU64(x));
      case Opcodes.F64_PROMOTE_F32 -> bits((double) f32(x));
      case Opcodes.I32_REINTERPRET_F32, Opcodes.F32_REINTERPRET_I32 -> (int) x;
      case Opcodes.I64_REINTERPRET_F64, Opcodes.F64_REINTERPRET_I64 -> x;
      case Opcodes.I32_EXTEND8_S -> (byte) x;
      case Opcodes.I32_EXTEND16_S -> (short) x;
      case Opcodes.I64_EXTEND8_S -> (byte) x;
      case Opcodes.I64_EXTEND16_S -> (short) x;
      case Opcodes.I64_EXTEND32_S -> (int) x;
      case Op.I32_TRUNC_SAT_F32_S -> i32TruncSatS(f32(x));
      case Op.I32_TRUNC_SAT_F32_U -> i32TruncSatU(f32(x));
      case Op.I32_TRUNC_SAT_F64_S -> i32TruncSatS(f64(x));
      case Op.I32_TRUNC_SAT_F64_U -> i32TruncSatU(f64(x));
      case Op.I64_TRUNC_SAT_F32_S -> i64TruncSatS(f32(x));
      case Op.I64_TRUNC_SAT_F32_U -> i64TruncSatU(f32(x));
      case Op.I64_TRUNC_SAT_F64_S -> i64TruncSatS(f64(x));
      case Op.I64_TRUNC_SAT_F64_U -> i64TruncSatU(f64(x));
      default -> throw new IllegalStateException("not a unary op: " + op);
    };
  }

  /** Binary operators on the cold path. */
  static long binary(int op, long a, long b) {
    return switch (op) {
      case Opcodes.I32_ROTL -> Integer.rotateLeft((int) a, (int) b);
      case Opcodes.I32_ROTR -> Integer.rotateRight((int) a, (int) b);
      case Opcodes.I64_ROTL -> Long.rotateLeft(a, (int) b);
      case Opcodes.I64_ROTR -> Long.rotateRight(a, (int) b);
      case Opcodes.I64_DIV_S -> divS(a, b);
      case Opcodes.I64_DIV_U -> divU(a, b);
      case Opcodes.I64_REM_S -> remS(a, b);
      case Opcodes.I64_REM_U -> remU(a, b);
      case Opcodes.I32_DIV_U -> divU((int) a, (int) b);
      case Opcodes.I32_REM_S -> remS((int) a, (int) b);
      case Opcodes.I32_REM_U -> remU((int) a, (int) b);
      case Opcodes.F32_MIN -> quiet32(bits(Math.min(f32(a), f32(b))));
      case Opcodes.F32_MAX -> quiet32(bits(Math.max(f32(a), f32(b))));
      case Opcodes.F32_COPYSIGN -> f32Copysign(a, b);
      case Opcodes.F64_MIN -> quiet64(bits(Math.min(f64(a), f64(b))));
      case Opcodes.F64_MAX -> quiet64(bits(Math.max(f64(a), f64(b))));
      case Opcodes.F64_COPYSIGN -> f64Copysign(a, b);
      case Opcodes.F32_EQ -> bool(f32(a) == f32(b));
      case Opcodes.F32_NE -> bool(f32(a) != f32(b));
      case Opcodes.F32_LT -> bool(f32(a) < f32(b));
      case Opcodes.F32_GT -> bool(f32(a) > f32(b));
      case Opcodes.F32_LE -> bool(f32(a) <= f32(b));
      case Opcodes.F32_GE -> bool(f32(a) >= f32(b));
      case Opcodes.F32_ADD -> bits(f32(a) + f32(b));
      case Opcodes.F32_SUB -> bits(f32(a) - f32(b));
      case Opcodes.F32_MUL -> bits(f32(a) * f32(b));
      case Opcodes.F32_DIV -> bits(f32(a) / f32(b));
      case Opcodes.I64_LT_U -> bool(Long.compareUnsigned(a, b) < 0);
      case Opcodes.I64_GT_U -> bool(Long.compareUnsigned(a, b) > 0);
      case Opcodes.I64_LE_U -> bool(Long.compareUnsigned(a, b) <= 0);
      case Opcodes.I64_GE_U -> bool(Long.compareUnsigned(a, b) >= 0);
      case Opcodes.I64_LE_S -> bool(a <= b);
      case Opcodes.I64_GE_S -> bool(a >= b);
      case Opcodes.I64_GT_S -> bool(a > b);
      case Opcodes.I64_MUL -> a * b;
      case Opcodes.I64_SHR_S -> a >> b;
      case Opcodes.I64_XOR -> a ^ b;
      default -> throw new IllegalStateException("not a binary op: " + op);
    };
  }
}
