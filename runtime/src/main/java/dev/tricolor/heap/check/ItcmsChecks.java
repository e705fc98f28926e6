package dev.tricolor.heap.check;

import static dev.tricolor.heap.layout.Common.OBJECT_OVERHEAD;

import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.layout.GcState;
import dev.tricolor.heap.read.Blocks;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.read.Space;
import dev.tricolor.heap.read.SpaceList;

/**
 * The collector's invariants: the three lists doubly linked and disjoint, every object on one,
 * colors possible for its list in the current state, header fields that fit, and {@code total}.
 */
final class ItcmsChecks {
  private ItcmsChecks() {}

  static void run(HeapSnapshot heap, CheckReport report) {
    RuntimeGlobals g = heap.globals();
    if (RuntimeGlobals.known(g.rttiBase()) && !heap.types().readable()) {
      report.add(Rule.RTTI_UNREADABLE, (int) g.rttiBase(),
          String.format("no plausible count at __rtti_base 0x%x", g.rttiBase()));
    }
    if (g.fromSpace() <= 0) {
      return; // ITCMS not initialized (or not revealed): nothing is managed yet
    }
    GcState state = heap.gcState();
    if (RuntimeGlobals.known(g.state()) && state == null) {
      report.add(Rule.GC_STATE_INVALID, 0, String.format("state is %d", g.state()));
    }
    if (RuntimeGlobals.known(g.white()) && g.white() != 0 && g.white() != 1) {
      report.add(Rule.GC_STATE_INVALID, 0, String.format("white is %d", g.white()));
    }
    boolean listsComplete = checkLists(heap, state, report);
    long sum = checkObjects(heap, state, report);
    if (listsComplete && RuntimeGlobals.known(g.total()) && sum != g.total()) {
      report.add(Rule.TOTAL_MISMATCH, 0,
          String.format("total is %d but the objects on the lists occupy %d bytes", g.total(), sum));
    }
    if (listsComplete) {
      Blocks blocks = heap.blocks();
      for (int i = 0, n = blocks.count(); i < n; i++) {
        if (!blocks.isFree(i) && !blocks.isTail(i) && heap.objectOfBlock(i) < 0) {
          report.add(Rule.OBJECT_NOT_IN_SPACE, blocks.address(i),
              String.format("used block of %d bytes", Integer.toUnsignedLong(blocks.size(i))));
        }
      }
    }
  }

  /** Checks how each list walk ended; true when all three are complete. */
  private static boolean checkLists(HeapSnapshot heap, GcState state, CheckReport report) {
    boolean complete = true;
    for (Space s : Space.values()) {
      SpaceList list = heap.spaceList(s);
      switch (list.end()) {
        case HEAD -> {
          boolean sweptEmpty = s == Space.TO && state == GcState.SWEEP && list.objectCount() == 0;
          if (!sweptEmpty && list.headPrev() != list.lastObject()) {
            report.add(Rule.SPACE_LIST_PREV, list.head(),
                String.format("%s head's prev is 0x%x, its last object is 0x%x", s.global(),
                    list.headPrev(), list.lastObject()));
          }
        }
        case NO_HEAD -> {
          if (list.head() != 0) {
            report.add(Rule.SPACE_HEAD_UNREADABLE, list.head(),
                String.format("%s is 0x%x", s.global(), list.head()));
            complete = false;
          }
        }
        case NULL_LINK, NOT_AN_OBJECT -> {
          // reported at the object (or head) whose next pointer is bad
          report.add(Rule.SPACE_LIST_BROKEN, list.lastObject(),
              String.format("on %s after %d object(s), next of 0x%x is %s 0x%x", s.global(),
                  list.objectCount(), list.lastObject(),
                  list.end() == SpaceList.End.NULL_LINK ? "null" : "no object:",
                  list.endAddress()));
          complete = false;
        }
        case REVISIT -> {
          int other = heap.objectAt(list.endAddress());
          if (other >= 0 && heap.space(other) != s) {
            report.add(Rule.OBJECT_IN_TWO_SPACES, list.endAddress(),
                String.format("on %s, and on %s after 0x%x", heap.space(other).global(), s.global(),
                    list.lastObject()));
          } else {
            // reported at the object whose next pointer closes the cycle
            report.add(Rule.SPACE_LIST_CYCLE, list.lastObject(),
                String.format("on %s after %d object(s), next of 0x%x goes back to 0x%x",
                    s.global(), list.objectCount(), list.lastObject(), list.endAddress()));
          }
          complete = false;
        }
      }
    }
    for (int a : heap.prevMismatches()) {
      report.add(Rule.SPACE_LIST_PREV, a, "prev does not point at the object (or head) before it");
    }
    return complete;
  }

  /** Checks each object's header; returns the bytes of the heap objects (ITCMS's total). */
  private static long checkObjects(HeapSnapshot heap, GcState state, CheckReport report) {
    long sum = 0;
    int iterObject = heap.iterObject();
    long iter = heap.globals().iter();
    SpaceList to = heap.spaceList(Space.TO);
    if (state == GcState.MARK && iterObject < 0 && to.complete() && iter != to.head()) {
      report.add(Rule.GC_STATE_INVALID, (int) iter,
          String.format("iter 0x%x is neither toSpace's head nor an object on it", iter));
    }
    int white = heap.white();
    boolean checkIds = heap.types().readable();
    Blocks blocks = heap.blocks();
    for (int i = 0, n = heap.objectCount(); i < n; i++) {
      int a = heap.address(i);
      Space s = heap.space(i);
      if (!heap.isStatic(i)) {
        sum += heap.objectSize(i);
        long capacity = Integer.toUnsignedLong(blocks.size(heap.blockIndex(i))) - OBJECT_OVERHEAD;
        if (Integer.toUnsignedLong(heap.rtSize(i)) > capacity) {
          report.add(Rule.RTSIZE_EXCEEDS_BLOCK, a,
              String.format("rtSize %d, room for %d", Integer.toUnsignedLong(heap.rtSize(i)), capacity));
        }
      }
      if (checkIds && !heap.types().isValid(heap.rtId(i))) {
        report.add(Rule.RTID_OUT_OF_RANGE, a,
            String.format("rtId %d, RTTI count %d", Integer.toUnsignedLong(heap.rtId(i)),
                heap.types().count()));
      }
      Color c = Color.of(heap.colorBits(i), white);
      String impossible = impossibleColor(s, c, state, i, iterObject);
      if (impossible != null) {
        report.add(Rule.COLOR_IMPOSSIBLE, a, impossible);
      }
    }
    return sum;
  }

  /** Why color {@code c} cannot be on list {@code s} in {@code state}, or null if it can. */
  private static String impossibleColor(Space s, Color c, GcState state, int i, int iterObject) {
    if (s == Space.PIN) {
      return c == Color.TRANSPARENT ? null : c + " on pinSpace (pinned objects are transparent)";
    }
    if (c == Color.TRANSPARENT) {
      return "transparent on " + s.global() + " (only pinned objects are transparent)";
    }
    if (state == null) {
      return null;
    }
    if (s == Space.FROM) {
      return c == Color.WHITE ? null : c + " on fromSpace while " + state.label();
    }
    return switch (state) {
      case IDLE -> c + " object on toSpace while idle (toSpace is empty between cycles)";
      case MARK -> {
        boolean scanned = iterObject >= 0 && i <= iterObject;
        if (scanned) {
          yield c == Color.BLACK ? null : c + " on toSpace at or before iter (scanned: black)";
        }
        yield c == Color.WHITE ? "white on toSpace while marking" : null;
      }
      case SWEEP ->
          c == Color.BLACK ? null : c + " on toSpace while sweeping (only unreached objects remain)";
    };
  }
}
