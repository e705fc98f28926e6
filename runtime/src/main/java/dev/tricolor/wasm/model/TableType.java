package dev.tricolor.wasm.model;

/** A table type: the reference type of its elements and limits in elements. */
public record TableType(ValType elementType, Limits limits) {
  @Override
  public String toString() {
    return "table " + limits + " " + elementType;
  }
}
