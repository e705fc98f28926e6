package dev.tricolor.dap.expr;

import java.util.Locale;

/** A value an expression computes, or a local, global or condition name stands for. */
public sealed interface Value {
  /** The type as AssemblyScript spells it: {@code i32}, {@code u64}, {@code f32}, {@code bool}... */
  String typeName();

  /** The value as a debugger shows it; integers in hex when {@code hex}. */
  String display(boolean hex);

  /** Whether a condition holding this value is met: non-zero, true, non-empty. */
  boolean truthy();

  /**
   * An integer; {@code bits} holds the value normalized to its type (i32 sign-extended, u32
   * zero-extended).
   */
  record Int(long bits, IntType type) implements Value {
    public Int {
      bits = type.normalize(bits);
    }

    public static Int i32(int v) {
      return new Int(v, IntType.I32);
    }

    public static Int u32(long v) {
      return new Int(v, IntType.U32);
    }

    public static Int i64(long v) {
      return new Int(v, IntType.I64);
    }

    public static Int u64(long v) {
      return new Int(v, IntType.U64);
    }

    @Override
    public String typeName() {
      return type.displayName();
    }

    @Override
    public String display(boolean hex) {
      if (hex) {
        long shown = type.bits == 32 ? bits & 0xFFFF_FFFFL : bits;
        return "0x" + Long.toHexString(shown);
      }
      return type == IntType.U64 ? Long.toUnsignedString(bits) : Long.toString(bits);
    }

    @Override
    public boolean truthy() {
      return bits != 0;
    }
  }

  /** A float: f32 values are kept exactly as floats widened to double. */
  record Float(double value, boolean f32) implements Value {
    public Float {
      if (f32) {
        value = (float) value;
      }
    }

    public static Float f32(float v) {
      return new Float(v, true);
    }

    public static Float f64(double v) {
      return new Float(v, false);
    }

    @Override
    public String typeName() {
      return f32 ? "f32" : "f64";
    }

    @Override
    public String display(boolean hex) {
      return f32 ? java.lang.Float.toString((float) value) : Double.toString(value);
    }

    @Override
    public boolean truthy() {
      return value != 0 && !Double.isNaN(value);
    }
  }

  record Bool(boolean value) implements Value {
    public static final Bool TRUE = new Bool(true);
    public static final Bool FALSE = new Bool(false);

    public static Bool of(boolean b) {
      return b ? TRUE : FALSE;
    }

    @Override
    public String typeName() {
      return "bool";
    }

    @Override
    public String display(boolean hex) {
      return Boolean.toString(value);
    }

    @Override
    public boolean truthy() {
      return value;
    }
  }

  /** A string: class names, abort messages, GC phases. */
  record Str(String value) implements Value {
    @Override
    public String typeName() {
      return "string";
    }

    @Override
    public String display(boolean hex) {
      StringBuilder sb = new StringBuilder("\"");
      for (char c : value.toCharArray()) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> {
            if (c < 0x20) {
              sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      return sb.append('"').toString();
    }

    @Override
    public boolean truthy() {
      return !value.isEmpty();
    }
  }

  /** A value with the name it goes by: a local, a global, a condition name. */
  record Named(String name, Value value) {}
}
