package dev.tricolor.dap.variables;

import dev.tricolor.dap.expr.Value;

/**
 * One row of the Variables view: a leaf value, or a node that expands.
 *
 * @param name the row's name ({@code head}, {@code [3]}, {@code rtSize})
 * @param value the value of a leaf; null for a node
 * @param summary text shown for a node ({@code Node @ 0x1a0}); null for a leaf
 * @param node what the row expands to; null for a leaf
 * @param memoryReference an address the client's memory view opens at, or -1
 */
public record Child(String name, Value value, String summary, VariableNode node, long memoryReference) {
  public static Child leaf(String name, Value value) {
    return new Child(name, value, null, null, -1);
  }

  public static Child node(String name, String summary, VariableNode node, long memoryReference) {
    return new Child(name, null, summary, node, memoryReference);
  }
}
