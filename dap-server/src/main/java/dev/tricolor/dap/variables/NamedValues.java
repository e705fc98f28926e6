package dev.tricolor.dap.variables;

import dev.tricolor.dap.expr.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A scope of named values (a frame's locals, the globals), read when first expanded. */
public final class NamedValues implements VariableNode {
  /** Changes one of the values: {@code setVariable}. */
  @FunctionalInterface
  public interface Assigner {
    /** Sets {@code name} to what {@code valueText} evaluates to; returns the value stored. */
    Value assign(String name, String valueText);
  }

  private final Supplier<List<Value.Named>> source;
  private final Assigner assigner;
  private List<Child> children;

  public NamedValues(Supplier<List<Value.Named>> source) {
    this(source, null);
  }

  /** @param assigner how to change a value, or null when the values cannot be changed */
  public NamedValues(Supplier<List<Value.Named>> source, Assigner assigner) {
    this.source = source;
    this.assigner = assigner;
  }

  /** How to change a value, or null. */
  public Assigner assigner() {
    return assigner;
  }

  /** Forgets the values read, after one was changed. */
  public void refresh() {
    children = null;
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
