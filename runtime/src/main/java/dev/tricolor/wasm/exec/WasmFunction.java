package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.model.FuncType;
/**
 * A function a store knows: defined by a module ({@link GuestFunction}) or by the embedder
 * ({@link HostFunctionInstance}). Its {@link #typeId} is the store-wide identity of its type, so
 * {@code call_indirect} compares types with one int comparison, across instances too.
 */
public abstract sealed class WasmFunction permits GuestFunction, HostFunctionInstance {
  final FuncType type;
  final int typeId;
  /** The value that stands for this function in a funcref slot: never 0 (0 is null). */
  final int ref;

  WasmFunction(Store store, FuncType type) {
    this.type = type;
    this.typeId = store.typeId(type);
    this.ref = store.register(this);
  }

  public FuncType type() {
    return type;
  }
}
