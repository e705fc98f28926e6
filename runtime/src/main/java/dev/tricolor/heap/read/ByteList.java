package dev.tricolor.heap.read;

import java.util.Arrays;

/** A growable {@code byte[]}. */
final class ByteList {
  private byte[] values;
  private int size;

  ByteList(int capacity) {
    values = new byte[Math.max(capacity, 8)];
  }

  void add(byte v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length + (values.length >> 1) + 8);
    }
    values[size++] = v;
  }

  byte[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
