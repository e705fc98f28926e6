package dev.tricolor.dap.variables;

import java.util.List;

/**
 * Something a client can expand in the Variables view. Children are computed when asked for, not
 * before: a heap of 100 000 objects costs nothing until its scope is opened, and then only the page
 * the client shows.
 */
public sealed interface VariableNode permits NamedValues, IndexedValues, NamedNodes {
  /** Children shown by name (DAP {@code namedVariables}). */
  int namedCount();

  /** Children shown by index and paged by the client (DAP {@code indexedVariables}). */
  int indexedCount();

  /** Named children, all of them. */
  List<Child> named();

  /** Indexed children {@code start .. start + count - 1}, clipped to {@link #indexedCount}. */
  List<Child> indexed(int start, int count);

  /**
   * The child a client names: a named one, or {@code [k]} for indexed child k; null when there
   * is none.
   */
  default Child child(String name) {
    for (Child c : named()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    if (name != null && name.startsWith("[") && name.endsWith("]")) {
      try {
        int k = Integer.parseInt(name.substring(1, name.length() - 1));
        if (k >= 0 && k < indexedCount()) {
          return indexed(k, 1).get(0);
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
