package dev.tricolor.wasm.model;

public record GlobalImport(GlobalType type) implements ImportDescriptor {
  @Override
  public ExternalKind kind() {
    return ExternalKind.GLOBAL;
  }
}
