package dev.tricolor.heap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.check.CheckReport;
import dev.tricolor.heap.check.HeapChecker;
import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.layout.GcState;
import dev.tricolor.heap.read.HeapSnapshot;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Differential test (3) of the host runtime: a long seeded random sequence of object-graph
 * operations (the {@code graph} program: create, link into fields and child arrays, label with
 * fresh strings, attach buffers, prune, descend, drop, pin, unpin, full collections in between)
 * runs in guest mode and host mode side by side. After every operation both return the same
 * value, the heap checker finds nothing in the host runtime's heap, and both heaps are the same
 * (addresses, sizes, colors, lists). Allocations run the incremental collector's steps, so the
 * operations meet it in every state; the test checks it did.
 */
class GraphWorkloadTest {
  private static final int SLOTS = 32;

  @ParameterizedTest(name = "{0} build, seed {1}, {2} operations")
  @CsvSource({"debug, 42, 1500", "debug, 7, 1500", "release, 5, 1500"})
  void randomGraphOperations(String build, long seed, int operations) {
    ModeRun guest = ModeRun.guest(build, "graph");
    ModeRun host = ModeRun.host(build, "graph");
    boolean gc = build.equals("debug");
    SplittableRandom r = new SplittableRandom(seed);
    Set<GcState> states = EnumSet.noneOf(GcState.class);
    Set<Color> colors = EnumSet.noneOf(Color.class);
    int collections = 0;
    int nextId = 1;
    for (int op = 0; op < operations; op++) {
      String export;
      long[] args;
      int k = r.nextInt(100);
      if (k < 15) {
        export = "create";
        args = new long[] {r.nextInt(SLOTS), nextId++};
      } else if (k < 40) {
        export = "link";
        args = new long[] {r.nextInt(SLOTS), r.nextInt(SLOTS), r.nextInt(3)};
      } else if (k < 50) {
        export = "label";
        args = new long[] {r.nextInt(SLOTS), r.nextInt(100000)};
      } else if (k < 58) {
        export = "buffer";
        args = new long[] {r.nextInt(SLOTS), r.nextInt(10) == 0 ? r.nextInt(70000) : r.nextInt(600)};
      } else if (k < 70) {
        // many children at once: a large live set, so marking spans several interrupts
        export = "spray";
        int count = 1 + r.nextInt(r.nextInt(3) == 0 ? 300 : 30);
        args = new long[] {r.nextInt(SLOTS), count, nextId};
        nextId += count;
      } else if (k < 76) {
        export = "prune";
        args = new long[] {r.nextInt(SLOTS)};
      } else if (k < 81) {
        export = "descend";
        args = new long[] {r.nextInt(SLOTS)};
      } else if (k < 87) {
        export = "drop";
        args = new long[] {r.nextInt(SLOTS)};
      } else if (k < 92) {
        export = "pin";
        args = new long[] {r.nextInt(SLOTS)};
      } else if (k < 97) {
        export = "unpin";
        args = new long[] {r.nextInt(SLOTS)};
      } else if (k < 98 && r.nextInt(4) == 0) {
        export = "collect"; // rare: the incremental collector does most of the work
        args = new long[0];
        collections++;
      } else {
        export = "reachable";
        args = new long[0];
      }
      String where = build + " seed " + seed + ", operation " + op + ": " + export
          + java.util.Arrays.toString(args);
      long g = guest.value(export, args);
      long h = host.value(export, args);
      assertEquals(g, h, where + ": guest and host results");

      HeapSnapshot hostHeap = host.heap();
      CheckReport report = HeapChecker.check(hostHeap);
      assertTrue(report.clean(), where + ": the checker found in the host runtime's heap: " + report);
      HeapShape.assertSame(guest.heap(), hostHeap, gc, where);
      states.add(hostHeap.gcState());
      for (int i = 0; i < hostHeap.objectCount(); i++) {
        colors.add(hostHeap.color(i));
      }
    }
    assertEquals(EnumSet.allOf(GcState.class), states, "collector states met after operations");
    assertEquals(EnumSet.allOf(Color.class), colors, "colors met after operations");
    assertTrue(collections >= 3, "full collections: " + collections);
  }
}
