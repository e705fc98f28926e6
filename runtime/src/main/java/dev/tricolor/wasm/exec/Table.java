package dev.tricolor.wasm.exec;

import java.util.Arrays;

/**
 * A table of references (funcref or externref), shared by every instance that imports it.
 * Elements are store refs as on the value stack: 0 is null, a function is its {@code ref}.
 */
public final class Table {
  /** Elements a table may reach: the spec allows 2^32 - 1; Java arrays stop earlier. */
  public static final int MAX_ELEMENTS = 10_000_000;

  final byte elementType;
  final long max;
  /** The declared maximum, or -1: what import matching compares against. */
  final long declaredMax;
  long[] elements;

  public Table(byte elementType, int initial, long max) {
    this.elementType = elementType;
    this.max = Math.min(max < 0 ? MAX_ELEMENTS : max, MAX_ELEMENTS);
    this.declaredMax = max;
    this.elements = new long[initial];
  }

  public byte elementType() {
    return elementType;
  }

  public int size() {
    return elements.length;
  }

  /** Declared maximum, or -1 for none. */
  public long max() {
    return declaredMax;
  }

  public long get(int i) {
    if (i < 0 || i >= elements.length) {
      throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    }
    return elements[i];
  }

  public void set(int i, long ref) {
    if (i < 0 || i >= elements.length) {
      throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    }
    elements[i] = ref;
  }

  /** Grows by {@code delta} elements set to {@code init}; the old size, or -1 when refused. */
  public int grow(int delta, long init) {
    long old = elements.length;
    long next = old + Integer.toUnsignedLong(delta);
    if (next > max) {
      return -1;
    }
    elements = Arrays.copyOf(elements, (int) next);
    Arrays.fill(elements, (int) old, (int) next, init);
    return (int) old;
  }
}
