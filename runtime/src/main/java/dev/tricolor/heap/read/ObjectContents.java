package dev.tricolor.heap.read;

import dev.tricolor.heap.layout.ValueType;
import java.util.List;

/**
 * What an object holds, decoded by {@link ObjectDecoder} according to its class: text for a
 * String, bytes for an ArrayBuffer, elements for arrays, entries for Map and Set, words for any
 * other class. Large contents are not copied: arrays, maps and sets are read a page at a time.
 */
public sealed interface ObjectContents {

  /** A String: UTF-16 code units; {@code text} holds at most the requested number of chars. */
  record StringContents(int length, String text, boolean truncated) implements ObjectContents {}

  /** An ArrayBuffer: {@code head} holds at most the requested number of bytes. */
  record BufferContents(int byteLength, byte[] head) implements ObjectContents {}

  /** Which kind of array a {@link ArrayContents} is. */
  enum ArrayKind {
    /** {@code Array<T>}: buffer, dataStart, byteLength (capacity), length_. */
    ARRAY,
    /** {@code StaticArray<T>}: the elements are the payload. */
    STATIC_ARRAY,
    /** A typed array ({@code ArrayBufferView}): buffer, dataStart, byteLength. */
    TYPED_ARRAY
  }

  /**
   * An array of any kind. Elements are at {@code dataStart + i × elementType.byteSize()} for
   * {@code i < length}; {@code readableLength} is how many of them lie inside memory (fewer
   * than {@code length} only on a corrupt heap).
   *
   * @param buffer the backing ArrayBuffer's payload (the array's own payload for StaticArray)
   * @param capacity elements the backing store can hold
   */
  record ArrayContents(
      ArrayKind kind,
      ValueType elementType,
      int length,
      int readableLength,
      int capacity,
      int dataStart,
      int buffer)
      implements ObjectContents {

    /** Elements {@code [from, from + count)}, clipped to {@code readableLength}. */
    public List<Element> elements(HeapSnapshot heap, int from, int count) {
      return ObjectDecoder.elements(heap, this, from, count);
    }
  }

  /** One element, key or value: raw bits of its type, and what it references when managed. */
  record Element(ValueType type, long bits, Reference reference) {
    /** The value as the program would print it (a reference as its address, or null). */
    public String format() {
      return type.format(bits);
    }
  }

  /**
   * A Map or a Set: {@code size} live entries among the {@code entriesOffset} used slots of the
   * entries buffer (deleted ones are skipped). {@code valueType} is null for a Set.
   */
  record HashContents(
      boolean isMap,
      ValueType keyType,
      ValueType valueType,
      int size,
      int entriesOffset,
      int readableOffset,
      int entries,
      int entrySize,
      int valueOffset,
      int taggedNextOffset)
      implements ObjectContents {

    /** Live entries among slots {@code [fromSlot, ...)}, at most {@code count} of them. */
    public List<Entry> entries(HeapSnapshot heap, int fromSlot, int count) {
      return ObjectDecoder.entries(heap, this, fromSlot, count);
    }
  }

  /** One live Map or Set entry; {@code value} is null for a Set. */
  record Entry(int slot, Element key, Element value) {}

  /**
   * Any other class: the payload as 32-bit words, each with what it references. Fields are not
   * typed in the binary, so a word is shown as a number and, when it points at an object, as a
   * reference to it.
   */
  record InstanceContents(int[] words, List<Reference> references, boolean truncated)
      implements ObjectContents {}

  /** Contents that cannot be decoded (a pointer outside memory, a corrupt header). */
  record Unreadable(String reason) implements ObjectContents {}
}
