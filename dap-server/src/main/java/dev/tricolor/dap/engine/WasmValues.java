package dev.tricolor.dap.engine;

import dev.tricolor.dap.expr.IntType;
import dev.tricolor.dap.expr.Value;
import dev.tricolor.wasm.exec.Values;
import dev.tricolor.wasm.model.ValType;

/** The engine's raw bits as expression values, and back. */
final class WasmValues {
  private WasmValues() {}

  static Value of(ValType type, long bits) {
    return switch (type) {
      case I32 -> Value.Int.i32((int) bits);
      case I64 -> Value.Int.i64(bits);
      case F32 -> Value.Float.f32(Values.asF32(bits));
      case F64 -> Value.Float.f64(Values.asF64(bits));
      // References show as their store handle; 0 is null.
      default -> Value.Int.u32(bits);
    };
  }

  /**
   * The bits of {@code v} as a value of {@code type}, converting as an assignment in the source
   * would (an integer into a float, a float into an integer only when it is whole).
   *
   * @throws IllegalArgumentException with a message saying why it does not fit
   */
  static long bits(ValType type, Value v) {
    if (v instanceof Value.Bool b) {
      v = Value.Int.i32(b.value() ? 1 : 0);
    }
    switch (type) {
      case I32, I64 -> {
        long x;
        if (v instanceof Value.Int i) {
          x = i.bits();
          if (type == ValType.I32) {
            boolean fits = i.type() == IntType.U64 ? Long.compareUnsigned(x, 0xFFFF_FFFFL) <= 0
                : x >= Integer.MIN_VALUE && x <= 0xFFFF_FFFFL;
            if (!fits) {
              throw new IllegalArgumentException(v.display(false) + " does not fit in an i32");
            }
          }
        } else if (v instanceof Value.Float f) {
          double d = f.value();
          if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(
                v.display(false) + " is not a whole number, and " + type + " holds integers");
          }
          x = (long) d;
        } else {
          throw new IllegalArgumentException("a " + v.typeName() + " cannot be stored in " + type);
        }
        return type == ValType.I32 ? Values.i32((int) x) : x;
      }
      case F32, F64 -> {
        double d;
        if (v instanceof Value.Float f) {
          d = f.value();
        } else if (v instanceof Value.Int i) {
          d = i.type() == IntType.U64 && i.bits() < 0
              ? (double) (i.bits() >>> 1) * 2.0 : (double) i.bits();
        } else {
          throw new IllegalArgumentException("a " + v.typeName() + " cannot be stored in " + type);
        }
        return type == ValType.F32 ? Values.f32((float) d) : Values.f64(d);
      }
      default -> throw new IllegalArgumentException(type + " values cannot be changed");
    }
  }
}
