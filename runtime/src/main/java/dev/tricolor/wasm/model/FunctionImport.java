package dev.tricolor.wasm.model;

/** An imported function, typed by an index into the type section. */
public record FunctionImport(int typeIndex) implements ImportDescriptor {
  @Override
  public ExternalKind kind() {
    return ExternalKind.FUNCTION;
  }
}
