package dev.tricolor.wasm.exec;

/** A function defined by a module instance, with its translated code. */
public final class GuestFunction extends WasmFunction {
  final Instance instance;
  final int index;
  final CompiledCode compiled;
  /** The code the interpreter runs: {@code compiled.patched}, or the stepping copy. */
  int[] active;

  GuestFunction(Store store, Instance instance, int index, Signature signature, CompiledCode code) {
    super(store, signature);
    this.instance = instance;
    this.index = index;
    this.compiled = code;
    this.active = code.patched;
  }

  public Instance instance() {
    return instance;
  }

  /** Index in the module's function index space (imports first). */
  public int index() {
    return index;
  }

  public CompiledCode code() {
    return compiled;
  }

  /** Switches between the stepping code (BREAK everywhere) and the patched code. */
  void useStepping(boolean stepping) {
    active = stepping ? compiled.stepping() : compiled.patched;
  }
}
