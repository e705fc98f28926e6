package dev.tricolor.dap.expr;

import java.util.Locale;

/** The types {@code load<T>(addr)} reads, as AssemblyScript names them. */
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

  final int size;

  LoadType(int size) {
    this.size = size;
  }

  /** The type called {@code name} in {@code load<name>}, or null. */
  static LoadType byName(String name) {
    for (LoadType t : values()) {
      if (t.name().toLowerCase(Locale.ROOT).equals(name)) {
        return t;
      }
    }
    return null;
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
    StringBuilder sb = new StringBuilder();
    for (LoadType t : values()) {
      sb.append(sb.length() > 0 ? ", " : "").append(t.name().toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }
}
