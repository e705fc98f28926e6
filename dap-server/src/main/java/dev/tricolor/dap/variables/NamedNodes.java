package dev.tricolor.dap.variables;

import java.util.List;
import java.util.function.Supplier;

/** Named children that may expand themselves (an object: header, color, contents), built on first use. */
public final class NamedNodes implements VariableNode {
  private final Supplier<List<Child>> source;
  private List<Child> children;

  public NamedNodes(Supplier<List<Child>> source) {
    this.source = source;
  }

  @Override
  public int namedCount() {
    return named().size();
  }

  @Override
  public int indexedCount() {
    return 0;
  }

  @Override
  public List<Child> named() {
    if (children == null) {
      children = List.copyOf(source.get());
    }
    return children;
  }

  @Override
  public List<Child> indexed(int start, int count) {
    return List.of();
  }
}
