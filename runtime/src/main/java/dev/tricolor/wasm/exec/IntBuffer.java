package dev.tricolor.wasm.exec;

import java.util.Arrays;

/** A growable int array, for building internal code without boxing. */
final class IntBuffer {
  private int[] data;
  private int size;

  IntBuffer(int capacity) {
    data = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (size == data.length) {
      data = Arrays.copyOf(data, size * 2);
    }
    data[size++] = v;
  }

  int get(int i) {
    return data[i];
  }

  void set(int i, int v) {
    data[i] = v;
  }

  void removeLast() {
    size--;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  int[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
