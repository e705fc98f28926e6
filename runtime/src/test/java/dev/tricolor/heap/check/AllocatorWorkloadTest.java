package dev.tricolor.heap.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.read.AllocatorSummary;
import dev.tricolor.heap.read.FreeLists;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.testing.HeapDump;
import org.junit.jupiter.api.Test;

/**
 * test-programs/programs/allocator.ts after 2000 random __alloc/__realloc/__free operations on
 * raw TLSF blocks: a fragmented heap the real allocator made. Every TLSF invariant holds, every
 * free block is on its list, and the raw blocks the program holds are exactly the used blocks no
 * GC list knows (reported as warnings, not errors).
 */
class AllocatorWorkloadTest {
  @Test
  void fragmentedHeapChecksClean() {
    HeapDump d = HeapDump.load("allocator-random");
    HeapSnapshot heap = d.read();
    CheckReport allocator = HeapChecker.checkAllocator(heap);
    assertTrue(allocator.clean(), allocator::toString);

    AllocatorSummary a = heap.allocator();
    assertTrue(a.freeBlocks() > 5, "random frees leave holes: " + a);
    assertTrue(a.fragmentation() > 0 && a.fragmentation() < 1, a::toString);
    int listed = heap.freeLists().totalNodes();
    assertEquals(a.freeBlocks(), listed, "each free block on exactly one list");
    for (int k = 0; k < FreeLists.LISTS; k++) {
      assertEquals(FreeLists.End.NULL, heap.freeLists().end(k));
    }

    CheckReport all = HeapChecker.check(heap);
    int rawBlocks = 2 + d.result(3); // alloc(100), alloc(10000) and the live slots
    assertEquals(rawBlocks, all.count(Rule.OBJECT_NOT_IN_SPACE), all::toString);
    assertEquals(0, all.errors(), all::toString);
    assertEquals(Rule.Severity.WARNING, Rule.OBJECT_NOT_IN_SPACE.severity());
    int first = heap.blocks().indexOf(d.result(0) - 4);
    assertTrue(first >= 0 && !heap.blocks().isFree(first) && heap.objectOfBlock(first) < 0,
        "alloc(100) is a used block that is no object");
  }
}
