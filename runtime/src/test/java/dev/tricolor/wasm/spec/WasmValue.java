package dev.tricolor.wasm.spec;

import dev.tricolor.wasm.model.ValType;
import java.util.Map;

/**
 * A value crossing the script/engine boundary: its type and raw bits (i32 in the low 32 bits,
 * floats as IEEE bits, references as the engine's ref: 0 is null, an externref to host value v
 * is v + 1).
 */
record WasmValue(ValType type, long bits) {
  static final long NULL = 0;

  /** An argument as wast2json writes it: {@code {"type": "i32", "value": "4294967295"}}. */
  static WasmValue argument(Map<String, Object> json) {
    ValType type = SpecScripts.valType((String) json.get("type"));
    String v = (String) json.get("value");
    return new WasmValue(type, bitsOf(type, v));
  }

  static long bitsOf(ValType type, String v) {
    return switch (type) {
      case I32, F32 -> (int) Long.parseUnsignedLong(v);
      case I64, F64 -> Long.parseUnsignedLong(v);
      case FUNCREF -> {
        if (!"null".equals(v)) {
          throw new IllegalArgumentException("a funcref argument other than null: " + v);
        }
        yield NULL;
      }
      case EXTERNREF -> "null".equals(v) ? NULL : Long.parseUnsignedLong(v) + 1;
      case V128 -> throw new IllegalArgumentException("v128 values are not supported");
    };
  }

  @Override
  public String toString() {
    return switch (type) {
      case I32 -> "i32:" + (int) bits;
      case I64 -> "i64:" + bits;
      case F32 -> "f32:" + Float.intBitsToFloat((int) bits) + " (0x" + Integer.toHexString((int) bits) + ")";
      case F64 -> "f64:" + Double.longBitsToDouble(bits) + " (0x" + Long.toHexString(bits) + ")";
      case FUNCREF, EXTERNREF -> type + ":" + (bits == NULL ? "null" : bits);
      case V128 -> "v128";
    };
  }
}
