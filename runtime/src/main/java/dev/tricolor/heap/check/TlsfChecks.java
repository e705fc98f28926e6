package dev.tricolor.heap.check;

import static dev.tricolor.heap.layout.Tlsf.BLOCK_MINSIZE;
import static dev.tricolor.heap.layout.Tlsf.FL_BITS;
import static dev.tricolor.heap.layout.Tlsf.SL_BITS;
import static dev.tricolor.heap.layout.Tlsf.SL_SIZE;

import dev.tricolor.heap.layout.Tlsf;
import dev.tricolor.heap.read.Blocks;
import dev.tricolor.heap.read.FreeLists;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.read.TlsfRoot;
import dev.tricolor.wasm.memory.Memory;

/** The allocator's invariants: root, blocks, tags, back pointers, free lists and their maps. */
final class TlsfChecks {
  private TlsfChecks() {}

  static void run(HeapSnapshot heap, CheckReport report) {
    RuntimeGlobals g = heap.globals();
    TlsfRoot root = heap.root();
    if (root == null) {
      if (g.root() > 0) {
        report.add(Rule.ROOT_UNREADABLE, (int) g.root(),
            String.format("ROOT 0x%x does not leave room for the %d-byte root in %d bytes of memory",
                g.root(), Tlsf.ROOT_SIZE, heap.memorySize()));
      }
      return;
    }
    if (RuntimeGlobals.known(g.heapBase())
        && root.address() != Tlsf.rootOffset((int) g.heapBase())) {
      report.add(Rule.ROOT_MISPLACED, root.address(),
          String.format("ROOT is 0x%x but __heap_base 0x%x puts it at 0x%x",
              root.address(), g.heapBase(), Tlsf.rootOffset((int) g.heapBase())));
    }
    Blocks blocks = heap.blocks();
    boolean[] listed = checkFreeLists(heap, root, blocks, report);
    checkBlocks(heap, root, blocks, listed, report);
    checkMaps(root, report);
  }

  private static void checkBlocks(
      HeapSnapshot heap, TlsfRoot root, Blocks blocks, boolean[] listed, CheckReport report) {
    byte[] bytes = heap.bytes();
    if (blocks.end() != Blocks.End.TAIL) {
      // reported at the block whose size led the walk astray (the last one walked)
      int culprit = blocks.count() > 0 ? blocks.address(blocks.count() - 1) : root.address();
      String why = switch (blocks.end()) {
        case OUT_OF_BOUNDS -> "its size leads past the end of memory";
        case ZERO_SIZE -> "it has size 0 but is not the tail";
        case PASSED_TAIL -> "its size steps over the tail";
        default -> blocks.end().toString();
      };
      report.add(Rule.BLOCK_WALK_INCOMPLETE, culprit,
          String.format("walk from 0x%x stopped after %d blocks at 0x%x (mmInfo 0x%x): %s; the tail is 0x%x",
              root.firstBlock(), blocks.count(), culprit,
              blocks.count() > 0 ? blocks.mmInfo(blocks.count() - 1) : 0, why, root.tail()));
    }
    int n = blocks.count();
    for (int i = 0; i < n; i++) {
      int a = blocks.address(i);
      int size = blocks.size(i);
      boolean tail = blocks.isTail(i);
      if (!Tlsf.isBlockAligned(a)) {
        report.add(Rule.BLOCK_MISALIGNED, a, String.format("payload 0x%x", a + 4));
      }
      if (tail) {
        if (size != 0 || blocks.isFree(i)) {
          report.add(Rule.TAIL_INVALID, a, String.format("mmInfo 0x%x", blocks.mmInfo(i)));
        }
      } else {
        if (!Tlsf.isSizeAligned(size)) {
          report.add(Rule.BLOCK_SIZE_UNALIGNED, a, String.format("size %d", Integer.toUnsignedLong(size)));
        }
        if (Integer.compareUnsigned(size, BLOCK_MINSIZE) < 0) {
          report.add(Rule.BLOCK_TOO_SMALL, a, String.format("size %d", size));
        }
      }
      boolean leftFree = i > 0 && blocks.isFree(i - 1);
      if (blocks.isLeftFree(i) != leftFree) {
        report.add(Rule.LEFTFREE_MISMATCH, a,
            i == 0
                ? "LEFTFREE set on the first block"
                : String.format("LEFTFREE %s but left block 0x%x is %s",
                    blocks.isLeftFree(i) ? "set" : "clear", blocks.address(i - 1),
                    leftFree ? "free" : "used"));
      }
      if (blocks.isFree(i)) {
        if (i > 0 && blocks.isFree(i - 1)) {
          report.add(Rule.FREE_BLOCKS_ADJACENT, a,
              String.format("left block 0x%x is free too", blocks.address(i - 1)));
        }
        long backAt = a + 4L + Integer.toUnsignedLong(size) - 4;
        if (backAt >= 0 && backAt <= bytes.length - 4L) {
          int back = Memory.getI32(bytes, (int) backAt);
          if (back != a) {
            report.add(Rule.FREE_BACK_POINTER, a,
                String.format("back pointer at 0x%x is 0x%x", backAt, back));
          }
        }
        if (!listed[i]) {
          report.add(Rule.FREE_BLOCK_UNLISTED, a,
              String.format("size %d belongs on list (%d, %d)", Integer.toUnsignedLong(size),
                  Tlsf.insertFl(size), Tlsf.insertSl(size)));
        }
      }
    }
  }

  /** Checks each list and returns which blocks are on one. */
  private static boolean[] checkFreeLists(
      HeapSnapshot heap, TlsfRoot root, Blocks blocks, CheckReport report) {
    FreeLists lists = heap.freeLists();
    boolean[] listed = new boolean[blocks.count()];
    for (int k = 0; k < FreeLists.LISTS; k++) {
      int fl = k >>> SL_BITS;
      int sl = k & (SL_SIZE - 1);
      for (int j = 0, len = lists.length(k); j < len; j++) {
        int i = lists.node(k, j);
        listed[i] = true;
        int a = blocks.address(i);
        int size = blocks.size(i);
        if (!blocks.isFree(i)) {
          report.add(Rule.FREE_LIST_NODE_NOT_FREE, a,
              String.format("on list (%d, %d), mmInfo 0x%x", fl, sl, blocks.mmInfo(i)));
        } else if (Tlsf.insertFl(size) != fl || Tlsf.insertSl(size) != sl) {
          report.add(Rule.FREE_LIST_WRONG_CLASS, a,
              String.format("size %d belongs on list (%d, %d), found on (%d, %d)",
                  Integer.toUnsignedLong(size), Tlsf.insertFl(size), Tlsf.insertSl(size), fl, sl));
        }
      }
      FreeLists.End end = lists.end(k);
      if (end != FreeLists.End.NULL) {
        // reported at the node whose next pointer is bad (or the head slot in the root)
        int len = lists.length(k);
        int culprit = len > 0 ? blocks.address(lists.node(k, len - 1)) : Tlsf.headAddress(root.address(), fl, sl);
        report.add(Rule.FREE_LIST_BROKEN, culprit,
            String.format("list (%d, %d) from 0x%x: %s 0x%x after %d node(s)", fl, sl,
                root.head(fl, sl),
                end == FreeLists.End.REVISIT ? "comes back to" : "leads to non-block",
                lists.endAddress(k), lists.length(k)));
      }
    }
    for (int a : lists.prevMismatches()) {
      report.add(Rule.FREE_LIST_PREV, a, "prev does not point at the block before it (or 0 at a head)");
    }
    return listed;
  }

  private static void checkMaps(TlsfRoot root, CheckReport report) {
    int flMap = root.flMap();
    if ((flMap >>> FL_BITS) != 0) {
      report.add(Rule.FL_MAP_MISMATCH, root.address(),
          String.format("flMap 0x%x has bits above first level %d", flMap, FL_BITS - 1));
    }
    for (int fl = 0; fl < FL_BITS; fl++) {
      int slMap = root.slMap(fl);
      boolean flBit = (flMap & (1 << fl)) != 0;
      if (flBit != (slMap != 0)) {
        report.add(Rule.FL_MAP_MISMATCH, root.address(),
            String.format("flMap bit %d is %s but slMap[%d] is 0x%x", fl, flBit ? "set" : "clear",
                fl, slMap));
      }
      for (int sl = 0; sl < SL_SIZE; sl++) {
        boolean slBit = (slMap & (1 << sl)) != 0;
        int head = root.head(fl, sl);
        if (slBit != (head != 0)) {
          report.add(Rule.SL_MAP_MISMATCH, Tlsf.headAddress(root.address(), fl, sl),
              String.format("slMap[%d] bit %d is %s but head (%d, %d) is 0x%x", fl, sl,
                  slBit ? "set" : "clear", fl, sl, head));
        }
      }
    }
  }
}
