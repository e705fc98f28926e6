package dev.tricolor.wasm.model;

/** An import: {@code module.name} and what it must be. */
public record Import(String module, String name, ImportDescriptor descriptor) {
  public ExternalKind kind() {
    return descriptor.kind();
  }

  @Override
  public String toString() {
    return module + "." + name + " (" + descriptor.kind() + ")";
  }
}
