package dev.tricolor.heap.read;

import static dev.tricolor.heap.layout.Common.RTID_OFFSET;
import static dev.tricolor.heap.layout.Common.RTSIZE_OFFSET;
import static dev.tricolor.heap.layout.Common.TOTAL_OVERHEAD;

import dev.tricolor.heap.layout.StdLayout;
import dev.tricolor.heap.layout.Typeinfo;
import dev.tricolor.heap.layout.ValueType;
import dev.tricolor.heap.read.ObjectContents.ArrayContents;
import dev.tricolor.heap.read.ObjectContents.ArrayKind;
import dev.tricolor.heap.read.ObjectContents.BufferContents;
import dev.tricolor.heap.read.ObjectContents.Element;
import dev.tricolor.heap.read.ObjectContents.Entry;
import dev.tricolor.heap.read.ObjectContents.HashContents;
import dev.tricolor.heap.read.ObjectContents.InstanceContents;
import dev.tricolor.heap.read.ObjectContents.StringContents;
import dev.tricolor.heap.read.ObjectContents.Unreadable;
import dev.tricolor.wasm.memory.Memory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes an object's payload by its class (rtId, RTTI flags): String, ArrayBuffer, Array,
 * StaticArray, typed arrays, Map, Set, or plain words. Every read is bounds-checked against the
 * snapshot's memory; a pointer or length that leads outside gives {@link Unreadable} or a
 * shortened readable range, never an exception.
 */
public final class ObjectDecoder {
  private ObjectDecoder() {}

  /**
   * The contents of the object whose payload is at {@code payload} (a heap object, or a static
   * one). {@code limit} caps what is copied: chars of a string, bytes of a buffer, words of an
   * instance; arrays, maps and sets are paged instead.
   */
  public static ObjectContents decode(HeapSnapshot heap, int payload, int limit) {
    byte[] b = heap.bytes();
    if (payload < TOTAL_OVERHEAD || payload > b.length || (payload & 3) != 0) {
      return new Unreadable(String.format("0x%x is not an object pointer inside memory", payload));
    }
    int id = Memory.getI32(b, payload - TOTAL_OVERHEAD + RTID_OFFSET);
    long size = Integer.toUnsignedLong(Memory.getI32(b, payload - TOTAL_OVERHEAD + RTSIZE_OFFSET));
    if (payload + size > b.length) {
      return new Unreadable(
          String.format("rtSize %d at 0x%x reaches past the end of memory (%d bytes)",
              size, payload, b.length));
    }
    int n = (int) size;
    int flags = heap.types().flags(id);
    if (id == Typeinfo.ID_STRING) {
      return string(b, payload, n, limit);
    }
    if (id == Typeinfo.ID_ARRAYBUFFER) {
      int shown = Math.min(n, Math.max(limit, 0));
      return new BufferContents(n, Arrays.copyOfRange(b, payload, payload + shown));
    }
    ValueType valueType = ValueType.fromValueFlags(Typeinfo.valueFlags(flags));
    if ((flags & Typeinfo.STATICARRAY) != 0 && valueType != null) {
      int length = n >>> valueType.alignLog2();
      return new ArrayContents(
          ArrayKind.STATIC_ARRAY, valueType, length, length, length, payload, payload);
    }
    if ((flags & (Typeinfo.ARRAY | Typeinfo.ARRAYBUFFERVIEW)) != 0 && valueType != null) {
      boolean isArray = (flags & Typeinfo.ARRAY) != 0;
      int fields = isArray ? 16 : 12;
      if (n < fields) {
        return new Unreadable(String.format("an array of %d bytes has no room for its fields", n));
      }
      int buffer = Memory.getI32(b, payload + StdLayout.VIEW_BUFFER);
      int dataStart = Memory.getI32(b, payload + StdLayout.VIEW_DATASTART);
      int byteLength = Memory.getI32(b, payload + StdLayout.VIEW_BYTELENGTH);
      int log2 = valueType.alignLog2();
      int capacity = byteLength >>> log2;
      int length = isArray ? Memory.getI32(b, payload + StdLayout.ARRAY_LENGTH) : capacity;
      return new ArrayContents(
          isArray ? ArrayKind.ARRAY : ArrayKind.TYPED_ARRAY,
          valueType,
          length,
          readable(b, dataStart, length, valueType.byteSize()),
          capacity,
          dataStart,
          buffer);
    }
    if ((flags & (Typeinfo.MAP | Typeinfo.SET)) != 0) {
      ObjectContents hash = hash(b, payload, n, flags);
      if (hash != null) {
        return hash;
      }
    }
    return instance(heap, payload, n, limit);
  }

  /** The text of the String at {@code payload}, at most {@code limit} chars, or null if unreadable. */
  public static String text(HeapSnapshot heap, int payload, int limit) {
    return decode(heap, payload, limit) instanceof StringContents s ? s.text() : null;
  }

  private static StringContents string(byte[] b, int payload, int size, int limit) {
    int length = size >>> 1;
    int shown = Math.min(length, Math.max(limit, 0));
    char[] chars = new char[shown];
    for (int i = 0; i < shown; i++) {
      chars[i] = (char) Memory.getI16(b, payload + (i << 1));
    }
    return new StringContents(length, new String(chars), shown < length);
  }

  private static ObjectContents hash(byte[] b, int payload, int size, int flags) {
    boolean isMap = (flags & Typeinfo.MAP) != 0;
    // asc describes a Set's element with the VALUE_* flags and a Map's key with the KEY_* ones.
    ValueType keyType =
        ValueType.fromValueFlags(isMap ? Typeinfo.keyFlags(flags) : Typeinfo.valueFlags(flags));
    ValueType valueType = isMap ? ValueType.fromValueFlags(Typeinfo.valueFlags(flags)) : null;
    if (size < 24 || keyType == null || (isMap && valueType == null)) {
      return null;
    }
    StdLayout.EntryLayout layout =
        isMap
            ? StdLayout.mapEntry(keyType.byteSize(), valueType.byteSize())
            : StdLayout.setEntry(keyType.byteSize());
    int entries = Memory.getI32(b, payload + StdLayout.HASH_ENTRIES);
    int offset = Memory.getI32(b, payload + StdLayout.HASH_ENTRIES_OFFSET);
    int count = Memory.getI32(b, payload + StdLayout.HASH_ENTRIES_COUNT);
    return new HashContents(
        isMap,
        keyType,
        valueType,
        count,
        offset,
        readable(b, entries, offset, layout.size()),
        entries,
        layout.size(),
        layout.valueOffset(),
        layout.taggedNextOffset());
  }

  private static InstanceContents instance(HeapSnapshot heap, int payload, int size, int limit) {
    int words = size >>> 2;
    int shown = Math.min(words, Math.max(limit, 0));
    int[] w = new int[shown];
    List<Reference> refs = new ArrayList<>(shown);
    for (int i = 0; i < shown; i++) {
      w[i] = Memory.getI32(heap.bytes(), payload + (i << 2));
      refs.add(heap.resolve(w[i]));
    }
    return new InstanceContents(w, List.copyOf(refs), shown < words);
  }

  /** How many of {@code count} items of {@code itemSize} bytes at {@code start} lie in memory. */
  private static int readable(byte[] b, int start, int count, int itemSize) {
    if (count <= 0 || start <= 0 || start >= b.length) {
      return 0;
    }
    long fit = (b.length - (long) start) / itemSize;
    return (int) Math.min(count, fit);
  }

  static List<Element> elements(HeapSnapshot heap, ArrayContents a, int from, int count) {
    int end = (int) Math.min((long) Math.max(from, 0) + Math.max(count, 0), a.readableLength());
    List<Element> out = new ArrayList<>(Math.max(end - from, 0));
    for (int i = Math.max(from, 0); i < end; i++) {
      out.add(element(heap, a.elementType(), a.dataStart() + (i << a.elementType().alignLog2())));
    }
    return out;
  }

  static List<Entry> entries(HeapSnapshot heap, HashContents h, int fromSlot, int count) {
    byte[] b = heap.bytes();
    List<Entry> out = new ArrayList<>();
    for (int slot = Math.max(fromSlot, 0); slot < h.readableOffset() && out.size() < count; slot++) {
      int at = h.entries() + slot * h.entrySize();
      int taggedNext = Memory.getI32(b, at + h.taggedNextOffset());
      if ((taggedNext & StdLayout.EMPTY) != 0) {
        continue;
      }
      Element key = element(heap, h.keyType(), at);
      Element value = h.isMap() ? element(heap, h.valueType(), at + h.valueOffset()) : null;
      out.add(new Entry(slot, key, value));
    }
    return out;
  }

  private static Element element(HeapSnapshot heap, ValueType type, int at) {
    long bits = type.load(heap.bytes(), at);
    Reference ref = type == ValueType.REF ? heap.resolve((int) bits) : null;
    return new Element(type, bits, ref);
  }
}
