package dev.tricolor.heap.layout;

/**
 * Field layouts of the standard library's managed classes in AssemblyScript 0.28
 * ({@code std/assembly/string.ts}, {@code arraybuffer.ts}, {@code array.ts},
 * {@code staticarray.ts}, {@code typedarray.ts}, {@code map.ts}, {@code set.ts}). Offsets are
 * from the payload pointer ({@code ptr} = block + {@link Common#TOTAL_OVERHEAD}); the payload's
 * size is the header's {@code rtSize}.
 */
public final class StdLayout {
  private StdLayout() {}

  // String (id 2): UTF-16LE code units, rtSize bytes (length = rtSize >> 1).
  // ArrayBuffer (id 1): rtSize raw bytes.
  // StaticArray<T>: rtSize bytes of elements (length = rtSize >> alignof<T>), no fields.

  // ╒═══════ ArrayBufferView (typed arrays, DataView) ═══════╕  ╒════════ Array<T> ═════════╕
  // │ buffer     ArrayBuffer                          ptr+0 │  │ buffer              ptr+0  │
  // ├───────────────────────────────────────────────────────┤  ├────────────────────────────┤
  // │ dataStart  usize, into buffer                   ptr+4 │  │ dataStart           ptr+4  │
  // ├───────────────────────────────────────────────────────┤  ├────────────────────────────┤
  // │ byteLength i32                                  ptr+8 │  │ byteLength (capacity) +8   │
  // └───────────────────────────────────────────────────────┘  ├────────────────────────────┤
  //   length = byteLength >> alignof<T>                         │ length_ i32         ptr+12 │
  //                                                             └────────────────────────────┘
  public static final int VIEW_BUFFER = 0;
  public static final int VIEW_DATASTART = 4;
  public static final int VIEW_BYTELENGTH = 8;
  public static final int ARRAY_LENGTH = 12;

  // ╒═══════════════════ Map<K,V> / Set<K> ════════════════════╕
  // │ buckets          ArrayBuffer of usize (entry pointers)  ptr+0  │
  // ├───────────────────────────────────────────────────────────┤
  // │ bucketsMask      u32                                    ptr+4  │
  // ├───────────────────────────────────────────────────────────┤
  // │ entries          ArrayBuffer of entries, insertion order ptr+8 │
  // ├───────────────────────────────────────────────────────────┤
  // │ entriesCapacity  i32                                    ptr+12 │
  // ├───────────────────────────────────────────────────────────┤
  // │ entriesOffset    i32  (entries used, deleted included)  ptr+16 │
  // ├───────────────────────────────────────────────────────────┤
  // │ entriesCount     i32  (live entries = size)             ptr+20 │
  // └───────────────────────────────────────────────────────────┘
  // MapEntry<K,V>: key, value, taggedNext (usize; bit 0 = EMPTY, a deleted entry)
  // SetEntry<K>:   key, taggedNext
  // Fields are naturally aligned; the entry size is rounded to ENTRY_ALIGN + 1.
  public static final int HASH_BUCKETS = 0;
  public static final int HASH_BUCKETS_MASK = 4;
  public static final int HASH_ENTRIES = 8;
  public static final int HASH_ENTRIES_CAPACITY = 12;
  public static final int HASH_ENTRIES_OFFSET = 16;
  public static final int HASH_ENTRIES_COUNT = 20;

  /** Bit 0 of {@code taggedNext}: the entry was deleted. */
  public static final int EMPTY = 1;

  /** Layout of one entry of a Map (value size > 0) or a Set (valueSize = 0). */
  public record EntryLayout(int valueOffset, int taggedNextOffset, int size) {}

  /** The entry layout of a Map with keys and values of the given byte sizes. */
  public static EntryLayout mapEntry(int keySize, int valueSize) {
    int valueOffset = alignUp(keySize, valueSize);
    int taggedNextOffset = alignUp(valueOffset + valueSize, 4);
    int align = Math.max(Math.max(keySize, valueSize), 4) - 1;
    int size = (taggedNextOffset + 4 + align) & ~align;
    return new EntryLayout(valueOffset, taggedNextOffset, size);
  }

  /** The entry layout of a Set with keys of the given byte size (no value: valueOffset = -1). */
  public static EntryLayout setEntry(int keySize) {
    int taggedNextOffset = alignUp(keySize, 4);
    int align = Math.max(keySize, 4) - 1;
    int size = (taggedNextOffset + 4 + align) & ~align;
    return new EntryLayout(-1, taggedNextOffset, size);
  }

  private static int alignUp(int offset, int alignment) {
    return (offset + alignment - 1) & -alignment;
  }
}
