package dev.tricolor.dap.variables;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;

/** Turns nodes into DAP {@link Variable}s, registering expandable children as it goes. */
public final class VariablesView {
  private final VariableHandles handles;

  public VariablesView(VariableHandles handles) {
    this.handles = handles;
  }

  /**
   * The children of {@code node} the client asked for: named ones, indexed ones (a page from
   * {@code start}, {@code count} of them, 0 for all), or both when there is no filter.
   */
  public List<Variable> children(
      VariableNode node, VariablesArgumentsFilter filter, Integer start, Integer count, boolean hex) {
    List<Variable> out = new ArrayList<>();
    if (filter != VariablesArgumentsFilter.INDEXED) {
      for (Child c : node.named()) {
        out.add(toDap(c, hex));
      }
    }
    if (filter != VariablesArgumentsFilter.NAMED) {
      int from = start == null ? 0 : start;
      int n = count == null ? 0 : count;
      for (Child c : node.indexed(from, n)) {
        out.add(toDap(c, hex));
      }
    }
    return out;
  }

  public Variable toDap(Child c, boolean hex) {
    Variable v = new Variable();
    v.setName(c.name());
    if (c.node() == null) {
      v.setValue(c.summary() != null ? c.summary() : c.value().display(hex));
      v.setType(c.value().typeName());
      v.setVariablesReference(0);
    } else {
      v.setValue(c.summary());
      v.setVariablesReference(handles.add(c.node()));
      if (c.node().indexedCount() > 0) {
        v.setIndexedVariables(c.node().indexedCount());
      }
      // Named children are counted only where that costs nothing: an object's parts are decoded
      // when the client opens it, not when its row is listed.
      if (!(c.node() instanceof NamedNodes) && c.node().namedCount() > 0) {
        v.setNamedVariables(c.node().namedCount());
      }
    }
    if (c.memoryReference() >= 0) {
      v.setMemoryReference("0x" + Long.toHexString(c.memoryReference()));
    }
    return v;
  }
}
