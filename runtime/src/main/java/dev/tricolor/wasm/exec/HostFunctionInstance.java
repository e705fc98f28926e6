package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.model.FuncType;
/** A {@link HostFunction} with its type, as a store holds it. */
public final class HostFunctionInstance extends WasmFunction {
  final HostFunction body;
  final String module;
  final String name;

  public HostFunctionInstance(
      Store store, String module, String name, FuncType type, HostFunction body) {
    super(store, type);
    this.body = body;
    this.module = module;
    this.name = name;
  }

  /** "env.abort" */
  public String qualifiedName() {
    return module + "." + name;
  }

  @Override
  public String toString() {
    return "host " + qualifiedName() + ": " + type;
  }
}
