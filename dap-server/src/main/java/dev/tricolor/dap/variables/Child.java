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
 * @param memory the bytes the row's value lives in (a data breakpoint watches them), or null
 */
public record Child(
    String name, Value value, String summary, VariableNode node, long memoryReference, MemoryRange memory) {
  public static Child leaf(String name, Value value) {
    return new Child(name, value, null, null, -1, null);
  }

  /** A leaf shown as plain text: a color, a GC phase. */
  public static Child label(String name, String text) {
    return new Child(name, new Value.Str(text), text, null, -1, null);
  }

  public static Child node(String name, String summary, VariableNode node, long memoryReference) {
    return new Child(name, null, summary, node, memoryReference, null);
  }

  /** This row, standing for the bytes {@code memory} (a data breakpoint can watch it). */
  public Child in(MemoryRange memory) {
    return new Child(name, value, summary, node, memoryReference, memory);
  }

  /** This row, with a memory view that opens at {@code address}. */
  public Child opening(long address) {
    return new Child(name, value, summary, node, address, memory);
  }
}
