package dev.tricolor.wasm.model;

public record TableImport(TableType type) implements ImportDescriptor {
  @Override
  public ExternalKind kind() {
    return ExternalKind.TABLE;
  }
}
