package dev.tricolor.bench;

import dev.tricolor.heap.host.HostRuntime;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.exec.Imports;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Interpreter;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.WasmFunction;
import dev.tricolor.wasm.host.AscHost;

/**
 * This project's interpreter running a host-runtime build ({@code build/host/...}): allocation
 * and collection done by the Java TLSF and ITCMS of {@code dev.tricolor.heap.host}.
 */
final class HostRuntimeEngine implements Engine {
  @Override
  public String name() {
    return "tricolor-host";
  }

  @Override
  public Runner load(byte[] wasm) {
    Store store = new Store();
    HostRuntime runtime = new HostRuntime();
    Imports imports = new AscHost().out(s -> {}).err(s -> {}).imports(store)
        .addAll(runtime.imports(store));
    Instance instance = Instance.instantiate(store, ModuleParser.parse(wasm), imports);
    runtime.bind(instance);
    WasmFunction run = instance.exportedFunction("run");
    Interpreter interpreter = store.interpreter();
    return n -> interpreter.invoke(run, n)[0];
  }
}
