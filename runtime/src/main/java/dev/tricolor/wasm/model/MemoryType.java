package dev.tricolor.wasm.model;

/** A memory type: limits in 64 KiB pages. */
public record MemoryType(Limits limits) {
  @Override
  public String toString() {
    return "memory " + limits;
  }
}
