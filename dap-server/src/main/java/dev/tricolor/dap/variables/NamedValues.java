package dev.tricolor.dap.variables;

import dev.tricolor.dap.expr.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A scope of named values (a frame's locals, the globals), read when first expanded. */
public final class NamedValues implements VariableNode {
  private final Supplier<List<Value.Named>> source;
  private List<Child> children;

  public NamedValues(Supplier<List<Value.Named>> source) {
    this.source = source;
  }

  private List<Child> children() {
    if (children == null) {
      List<Value.Named> values = source.get();
      List<Child> list = new ArrayList<>(values.size());
      for (Value.Named n : values) {
        list.add(Child.leaf(n.name(), n.value()));
      }
      children = List.copyOf(list);
    }
    return children;
  }

  @Override
  public int namedCount() {
    return children().size();
  }

  @Override
  public int indexedCount() {
    return 0;
  }

  @Override
  public List<Child> named() {
    return children();
  }

  @Override
  public List<Child> indexed(int start, int count) {
    return List.of();
  }
}
