package dev.tricolor.heap.read;

/** The three ITCMS object lists. */
public enum Space {
  FROM("fromSpace"),
  TO("toSpace"),
  PIN("pinSpace");

  private final String global;

  Space(String global) {
    this.global = global;
  }

  /** The upstream name of the global holding the list's head. */
  public String global() {
    return global;
  }
}
