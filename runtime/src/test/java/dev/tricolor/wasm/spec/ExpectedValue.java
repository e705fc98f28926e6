package dev.tricolor.wasm.spec;

import dev.tricolor.wasm.model.ValType;
import java.util.Map;

/**
 * An expected result of assert_return: exact bits, or for floats one of the NaN patterns
 * {@code nan:canonical} (sign free, quiet bit only) and {@code nan:arithmetic} (sign free, quiet
 * bit set, any payload). A funcref without a value matches any non-null reference.
 */
record ExpectedValue(ValType type, String text, long bits) {
  private static final int F32_QUIET = 0x7FC0_0000;
  private static final long F64_QUIET = 0x7FF8_0000_0000_0000L;

  static ExpectedValue of(Map<String, Object> json) {
    ValType type = SpecScripts.valType((String) json.get("type"));
    String v = (String) json.get("value");
    if (v == null || v.startsWith("nan:")) {
      return new ExpectedValue(type, v, 0);
    }
    return new ExpectedValue(type, v, WasmValue.bitsOf(type, v));
  }

  boolean matches(WasmValue actual) {
    if (actual.type() != type) {
      return false;
    }
    long b = actual.bits();
    if (text == null) {
      return b != WasmValue.NULL;
    }
    if (text.equals("nan:canonical")) {
      return type == ValType.F32
          ? ((int) b & 0x7FFF_FFFF) == F32_QUIET
          : (b & 0x7FFF_FFFF_FFFF_FFFFL) == F64_QUIET;
    }
    if (text.equals("nan:arithmetic")) {
      return type == ValType.F32 ? ((int) b & F32_QUIET) == F32_QUIET : (b & F64_QUIET) == F64_QUIET;
    }
    return type == ValType.I32 || type == ValType.F32 ? (int) b == (int) bits : b == bits;
  }

  @Override
  public String toString() {
    return text == null || text.startsWith("nan:")
        ? type + ":" + (text == null ? "non-null" : text)
        : new WasmValue(type, bits).toString();
  }
}
