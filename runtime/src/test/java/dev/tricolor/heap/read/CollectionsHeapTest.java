package dev.tricolor.heap.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.check.CheckReport;
import dev.tricolor.heap.check.HeapChecker;
import dev.tricolor.heap.layout.ValueType;
import dev.tricolor.heap.read.ObjectContents.ArrayContents;
import dev.tricolor.heap.read.ObjectContents.ArrayKind;
import dev.tricolor.heap.read.ObjectContents.BufferContents;
import dev.tricolor.heap.read.ObjectContents.Element;
import dev.tricolor.heap.read.ObjectContents.Entry;
import dev.tricolor.heap.read.ObjectContents.HashContents;
import dev.tricolor.heap.read.ObjectContents.StringContents;
import dev.tricolor.heap.read.ObjectContents.Unreadable;
import dev.tricolor.heap.testing.HeapDump;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The object decoders on test-programs/programs/collections.ts after {@code setup()}, as Node left
 * the heap: every container decoded to what the program itself reports and what its source says.
 */
class CollectionsHeapTest {
  // collections-setup: setup, intsSum, fixedSum, bytesSum, mapSize, setSize, addressOf(0..8)
  private static final int INTS_SUM = 1;
  private static final int FIXED_SUM = 2;
  private static final int BYTES_SUM = 3;
  private static final int MAP_SIZE = 4;
  private static final int SET_SIZE = 5;
  private static final int ADDRESS_OF = 6;

  private static HeapDump dump;
  private static HeapSnapshot heap;

  @BeforeAll
  static void read() {
    dump = HeapDump.load("collections-setup");
    heap = dump.read();
  }

  private static int address(int which) {
    return dump.result(ADDRESS_OF + which);
  }

  private static ObjectContents decode(int which) {
    return ObjectDecoder.decode(heap, address(which), 1000);
  }

  @Test
  void heapIsConsistent() {
    CheckReport report = HeapChecker.check(heap);
    assertTrue(report.clean(), report::toString);
  }

  @Test
  void arrayOfI32() {
    ArrayContents ints = assertInstanceOf(ArrayContents.class, decode(0));
    assertEquals(ArrayKind.ARRAY, ints.kind());
    assertEquals(ValueType.I32, ints.elementType());
    assertEquals(10, ints.length());
    assertTrue(ints.capacity() >= 10);
    long[] values = bits(ints.elements(heap, 0, 100));
    assertArrayEquals(new long[] {0, 1, 4, 9, 16, 25, 36, 49, 64, 81}, values);
    assertEquals(dump.result(INTS_SUM), java.util.Arrays.stream(values).sum());
    assertEquals(List.of(9L, 16L), java.util.Arrays.stream(bits(ints.elements(heap, 3, 2))).boxed().toList(),
        "a page from the middle");
    assertTrue(ints.elements(heap, 10, 5).isEmpty(), "nothing past the length");
    assertTrue(heap.objectAtPayload(ints.buffer()) >= 0, "the grown backing buffer is on the heap");
    // `let ints: Array<i32> = []` is an object in static data, never linked to a GC list.
    assertEquals(Reference.Kind.STATIC_OBJECT, heap.resolve(address(0)).kind());
    assertTrue(address(0) < heap.globals().heapBase());
  }

  @Test
  void arrayOfStringsReferencesStrings() {
    ArrayContents words = assertInstanceOf(ArrayContents.class, decode(1));
    assertEquals(ValueType.REF, words.elementType());
    List<String> texts =
        words.elements(heap, 0, 10).stream()
            .map(e -> ObjectDecoder.text(heap, e.reference().pointer(), 100))
            .toList();
    assertEquals(List.of("alpha", "beta", "gamma", "grüße, καλημέρα, 日本語, 😀"), texts);
    // "alpha" is a literal: a static string not on any GC list.
    Element alpha = words.elements(heap, 0, 1).get(0);
    assertEquals(Reference.Kind.STATIC_OBJECT, alpha.reference().kind());
  }

  @Test
  void staticArrayOfI32() {
    ArrayContents fixed = assertInstanceOf(ArrayContents.class, decode(2));
    assertEquals(ArrayKind.STATIC_ARRAY, fixed.kind());
    assertEquals(8, fixed.length());
    long[] values = bits(fixed.elements(heap, 0, 8));
    assertArrayEquals(new long[] {100, 101, 102, 103, 104, 105, 106, 107}, values);
    assertEquals(dump.result(FIXED_SUM), java.util.Arrays.stream(values).sum());
  }

  @Test
  void typedArrays() {
    ArrayContents floats = assertInstanceOf(ArrayContents.class, decode(3));
    assertEquals(ArrayKind.TYPED_ARRAY, floats.kind());
    assertEquals(ValueType.F64, floats.elementType());
    assertEquals(
        List.of("0.5", "1.5", "2.5", "3.5", "-0.0"),
        floats.elements(heap, 0, 5).stream().map(Element::format).toList());
    ArrayContents bytes = assertInstanceOf(ArrayContents.class, decode(4));
    assertEquals(ValueType.U8, bytes.elementType());
    assertEquals(16, bytes.length());
    long[] values = bits(bytes.elements(heap, 0, 16));
    assertEquals(255, values[0]);
    assertEquals(240, values[15]);
    assertEquals(dump.result(BYTES_SUM), java.util.Arrays.stream(values).sum());
  }

  @Test
  void arrayBufferBytesAreTheElementsOfTheArraysOverThem() {
    ArrayContents bytes = assertInstanceOf(ArrayContents.class, decode(4));
    BufferContents buffer = assertInstanceOf(BufferContents.class, ObjectDecoder.decode(heap, bytes.buffer(), 1000));
    assertEquals(16, buffer.byteLength(), "new Uint8Array(16) owns a 16-byte buffer");
    long[] elements = bits(bytes.elements(heap, 0, 16));
    for (int i = 0; i < 16; i++) {
      assertEquals(elements[i], buffer.head()[i] & 0xFF, "byte " + i);
    }

    ArrayContents ints = assertInstanceOf(ArrayContents.class, decode(0));
    BufferContents grown = assertInstanceOf(BufferContents.class, ObjectDecoder.decode(heap, ints.buffer(), 8));
    assertEquals(4 * ints.capacity(), grown.byteLength(), "an Array's capacity is its buffer's length");
    assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 0, 0, 0}, grown.head(), "0 and 1, little-endian, cut at 8 bytes");
  }

  @Test
  void mapOfStringToI32() {
    HashContents counts = assertInstanceOf(HashContents.class, decode(5));
    assertTrue(counts.isMap());
    assertEquals(ValueType.REF, counts.keyType());
    assertEquals(ValueType.I32, counts.valueType());
    assertEquals(dump.result(MAP_SIZE), counts.size());
    Map<String, Long> entries = new LinkedHashMap<>();
    for (Entry e : counts.entries(heap, 0, 100)) {
      entries.put(ObjectDecoder.text(heap, e.key().reference().pointer(), 100), e.value().bits());
    }
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("alpha", 42L);
    expected.put("beta", 4L);
    expected.put("gamma", 5L);
    expected.put("grüße, καλημέρα, 日本語, 😀", 24L);
    assertEquals(expected, entries, "insertion order, the overwrite in place");
  }

  @Test
  void setOfI32SkipsDeletedEntries() {
    HashContents primes = assertInstanceOf(HashContents.class, decode(6));
    assertFalse(primes.isMap());
    assertNull(primes.valueType());
    assertEquals(dump.result(SET_SIZE), primes.size());
    List<Entry> live = primes.entries(heap, 0, 100);
    assertEquals(List.of(3L, 5L, 7L, 11L, 13L, 17L, 19L, 23L),
        live.stream().map(e -> e.key().bits()).collect(Collectors.toList()));
    assertEquals(10, primes.entriesOffset(), "2 and 29 still occupy their slots");
    assertEquals(1, live.get(0).slot(), "slot 0 held the deleted 2");
    assertEquals(List.of(5L, 7L), primes.entries(heap, 2, 2).stream().map(e -> e.key().bits()).toList(),
        "paging by slot");
  }

  @Test
  void strings() {
    StringContents greeting = assertInstanceOf(StringContents.class, decode(7));
    assertEquals("Hello, world!", greeting.text());
    assertEquals(13, greeting.length());
    StringContents unicode = assertInstanceOf(StringContents.class, decode(8));
    assertEquals("grüße, καλημέρα, 日本語, 😀", unicode.text());
    assertEquals(24, unicode.length(), "UTF-16 code units, the emoji counts twice");
    StringContents cut = assertInstanceOf(StringContents.class, ObjectDecoder.decode(heap, address(7), 5));
    assertEquals("Hello", cut.text());
    assertTrue(cut.truncated());
  }

  @Test
  void pointersThatAreNoObjectsAreUnreadableNotExceptions() {
    assertInstanceOf(Unreadable.class, ObjectDecoder.decode(heap, heap.memorySize() + 16, 10));
    assertInstanceOf(Unreadable.class, ObjectDecoder.decode(heap, -16, 10));
    assertInstanceOf(Unreadable.class, ObjectDecoder.decode(heap, 3, 10));
    assertEquals(Reference.Kind.NONE, heap.resolve(address(5) + 4).kind(), "inside an object");
    assertEquals(Reference.Kind.OBJECT, heap.resolve(address(5)).kind());
  }

  private static long[] bits(List<Element> elements) {
    return elements.stream().mapToLong(Element::bits).toArray();
  }
}
