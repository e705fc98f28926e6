package dev.tricolor.wasm.model;

/** A WebAssembly value type, with its binary encoding. */
public enum ValType {
  I32(0x7F, "i32"),
  I64(0x7E, "i64"),
  F32(0x7D, "f32"),
  F64(0x7C, "f64"),
  V128(0x7B, "v128"),
  FUNCREF(0x70, "funcref"),
  EXTERNREF(0x6F, "externref");

  private static final ValType[] BY_CODE = new ValType[0x80];

  static {
    for (ValType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;
  private final String text;

  ValType(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The byte that encodes this type in the binary format. */
  public int code() {
    return code;
  }

  /** The type encoded by {@code code}, or null when no value type has that encoding. */
  public static ValType fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** i32, i64, f32 or f64. */
  public boolean isNumeric() {
    return code >= 0x7C;
  }

  public boolean isReference() {
    return this == FUNCREF || this == EXTERNREF;
  }

  /** The spec's name: {@code i32}, {@code funcref}... */
  @Override
  public String toString() {
    return text;
  }
}
