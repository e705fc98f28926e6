package dev.tricolor.heap.read;

import java.util.Arrays;

/** A growable {@code int[]} without boxing, for the readers' flat tables. */
final class IntList {
  private int[] values;
  private int size;

  IntList(int capacity) {
    values = new int[Math.max(capacity, 8)];
  }

  void add(int v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length + (values.length >> 1) + 8);
    }
    values[size++] = v;
  }

  int get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }

  /** The values, trimmed to the size. */
  int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
