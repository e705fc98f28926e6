package dev.tricolor.wasm.model;

/** A global's value type and whether {@code global.set} may change it. */
public record GlobalType(ValType type, boolean mutable) {
  @Override
  public String toString() {
    return mutable ? "(mut " + type + ")" : type.toString();
  }
}
