package dev.tricolor.wasm.model;

/** What an import or export names, with its binary encoding. */
public enum ExternalKind {
  FUNCTION("func"),
  TABLE("table"),
  MEMORY("memory"),
  GLOBAL("global");

  private final String text;

  ExternalKind(String text) {
    this.text = text;
  }

  /** The byte that encodes this kind in import and export descriptors. */
  public int code() {
    return ordinal();
  }

  @Override
  public String toString() {
    return text;
  }
}
