package dev.tricolor.dap.engine;

import dev.tricolor.dap.expr.Value;
import dev.tricolor.wasm.model.Export;
import dev.tricolor.wasm.model.ExternalKind;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exported function to call after instantiation, with its arguments as raw bits.
 *
 * @param export the export's name
 * @param type its type
 * @param args one per parameter, converted to the parameter's type
 */
record Invocation(String export, FuncType type, long[] args) {
  /** Why an invocation cannot be made: an unknown export, wrong argument count or type. */
  static final class InvocationException extends Exception {
    private static final long serialVersionUID = 1L;

    InvocationException(String message) {
      super(message);
    }
  }

  /**
   * The invocation the contract asks for: {@code invoke} when given, else {@code _start}, else
   * {@code main} when exported; empty when there is none (only the start function runs).
   */
  static Optional<Invocation> resolve(WasmModule module, Optional<String> invoke, List<Number> args)
      throws InvocationException {
    String name = invoke.orElse(null);
    if (name == null) {
      name = isFunctionExport(module, "_start") ? "_start"
          : isFunctionExport(module, "main") ? "main" : null;
      if (name == null) {
        if (!args.isEmpty()) {
          throw new InvocationException(
              "there are arguments but no function to call: the module exports neither _start nor"
                  + " main; name one with invoke");
        }
        return Optional.empty();
      }
    }
    Export e = module.export(name);
    if (e == null || e.kind() != ExternalKind.FUNCTION) {
      throw new InvocationException(
          "the module exports no function '" + name + "' (it exports: " + functionExports(module)
              + ")");
    }
    FuncType type = module.functionType(e.index());
    if (args.size() != type.paramCount()) {
      throw new InvocationException(
          "'" + name + "' takes " + type.paramCount() + " argument"
              + (type.paramCount() == 1 ? "" : "s") + " " + type.params() + ", got " + args.size());
    }
    long[] bits = new long[args.size()];
    for (int i = 0; i < bits.length; i++) {
      double d = args.get(i).doubleValue();
      Value v = d == Math.rint(d) && Math.abs(d) < 0x1p63 ? Value.Int.i64((long) d) : Value.Float.f64(d);
      try {
        bits[i] = WasmValues.bits(type.param(i), v);
      } catch (IllegalArgumentException ex) {
        throw new InvocationException(
            "argument " + (i + 1) + " of '" + name + "': " + ex.getMessage());
      }
    }
    return Optional.of(new Invocation(name, type, bits));
  }

  private static boolean isFunctionExport(WasmModule m, String name) {
    Export e = m.export(name);
    return e != null && e.kind() == ExternalKind.FUNCTION;
  }

  private static String functionExports(WasmModule m) {
    List<String> names = new ArrayList<>();
    for (Export e : m.exports()) {
      if (e.kind() == ExternalKind.FUNCTION) {
        names.add(e.name());
      }
    }
    return names.isEmpty() ? "no functions" : String.join(", ", names);
  }
}
