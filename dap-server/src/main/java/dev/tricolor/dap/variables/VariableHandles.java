package dev.tricolor.dap.variables;

import java.util.ArrayList;
import java.util.List;

/**
 * The table behind DAP's {@code variablesReference}s. A reference is valid until the program
 * resumes; then the table is cleared ({@link #clear}) and old references fail with a message
 * instead of showing stale memory. References keep counting up across clears, so a stale one is
 * never mistaken for a new node.
 *
 * <pre>
 *  reference = base + index     base: the first reference of this stop (1 at the first stop)
 *  nodes[index]                 index: 0, 1, 2... in the order the client was handed them
 * </pre>
 *
 * Used only on the program thread, so it needs no locking.
 */
public final class VariableHandles {
  private final List<VariableNode> nodes = new ArrayList<>();
  private int base = 1;

  /** A new reference for {@code node}. */
  public int add(VariableNode node) {
    nodes.add(node);
    return base + nodes.size() - 1;
  }

  /** The node behind {@code reference}, or null when it is unknown or from an earlier stop. */
  public VariableNode get(int reference) {
    int i = reference - base;
    return i >= 0 && i < nodes.size() ? nodes.get(i) : null;
  }

  /** Forgets every reference: the program is resuming. */
  public void clear() {
    base += nodes.size();
    nodes.clear();
  }

  /** References handed out since the last clear. */
  public int size() {
    return nodes.size();
  }
}
