package dev.tricolor.wasm.spec;

import dev.tricolor.wasm.binary.MalformedModuleException;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.exec.GlobalCell;
import dev.tricolor.wasm.exec.Imports;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.LinkException;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.Table;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.WasmFunction;
import dev.tricolor.wasm.memory.Memory;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.ValType;
import dev.tricolor.wasm.model.WasmModule;
import dev.tricolor.wasm.validate.InvalidModuleException;
import dev.tricolor.wasm.validate.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The spec harness's engine: Tricolor's decoder, validator and interpreter, one store per script. */
final class TricolorScriptEngine implements ScriptEngine {
  private final Store store = new Store();
  private final Imports imports = new Imports();
  private final Map<String, Instance> named = new HashMap<>();
  private Instance current;

  TricolorScriptEngine() {
    addSpectest();
  }

  /**
   * The {@code spectest} module of the spec interpreter's README: print functions that do
   * nothing, four globals of 666 / 666.6, a table of 10 to 20 funcref, a memory of 1 to 2 pages.
   */
  private void addSpectest() {
    String m = "spectest";
    imports.addFunction(store, m, "print", type(), c -> 0);
    imports.addFunction(store, m, "print_i32", type(ValType.I32), c -> 0);
    imports.addFunction(store, m, "print_i64", type(ValType.I64), c -> 0);
    imports.addFunction(store, m, "print_f32", type(ValType.F32), c -> 0);
    imports.addFunction(store, m, "print_f64", type(ValType.F64), c -> 0);
    imports.addFunction(store, m, "print_i32_f32", type(ValType.I32, ValType.F32), c -> 0);
    imports.addFunction(store, m, "print_f64_f64", type(ValType.F64, ValType.F64), c -> 0);
    imports.add(m, "global_i32", new GlobalCell((byte) ValType.I32.code(), false, 666));
    imports.add(m, "global_i64", new GlobalCell((byte) ValType.I64.code(), false, 666));
    imports.add(
        m, "global_f32", new GlobalCell((byte) ValType.F32.code(), false, Float.floatToRawIntBits(666.6f)));
    imports.add(
        m, "global_f64", new GlobalCell((byte) ValType.F64.code(), false, Double.doubleToRawLongBits(666.6)));
    imports.add(m, "table", new Table((byte) ValType.FUNCREF.code(), 10, 20));
    imports.add(m, "memory", new Memory(1, 2, 2));
  }

  private static FuncType type(ValType... params) {
    return FuncType.of(params, new ValType[0]);
  }

  @Override
  public void check(byte[] bytes) {
    decodeAndValidate(bytes);
  }

  private WasmModule decodeAndValidate(byte[] bytes) {
    WasmModule module;
    try {
      module = ModuleParser.parse(bytes);
    } catch (MalformedModuleException e) {
      throw new ScriptException(ScriptException.Kind.MALFORMED, e.getMessage(), null, e);
    }
    try {
      Validator.validate(module);
    } catch (InvalidModuleException e) {
      throw new ScriptException(ScriptException.Kind.INVALID, e.getMessage(), null, e);
    }
    return module;
  }

  @Override
  public void instantiate(byte[] bytes, String name) {
    WasmModule module = decodeAndValidate(bytes);
    Instance instance;
    try {
      instance = Instance.instantiate(store, module, imports);
    } catch (LinkException e) {
      throw new ScriptException(ScriptException.Kind.UNLINKABLE, e.getMessage(), null, e);
    } catch (Trap t) {
      throw trap(t);
    }
    current = instance;
    if (name != null) {
      named.put(name, instance);
    }
  }

  @Override
  public void register(String name, String as) {
    imports.addInstance(as, instance(name));
  }

  @Override
  public List<WasmValue> invoke(String module, String field, List<WasmValue> args) {
    Instance instance = instance(module);
    if (!(instance.export(field) instanceof WasmFunction f)) {
      throw new IllegalStateException("no exported function \"" + field + "\"");
    }
    long[] raw = new long[args.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = args.get(i).bits();
    }
    long[] results;
    try {
      results = store.interpreter().invoke(f, raw);
    } catch (Trap t) {
      throw trap(t);
    }
    FuncType type = f.type();
    List<WasmValue> out = new ArrayList<>(results.length);
    for (int i = 0; i < results.length; i++) {
      out.add(new WasmValue(type.result(i), results[i]));
    }
    return out;
  }

  @Override
  public WasmValue get(String module, String field) {
    if (!(instance(module).export(field) instanceof GlobalCell g)) {
      throw new IllegalStateException("no exported global \"" + field + "\"");
    }
    return new WasmValue(ValType.fromCode(g.type()), g.get());
  }

  @Override
  public void stop() {
    store.interpreter().requestTerminate();
  }

  @Override
  public void resume() {
    store.interpreter().clearTerminate();
  }

  private Instance instance(String name) {
    Instance i = name == null ? current : named.get(name);
    if (i == null) {
      throw new IllegalStateException(name == null ? "no module instantiated yet" : "no module named " + name);
    }
    return i;
  }

  private static ScriptException trap(Trap t) {
    return new ScriptException(ScriptException.Kind.TRAP, t.getMessage(), t.kind().specText(), t);
  }
}
