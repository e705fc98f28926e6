package dev.tricolor.dap.expr;

import dev.tricolor.heap.host.ByteSwap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The types {@code load<T>(addr)} reads, as AssemblyScript names them; subsets of them are the
 * types of {@code loadBE<T>(addr)} and {@code bswap<T>(x)}.
 */
public enum LoadType {
  I8(1),
  U8(1),
  I16(2),
  U16(2),
  I32(4),
  U32(4),
  I64(8),
  U64(8),
  F32(4),
  F64(8),
  BOOL(1),
  ISIZE(4),
  USIZE(4);

  /** The types {@code loadBE<T>} reads: those of more than one byte that are not addresses. */
  static final Set<LoadType> BIG_ENDIAN = EnumSet.of(I16, U16, I32, U32, I64, U64, F32, F64);

  /**
   * The types {@code bswap<T>} swaps: the integers of more than one byte. AssemblyScript's
   * polyfill also takes 8-bit types (and returns them unchanged) and isize/usize (addresses,
   * which no one swaps); here those are an error that lists these.
   */
  static final Set<LoadType> SWAPPABLE = EnumSet.of(I16, U16, I32, U32, I64, U64);

  final int size;

  LoadType(int size) {
    this.size = size;
  }

  /** The type called {@code name} in {@code load<name>}, or null. */
  static LoadType byName(String name) {
    for (LoadType t : values()) {
      if (t.displayName().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** The type as AssemblyScript spells it: {@code u32}. */
  String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@code bits} (this type's {@link #size} bytes, zero-extended) with their bytes in the
   * opposite order, zero-extended again: the runtime's host byte swaps, so the debugger and the
   * host runtime cannot disagree. One-byte types come back as they are.
   */
  long swapBytes(long bits) {
    return switch (size) {
      case 2 -> ByteSwap.bswap16((int) bits);
      case 4 -> ByteSwap.bswap32((int) bits) & 0xFFFF_FFFFL;
      case 8 -> ByteSwap.bswap64(bits);
      default -> bits & 0xFFL;
    };
  }

  /** {@code bits} cut to this type's size, zero-extended: what a store of it would write. */
  long truncate(long bits) {
    return size == 8 ? bits : bits & ((1L << (size * 8)) - 1);
  }

  /** The value {@code bits} (little-endian, zero-extended) holds as this type. */
  Value decode(long bits) {
    return switch (this) {
      case I8 -> Value.Int.i32((byte) bits);
      case U8 -> Value.Int.i32((int) (bits & 0xFF));
      case I16 -> Value.Int.i32((short) bits);
      case U16 -> Value.Int.i32((int) (bits & 0xFFFF));
      case I32, ISIZE -> Value.Int.i32((int) bits);
      case U32, USIZE -> Value.Int.u32(bits);
      case I64 -> Value.Int.i64(bits);
      case U64 -> Value.Int.u64(bits);
      case F32 -> Value.Float.f32(java.lang.Float.intBitsToFloat((int) bits));
      case F64 -> Value.Float.f64(Double.longBitsToDouble(bits));
      case BOOL -> Value.Bool.of((bits & 0xFF) != 0);
    };
  }

  static String allNames() {
    return names(EnumSet.allOf(LoadType.class));
  }

  /** The names of {@code types}, in declaration order, comma-separated. */
  static String names(Set<LoadType> types) {
    StringBuilder sb = new StringBuilder();
    for (LoadType t : types) {
      sb.append(sb.length() > 0 ? ", " : "").append(t.displayName());
    }
    return sb.toString();
  }
}
