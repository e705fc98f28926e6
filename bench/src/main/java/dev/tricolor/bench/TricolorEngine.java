package dev.tricolor.bench;

import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Interpreter;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.WasmFunction;
import dev.tricolor.wasm.host.AscHost;

/** This project's interpreter, with the default asc host (output discarded). */
final class TricolorEngine implements Engine {
  @Override
  public String name() {
    return "tricolor";
  }

  @Override
  public Runner load(byte[] wasm) {
    Store store = new Store();
    AscHost host = new AscHost().out(s -> {}).err(s -> {});
    Instance instance = Instance.instantiate(store, ModuleParser.parse(wasm), host.imports(store));
    WasmFunction run = instance.exportedFunction("run");
    Interpreter interpreter = store.interpreter();
    return n -> interpreter.invoke(run, n)[0];
  }
}
