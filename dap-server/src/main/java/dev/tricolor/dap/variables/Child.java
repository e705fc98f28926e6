package dev.tricolor.dap.variables;

import dev.tricolor.dap.expr.Value;

/**
 * One row of the Variables view: a leaf value, or a node that expands.
 *
 * @param name the row's name ({@code head}, {@code [3]}, {@code rtSize})
 * @param value the value of a leaf; null for a node
 * @param summary text shown for a node ({@code Node @ 0x1a0}); for a leaf, text shown instead of
 *     its value's own display (a color: {@code white}, not {@code "white"}), else null
 * @param node what the row expands to; null for a leaf
 * @param memoryReference an address the client's memory view opens at, or -1
 */
public record Child(String name, Value value, String summary, VariableNode node, long memoryReference) {
  public static Child leaf(String name, Value value) {
    return new Child(name, value, null, null, -1);
  }

  /** A leaf shown as plain text: a color, a GC phase. */
  public static Child label(String name, String text) {
    return new Child(name, new Value.Str(text), text, null, -1);
  }

  public static Child node(String name, String summary, VariableNode node, long memoryReference) {
    return new Child(name, null, summary, node, memoryReference);
  }
}
