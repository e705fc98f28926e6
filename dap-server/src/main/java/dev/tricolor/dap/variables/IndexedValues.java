package dev.tricolor.dap.variables;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A long sequence shown by index and paged by the client ({@code start}/{@code count}): array
 * elements, a heap group's objects. Only the requested page is read.
 */
public final class IndexedValues implements VariableNode {
  private final int length;
  private final IntFunction<Child> element;

  /** @param element the child at an index, named {@code [i]} by convention */
  public IndexedValues(int length, IntFunction<Child> element) {
    if (length < 0) {
      throw new IllegalArgumentException("length " + length);
    }
    this.length = length;
    this.element = element;
  }

  @Override
  public int namedCount() {
    return 0;
  }

  @Override
  public int indexedCount() {
    return length;
  }

  @Override
  public List<Child> named() {
    return List.of();
  }

  @Override
  public List<Child> indexed(int start, int count) {
    int from = Math.max(0, Math.min(start, length));
    int to = count <= 0 ? length : (int) Math.min((long) from + count, length);
    List<Child> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(element.apply(i));
    }
    return out;
  }
}
