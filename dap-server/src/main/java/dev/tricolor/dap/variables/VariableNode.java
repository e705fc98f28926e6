package dev.tricolor.dap.variables;

import java.util.List;

/**
 * Something a client can expand in the Variables view. Children are computed when asked for, not
 * before: a heap of 100 000 objects costs nothing until its scope is opened, and then only the page
 * the client shows.
 *
 * <p>The heap views (object groups, objects, headers, array slices) join this hierarchy when the
 * heap model is there.
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
}
