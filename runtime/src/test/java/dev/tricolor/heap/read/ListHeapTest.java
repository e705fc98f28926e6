package dev.tricolor.heap.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.check.CheckReport;
import dev.tricolor.heap.check.HeapChecker;
import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.layout.GcState;
import dev.tricolor.heap.read.ObjectContents.InstanceContents;
import dev.tricolor.heap.testing.HeapDump;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The readers on the heap of test-programs/programs/list.ts as Node left it, checked against what
 * the program reports through its exports (counts, sums, addresses).
 *
 * <p>{@code class List { head; tail; count }} and {@code class Item { next; value }}: fields in
 * declaration order, one word each.
 */
class ListHeapTest {
  // list-removed: build(10), removeMultiplesOf(3), count(), sum(), listAddress(), itemAddress(0..5)
  private static final int COUNT = 2;
  private static final int SUM = 3;
  private static final int LIST = 4;
  private static final int FIRST_ITEM = 5;

  @Test
  void walksTheListAsTheProgramDoes() {
    HeapDump dump = HeapDump.load("list-removed");
    HeapSnapshot heap = dump.read();
    int list = dump.result(LIST);
    int listObject = heap.objectAtPayload(list);
    assertTrue(listObject >= 0, "listAddress() is a live object");

    InstanceContents fields = instance(heap, list);
    assertEquals(dump.result(COUNT), fields.words()[2], "List.count");
    List<Integer> values = new ArrayList<>();
    List<Integer> addresses = new ArrayList<>();
    Reference ref = fields.references().get(0);
    for (int guard = 0; ref.kind() == Reference.Kind.OBJECT && guard < 100; guard++) {
      addresses.add(ref.pointer());
      InstanceContents item = instance(heap, ref.pointer());
      values.add(item.words()[1]);
      ref = item.references().get(0);
    }
    assertEquals(Reference.Kind.NULL, ref.kind(), "the last item's next is null");
    assertEquals(List.of(1, 2, 4, 5, 7, 8), values);
    assertEquals(dump.result(SUM), values.stream().mapToInt(Integer::intValue).sum());
    for (int i = 0; i < 6; i++) {
      assertEquals(dump.result(FIRST_ITEM + i), addresses.get(i), "itemAddress(" + i + ")");
    }
    assertEquals(addresses.get(5), fields.words()[1], "List.tail is the last item");
  }

  @Test
  void removedItemsStayAsWhiteGarbageUntilCollected() {
    HeapDump dump = HeapDump.load("list-removed");
    HeapSnapshot heap = dump.read();
    int itemId = heap.rtId(heap.objectAtPayload(dump.result(FIRST_ITEM)));
    int listId = heap.rtId(heap.objectAtPayload(dump.result(LIST)));
    ClassHistogram histogram = heap.histogram();
    assertEquals(10, histogram.get(itemId).count(), "10 Items allocated, 4 unlinked, none freed");
    assertEquals(1, histogram.get(listId).count());
    assertEquals(10, histogram.get(itemId).count(Color.WHITE), "no collection yet: all white");
    assertEquals(GcState.IDLE, heap.gcState());
    // An Item has 8 bytes of fields: 20 + 8 rounded by TLSF = a 28-byte payload, 32 in all.
    assertEquals(10 * 32, histogram.get(itemId).bytes());
    CheckReport report = HeapChecker.check(heap);
    assertTrue(report.clean(), report::toString);
  }

  @Test
  void collectionFreesTheRemovedItems() {
    HeapDump before = HeapDump.load("list-removed");
    HeapDump after = HeapDump.load("list-collected");
    HeapSnapshot h0 = before.read();
    HeapSnapshot h1 = after.read();
    int itemId = h0.rtId(h0.objectAtPayload(before.result(FIRST_ITEM)));
    assertEquals(6, h1.histogram().get(itemId).count(), "count() after collect is 6");
    assertEquals(after.result(3), h1.histogram().get(itemId).count());
    AllocatorSummary a0 = h0.allocator();
    AllocatorSummary a1 = h1.allocator();
    assertEquals(a0.usedBlocks() - 4, a1.usedBlocks(), "four Item blocks freed");
    assertEquals(a0.usedBytes() - 4 * 28, a1.usedBytes(), "four 28-byte payloads less in use");
    assertEquals(span(a0), span(a1), "blocks still tile the heap from the first block to the tail");
    assertTrue(a1.freeBlocks() >= 2, "the freed blocks are holes before the big free block");
    assertEquals(h1.globals().total(), h1.gc().bytes(Space.FROM) + h1.gc().bytes(Space.TO)
        + h1.gc().bytes(Space.PIN), "ITCMS's total is what its lists hold");
    CheckReport report = HeapChecker.check(h1);
    assertTrue(report.clean(), report::toString);
  }

  @Test
  void entryOfAppendSeesTheListBeforeTheNewItem() {
    // build(10), then build(3) stopped on entry to List#append for the 12th time: 11 items linked.
    HeapDump dump = HeapDump.load("list-at-append");
    HeapSnapshot heap = dump.read();
    int list = dump.global("programs/list/list");
    InstanceContents fields = instance(heap, list);
    assertEquals(11, fields.words()[2], "List.count on entry of the 12th append");
    assertTrue(HeapChecker.check(heap).clean());
  }

  /** Bytes from the first block to the tail: payloads plus one 4-byte header per block. */
  private static long span(AllocatorSummary a) {
    return a.usedBytes() + a.freeBytes() + 4L * a.blocks();
  }

  private static InstanceContents instance(HeapSnapshot heap, int payload) {
    return assertInstanceOf(InstanceContents.class, ObjectDecoder.decode(heap, payload, 16));
  }
}
