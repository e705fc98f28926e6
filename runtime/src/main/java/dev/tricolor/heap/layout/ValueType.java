package dev.tricolor.heap.layout;

import dev.tricolor.wasm.memory.Memory;

/**
 * The type of an element, key or value of a container, as far as the RTTI flags tell it: size
 * (VALUE_ALIGN_*), signedness, float and managed. A managed value is a pointer to an object; an
 * unmanaged 32-bit unsigned value may be a {@code usize} or a {@code u32}, the flags cannot say.
 */
public enum ValueType {
  I8(0), U8(0), I16(1), U16(1), I32(2), U32(2), I64(3), U64(3), F32(2), F64(3), V128(4),
  /** A pointer to a managed object (nullable or not), 0 for null. */
  REF(2);

  private final int alignLog2;

  ValueType(int alignLog2) {
    this.alignLog2 = alignLog2;
  }

  /** log2 of the size in bytes. */
  public int alignLog2() {
    return alignLog2;
  }

  public int byteSize() {
    return 1 << alignLog2;
  }

  /**
   * The type described by flags in the VALUE_* positions ({@link Typeinfo#valueFlags} or
   * {@link Typeinfo#keyFlags}), or null when no size is given.
   */
  public static ValueType fromValueFlags(int flags) {
    int log2 = Typeinfo.valueAlignLog2(flags);
    boolean signed = (flags & Typeinfo.VALUE_SIGNED) != 0;
    boolean isFloat = (flags & Typeinfo.VALUE_FLOAT) != 0;
    boolean managed = (flags & Typeinfo.VALUE_MANAGED) != 0;
    return switch (log2) {
      case 0 -> signed ? I8 : U8;
      case 1 -> signed ? I16 : U16;
      case 2 -> managed ? REF : isFloat ? F32 : signed ? I32 : U32;
      case 3 -> isFloat ? F64 : signed ? I64 : U64;
      case 4 -> V128;
      default -> null;
    };
  }

  /**
   * The value at {@code index} of {@code bytes} as raw bits, sign- or zero-extended to a long
   * (floats as their bit patterns; V128 gives its low 64 bits). The caller checks bounds.
   */
  public long load(byte[] bytes, int index) {
    return switch (this) {
      case I8 -> bytes[index];
      case U8 -> bytes[index] & 0xffL;
      case I16 -> Memory.getI16(bytes, index);
      case U16 -> Memory.getI16(bytes, index) & 0xffffL;
      case I32 -> Memory.getI32(bytes, index);
      case U32, REF, F32 -> Memory.getI32(bytes, index) & 0xffffffffL;
      case I64, U64, F64, V128 -> Memory.getI64(bytes, index);
    };
  }

  /** The raw bits of {@link #load} as the program would print them. */
  public String format(long bits) {
    return switch (this) {
      case I8, I16, I32, I64, U8, U16, U32 -> Long.toString(bits);
      case U64 -> Long.toUnsignedString(bits);
      case F32 -> Float.toString(Float.intBitsToFloat((int) bits));
      case F64 -> Double.toString(Double.longBitsToDouble(bits));
      case V128 -> String.format("v128(low 0x%016x)", bits);
      case REF -> bits == 0 ? "null" : String.format("0x%x", bits);
    };
  }

  /** The AssemblyScript spelling, lower case ({@code i32}, {@code f64}, {@code ref}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
