package dev.tricolor.heap.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.check.CheckReport;
import dev.tricolor.heap.check.HeapChecker;
import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.layout.GcState;
import dev.tricolor.heap.testing.HeapDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collector as the readers see it, on test-programs/programs/gccolors.ts: a tree of 31
 * Branches (each with a Leaf) held by a global, 20 garbage Leafs and one pinned Leaf. The dumps
 * stop a full {@code __collect} on entry to {@code ~lib/rt/itcms/step}: idle, marking, sweeping.
 */
class GcColorsHeapTest {
  // gc-*: setup(4), pinnedAddress(), treeAddress(), collect() [stopped inside]
  private static final int BRANCHES = 0;
  private static final int PINNED = 1;
  private static final int TREE = 2;

  @ParameterizedTest
  @ValueSource(strings = {"gc-idle", "gc-mark-roots", "gc-mark", "gc-sweep", "gc-dropped", "gc-unpinned"})
  void everyStateChecksClean(String name) {
    HeapSnapshot heap = HeapDump.load(name).read();
    CheckReport report = HeapChecker.check(heap);
    assertTrue(report.clean(), report::toString);
    GcSummary gc = heap.gc();
    assertEquals(heap.globals().total(),
        gc.bytes(Space.FROM) + gc.bytes(Space.TO) + gc.bytes(Space.PIN));
  }

  @Test
  void idleBeforeTheCycle() {
    HeapDump dump = HeapDump.load("gc-idle");
    HeapSnapshot heap = dump.read();
    assertEquals(GcState.IDLE, heap.gcState());
    int pinned = heap.objectAtPayload(dump.result(PINNED));
    int tree = heap.objectAtPayload(dump.result(TREE));
    assertEquals(Space.PIN, heap.space(pinned));
    assertEquals(Color.TRANSPARENT, heap.color(pinned));
    ClassHistogram h = heap.histogram();
    int branch = heap.rtId(tree);
    int leaf = heap.rtId(pinned);
    assertEquals(dump.result(BRANCHES), h.get(branch).count(Color.WHITE));
    assertEquals(31 + 20, h.get(leaf).count(Color.WHITE), "tree Leafs and garbage Leafs");
    assertEquals(1, h.get(leaf).count(Color.TRANSPARENT));
    assertEquals(1, heap.gc().objects(Space.PIN));
    assertEquals(0, heap.gc().objects(Space.TO));
  }

  @Test
  void markingStartsWithTheRootsGray() {
    HeapDump dump = HeapDump.load("gc-mark-roots");
    HeapSnapshot heap = dump.read();
    assertEquals(GcState.MARK, heap.gcState());
    int tree = heap.objectAtPayload(dump.result(TREE));
    assertEquals(Color.GRAY, heap.color(tree), "the global's tree is a root");
    assertEquals(Space.TO, heap.space(tree));
    assertEquals(0, heap.histogram().get(heap.rtId(tree)).count(Color.BLACK), "no Branch scanned yet");
    assertEquals(-1, heap.iterObject(), "iter is still toSpace's head");
  }

  @Test
  void markingHasEveryColor() {
    HeapDump dump = HeapDump.load("gc-mark");
    HeapSnapshot heap = dump.read();
    assertEquals(GcState.MARK, heap.gcState());
    GcSummary gc = heap.gc();
    for (Color c : Color.values()) {
      assertTrue(gc.count(c) > 0, () -> "some object is " + c + ": " + java.util.Arrays.toString(gc.colors()));
    }
    int iter = heap.iterObject();
    assertTrue(iter >= 0 && heap.space(iter) == Space.TO, "iter is an object on toSpace");
    for (int i = 0; i < heap.objectCount(); i++) {
      if (heap.space(i) == Space.FROM) {
        assertEquals(Color.WHITE, heap.color(i), "fromSpace holds only unreached objects");
      }
    }
  }

  @Test
  void sweepingFlippedWhite() {
    HeapDump idle = HeapDump.load("gc-idle");
    HeapDump dump = HeapDump.load("gc-sweep");
    HeapSnapshot heap = dump.read();
    assertEquals(GcState.SWEEP, heap.gcState());
    assertEquals(1 - idle.read().white(), heap.white(), "white flips when marking ends");
    int branch = heap.rtId(heap.objectAtPayload(dump.result(TREE)));
    int leaf = heap.rtId(heap.objectAtPayload(dump.result(PINNED)));
    ClassHistogram h = heap.histogram();
    assertEquals(31, h.get(branch).count(Color.WHITE), "survivors are the new white");
    // fromSpace: the survivors; toSpace from iter on: garbage Leafs not yet freed (old white).
    int garbage = h.get(leaf).count(Color.BLACK);
    assertTrue(garbage > 0 && garbage < 20, "sweeping is under way: " + garbage + " garbage Leafs left");
    assertEquals(garbage, heap.spaceList(Space.TO).objectCount());
    assertTrue(heap.allocator().freeBlocks() > 1, "some garbage already freed");
  }

  @Test
  void droppedSubtreeIsFreedAndPinnedObjectSurvives() {
    HeapDump dump = HeapDump.load("gc-dropped");
    HeapSnapshot heap = dump.read();
    assertEquals(GcState.IDLE, heap.gcState());
    int pinned = heap.objectAtPayload(dump.result(5));
    assertEquals(Color.TRANSPARENT, heap.color(pinned), "still pinned after two collections");
    int leaf = heap.rtId(pinned);
    assertEquals(16, dump.result(4), "branches() after dropRight");
    ClassHistogram h = heap.histogram();
    assertEquals(16 + 1, h.get(leaf).count(), "the left tree's Leafs and the pinned one");
    int branch = heap.rtId(heap.objectAtPayload(dump.result(6)));
    assertEquals(16, h.get(branch).count(), "the right subtree's 15 Branches are freed");
  }

  @Test
  void unpinnedObjectIsCollected() {
    HeapDump dump = HeapDump.load("gc-unpinned");
    HeapSnapshot heap = dump.read();
    assertEquals(0, heap.gc().objects(Space.PIN));
    assertEquals(0, heap.gc().count(Color.TRANSPARENT));
    assertEquals(31, dump.result(4));
    // the same setup(4) as gc-idle, so the same addresses: where the pinned Leaf was, no object
    HeapDump idle = HeapDump.load("gc-idle");
    HeapSnapshot before = idle.read();
    int pinned = idle.result(PINNED);
    int leaf = before.rtId(before.objectAtPayload(pinned));
    assertEquals(-1, heap.objectAtPayload(pinned), "the unpinned Leaf is freed");
    assertEquals(31, heap.histogram().get(leaf).count(), "only the tree's Leafs are left");
  }
}
