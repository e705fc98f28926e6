package dev.tricolor.heap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tricolor.heap.check.CheckReport;
import dev.tricolor.heap.check.Finding;
import dev.tricolor.heap.check.HeapChecker;
import dev.tricolor.heap.check.Rule;
import dev.tricolor.heap.read.AllocatorSummary;
import dev.tricolor.wasm.memory.Memory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A stress test in the manner of AssemblyScript's own {@code tests/allocators/runner.js}, on the
 * host runtime's TLSF through a host build's imports ({@code allocator}'s wrappers): rounds of
 * many random allocations, each 16-byte aligned, never a pointer already live, never overlapping
 * a live block, contents kept until freed; frees in random order; the heap checker clean after
 * every call; and when everything is freed, all of it merges back into one free block, which the
 * next allocation takes from its start.
 */
class HostTlsfStressTest {
  @Test
  void roundsOfRandomAllocationsAndFrees() {
    ModeRun run = ModeRun.host("debug", "allocator");
    Random random = new Random(0xA5C);
    Memory memory = run.instance.memory();
    int firstFree = -1;
    for (int round = 0; round < 4; round++) {
      TreeMap<Integer, Integer> live = new TreeMap<>(); // payload address -> size
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        int size = random.nextInt(10000);
        int ptr = (int) run.value("alloc", size);
        String where = "round " + round + ", alloc " + i + " (" + size + " bytes) at 0x"
            + Integer.toHexString(ptr);
        assertEquals(0, ptr & 15, where + ": not 16-byte aligned");
        assertTrue(!live.containsKey(ptr), where + ": a duplicate of a live pointer");
        Map.Entry<Integer, Integer> below = live.floorEntry(ptr);
        if (below != null && below.getKey() + Math.max(below.getValue(), 1) > ptr) {
          fail(where + ": overlaps the live block at 0x" + Integer.toHexString(below.getKey()));
        }
        Map.Entry<Integer, Integer> above = live.ceilingEntry(ptr);
        if (above != null && ptr + size > above.getKey()) {
          fail(where + ": overlaps the live block at 0x" + Integer.toHexString(above.getKey()));
        }
        memory.fill(ptr, pattern(ptr), size);
        live.put(ptr, size);
        order.add(ptr);
        assertClean(run, where);
        if (round == 0 && i == 0) {
          firstFree = ptr;
        }
      }
      Collections.shuffle(order, random);
      for (int i = 0; i < order.size(); i++) {
        int ptr = order.get(i);
        int size = live.remove(ptr);
        byte[] bytes = memory.read(ptr, size);
        for (int k = 0; k < size; k++) {
          if (bytes[k] != pattern(ptr)) {
            fail(String.format("round %d: block 0x%x lost its contents at +%d before being freed",
                round, ptr, k));
          }
        }
        run.value("free", ptr);
        if (i % 7 == 0) {
          assertClean(run, "round " + round + ", free " + i);
        }
      }
      assertClean(run, "round " + round + " all freed");
      AllocatorSummary a = run.heap().allocator();
      assertEquals(1, a.freeBlocks(), "round " + round + ": everything freed merges into one block");
      assertEquals(1, a.usedBlocks(), "round " + round + ": only the program's own slots object is left");
      assertEquals(firstFree, (int) run.value("alloc", 64), "round " + round
          + ": the next allocation starts where the first did");
      run.value("free", firstFree);
    }
  }

  private static byte pattern(int ptr) {
    return (byte) (ptr >>> 4 ^ 0x5a);
  }

  /** No TLSF finding (raw blocks are, rightly, on no GC list: that ITCMS finding is expected). */
  private static void assertClean(ModeRun run, String where) {
    CheckReport report = HeapChecker.check(run.heap());
    for (Finding f : report.findings()) {
      if (f.rule() != Rule.OBJECT_NOT_IN_SPACE) {
        fail(where + ": " + f);
      }
    }
  }
}
