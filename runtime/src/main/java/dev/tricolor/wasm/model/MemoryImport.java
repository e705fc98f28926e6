package dev.tricolor.wasm.model;

public record MemoryImport(MemoryType type) implements ImportDescriptor {
  @Override
  public ExternalKind kind() {
    return ExternalKind.MEMORY;
  }
}
