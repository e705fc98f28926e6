package dev.tricolor.wasm.exec;

import java.util.Arrays;

/**
 * Parameter and result types of a function as WebAssembly type codes (0x7F i32, 0x7E i64, 0x7D
 * f32, 0x7C f64, 0x70 funcref, 0x6F externref): the engine's own compact view of a function type.
 */
public record Signature(byte[] params, byte[] results) {
  public static final byte I32 = 0x7F;
  public static final byte I64 = 0x7E;
  public static final byte F32 = 0x7D;
  public static final byte F64 = 0x7C;
  public static final byte FUNCREF = 0x70;
  public static final byte EXTERNREF = 0x6F;

  public static Signature of(byte[] params, byte... results) {
    return new Signature(params, results);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature s
        && Arrays.equals(params, s.params)
        && Arrays.equals(results, s.results);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
  }

  /** As the error messages write it: {@code (i32, f64) -> i32}, {@code () -> f64}. */
  @Override
  public String toString() {
    return "(" + names(params) + ") -> "
        + (results.length == 1 ? typeName(results[0]) : "(" + names(results) + ")");
  }

  private static String names(byte[] types) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < types.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(typeName(types[i]));
    }
    return sb.toString();
  }

  public static String typeName(byte code) {
    return switch (code) {
      case I32 -> "i32";
      case I64 -> "i64";
      case F32 -> "f32";
      case F64 -> "f64";
      case FUNCREF -> "funcref";
      case EXTERNREF -> "externref";
      case 0x7B -> "v128";
      default -> String.format("type 0x%02x", code);
    };
  }
}
