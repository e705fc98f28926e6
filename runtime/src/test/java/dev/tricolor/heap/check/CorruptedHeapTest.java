package dev.tricolor.heap.check;

import static dev.tricolor.heap.layout.Tlsf.SL_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.layout.Itcms;
import dev.tricolor.heap.layout.Tlsf;
import dev.tricolor.heap.read.Blocks;
import dev.tricolor.heap.read.HeapReader;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.ObjectContents;
import dev.tricolor.heap.read.ObjectDecoder;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.read.RuntimeTypes;
import dev.tricolor.heap.read.Space;
import dev.tricolor.heap.read.SpaceList;
import dev.tricolor.heap.read.TlsfRoot;
import dev.tricolor.heap.testing.HeapDump;
import dev.tricolor.wasm.memory.Memory;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The checker on real heaps (Node's dumps of the test programs) with one structure broken at a
 * time, as a program writing through a stray pointer would: each break is reported under its rule
 * at its address. Then many random breaks: the readers and the checker always end, never throw.
 */
class CorruptedHeapTest {
  /** A clean heap with free blocks between used ones (list-collected) or mid-mark (gc-mark). */
  private static final String HOLES = "list-collected";

  private static HeapSnapshot corrupt(String dump, Consumer<Scratch> change) {
    HeapDump d = HeapDump.load(dump);
    HeapSnapshot clean = d.read();
    assertTrue(HeapChecker.check(clean).clean(), "the dump itself is clean");
    Scratch s = new Scratch(d.memory().clone(), d.runtimeGlobals(), clean);
    change.accept(s);
    return HeapReader.read(s.bytes, s.globals, RuntimeTypes.read(s.bytes, s.globals.rttiBase(), Map.of()));
  }

  /** A copy of a dump's memory to break, with the clean snapshot to find things in. */
  private static final class Scratch {
    final byte[] bytes;
    RuntimeGlobals globals;
    final HeapSnapshot clean;

    Scratch(byte[] bytes, RuntimeGlobals globals, HeapSnapshot clean) {
      this.bytes = bytes;
      this.globals = globals;
      this.clean = clean;
    }

    int get(int address) {
      return Memory.getI32(bytes, address);
    }

    void set(int address, int value) {
      Memory.setI32(bytes, address, value);
    }

    int firstFreeBlockBefore(int lastIndex) {
      Blocks b = clean.blocks();
      for (int i = 0; i < lastIndex; i++) {
        if (b.isFree(i)) {
          return i;
        }
      }
      throw new AssertionError("no free block");
    }

    /** The n-th object (list order) that lives on the heap. */
    int heapObject(int n) {
      for (int i = 0; i < clean.objectCount(); i++) {
        if (!clean.isStatic(i) && n-- == 0) {
          return i;
        }
      }
      throw new AssertionError("not enough heap objects");
    }
  }

  private static CheckReport expect(HeapSnapshot heap, Rule rule, int address) {
    CheckReport report = HeapChecker.check(heap);
    assertTrue(
        report.findings().stream().anyMatch(f -> f.rule() == rule && f.address() == address),
        () -> "expected " + rule.id() + String.format(" at 0x%x", address) + " in\n" + report);
    return report;
  }

  @Test
  void blockSizeOverwritten() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          at[0] = s.clean.blocks().address(3);
          s.set(at[0], s.get(at[0]) + 8); // size no longer ≡ 12 (mod 16)
        });
    expect(heap, Rule.BLOCK_SIZE_UNALIGNED, at[0]);
    CheckReport report = HeapChecker.check(heap);
    assertTrue(report.count(Rule.BLOCK_WALK_INCOMPLETE) + report.count(Rule.BLOCK_MISALIGNED) > 0,
        "the walk goes astray after it: " + report);
  }

  @Test
  void blockSizePastTheEndOfMemory() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          at[0] = s.clean.blocks().address(2);
          s.set(at[0], 0x7ffffff0 | (s.get(at[0]) & Tlsf.TAGS_MASK));
        });
    assertEquals(Blocks.End.OUT_OF_BOUNDS, heap.blocks().end());
    expect(heap, Rule.BLOCK_WALK_INCOMPLETE, at[0]);
  }

  @Test
  void leftFreeTagFlipped() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          at[0] = s.clean.blocks().address(5);
          s.set(at[0], s.get(at[0]) ^ Tlsf.LEFTFREE);
        });
    expect(heap, Rule.LEFTFREE_MISMATCH, at[0]);
  }

  @Test
  void freeBlockBackPointer() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          Blocks b = s.clean.blocks();
          int i = s.firstFreeBlockBefore(b.count() - 1);
          at[0] = b.address(i);
          s.set(b.address(i + 1) - 4, 0x1234);
        });
    expect(heap, Rule.FREE_BACK_POINTER, at[0]);
  }

  @Test
  void freeListCycle() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          Blocks b = s.clean.blocks();
          at[0] = b.address(s.firstFreeBlockBefore(b.count() - 1));
          s.set(at[0] + Tlsf.NEXT_OFFSET, at[0]); // next points at itself
        });
    expect(heap, Rule.FREE_LIST_BROKEN, at[0]);
  }

  @Test
  void rootNotWhereHeapBasePutsIt() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          RuntimeGlobals g = s.globals;
          at[0] = (int) g.root();
          s.globals = new RuntimeGlobals(g.root(), g.state(), g.white(), g.total(), g.threshold(),
              g.fromSpace(), g.toSpace(), g.pinSpace(), g.iter(), g.heapBase() + 32, g.dataEnd(),
              g.stackPointer(), g.rttiBase());
        });
    expect(heap, Rule.ROOT_MISPLACED, at[0]);
  }

  @Test
  void blockSmallerThanTheMinimum() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          at[0] = s.clean.blocks().address(3);
          s.set(at[0], 4 | (s.get(at[0]) & Tlsf.TAGS_MASK));
        });
    expect(heap, Rule.BLOCK_TOO_SMALL, at[0]);
  }

  @Test
  void tailTaggedFree() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          at[0] = s.clean.root().tail();
          s.set(at[0], s.get(at[0]) | Tlsf.FREE);
        });
    assertTrue(heap.blocks().isTail(heap.blocks().count() - 1), "the walk still ends at the tail");
    expect(heap, Rule.TAIL_INVALID, at[0]);
  }

  @Test
  void usedBlockRightOfAFreeOneTaggedFree() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          Blocks b = s.clean.blocks();
          int i = s.firstFreeBlockBefore(b.count() - 1) + 1;
          assertTrue(!b.isFree(i) && !b.isTail(i), "a used block right of the first hole");
          at[0] = b.address(i);
          s.set(at[0], s.get(at[0]) | Tlsf.FREE);
        });
    expect(heap, Rule.FREE_BLOCKS_ADJACENT, at[0]);
  }

  @Test
  void listedBlockLosesItsFreeTag() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          Blocks b = s.clean.blocks();
          at[0] = b.address(s.firstFreeBlockBefore(b.count() - 1));
          s.set(at[0], s.get(at[0]) & ~Tlsf.FREE);
        });
    expect(heap, Rule.FREE_LIST_NODE_NOT_FREE, at[0]);
  }

  @Test
  void freeBlockOnTheListOfAnotherClass() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          TlsfRoot r = s.clean.root();
          int fl = Integer.numberOfTrailingZeros(r.flMap());
          int sl = Integer.numberOfTrailingZeros(r.slMap(fl));
          int empty = Integer.numberOfTrailingZeros(~r.slMap(fl));
          assertTrue(empty < SL_SIZE, "an empty class on the same level");
          at[0] = r.head(fl, sl);
          s.set(Tlsf.headAddress(r.address(), fl, empty), at[0]); // the list moves there
          s.set(Tlsf.headAddress(r.address(), fl, sl), 0);
        });
    expect(heap, Rule.FREE_LIST_WRONG_CLASS, at[0]);
  }

  @Test
  void freeListPrevPointerOverwritten() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          Blocks b = s.clean.blocks();
          at[0] = b.address(s.firstFreeBlockBefore(b.count() - 1));
          s.set(at[0] + Tlsf.PREV_OFFSET, 0x1230); // a head's prev is 0
        });
    expect(heap, Rule.FREE_LIST_PREV, at[0]);
  }

  @Test
  void firstLevelMapBitSetForAnEmptyLevel() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          at[0] = s.clean.root().address();
          int flMap = s.clean.root().flMap();
          int empty = Integer.numberOfTrailingZeros(~flMap);
          assertEquals(0, s.clean.root().slMap(empty));
          s.set(at[0], flMap | 1 << empty); // flMap is the root's first word
        });
    expect(heap, Rule.FL_MAP_MISMATCH, at[0]);
  }

  @Test
  void usedBlockTaggedFree() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          at[0] = s.clean.address(s.heapObject(1));
          s.set(at[0], s.get(at[0]) | Tlsf.FREE);
        });
    CheckReport report = expect(heap, Rule.FREE_BLOCK_UNLISTED, at[0]);
    assertTrue(report.count(Rule.SPACE_LIST_BROKEN) == 1, "its object list now leads to a free block");
  }

  @Test
  void secondLevelMapBitCleared() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          int root = s.clean.root().address();
          int fl = Integer.numberOfTrailingZeros(s.clean.root().flMap());
          int slMap = s.clean.root().slMap(fl);
          int sl = Integer.numberOfTrailingZeros(slMap);
          at[0] = Tlsf.headAddress(root, fl, sl);
          s.set(Tlsf.slMapAddress(root, fl), slMap & ~(1 << sl));
        });
    expect(heap, Rule.SL_MAP_MISMATCH, at[0]);
  }

  @Test
  void objectListCycle() {
    int[] at = new int[2];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          int first = s.clean.address(s.heapObject(0));
          at[1] = s.heapObject(2);
          int third = s.clean.address(at[1]);
          at[0] = third; // its next closes the cycle
          int color = s.get(third + Itcms.NEXT_WITH_COLOR_OFFSET) & Itcms.COLOR_MASK;
          s.set(third + Itcms.NEXT_WITH_COLOR_OFFSET, first | color); // back to the first
        });
    SpaceList from = heap.spaceList(Space.FROM);
    assertEquals(SpaceList.End.REVISIT, from.end());
    assertEquals(at[1] + 1, from.objectCount(), "the walk stops where the cycle closes");
    expect(heap, Rule.SPACE_LIST_CYCLE, at[0]);
  }

  @Test
  void objectOnTwoLists() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt("gc-idle", s -> {
          int pin = (int) s.globals.pinSpace();
          int pinned = s.get(pin + Itcms.NEXT_WITH_COLOR_OFFSET) & ~Itcms.COLOR_MASK;
          at[0] = s.clean.address(s.heapObject(0)); // on fromSpace
          s.set(pinned + Itcms.NEXT_WITH_COLOR_OFFSET, at[0] | Itcms.TRANSPARENT);
        });
    expect(heap, Rule.OBJECT_IN_TWO_SPACES, at[0]);
  }

  @Test
  void prevPointerOverwritten() {
    int[] at = new int[1];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          at[0] = s.clean.address(s.heapObject(3));
          s.set(at[0] + Itcms.PREV_OFFSET, 0xdead0);
        });
    expect(heap, Rule.SPACE_LIST_PREV, at[0]);
  }

  @Test
  void headerFields() {
    int[] at = new int[2];
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          at[0] = s.clean.address(s.heapObject(1));
          at[1] = s.clean.address(s.heapObject(2));
          s.set(at[0] + 12, 99999); // rtId
          s.set(at[1] + 16, 1 << 20); // rtSize
        });
    expect(heap, Rule.RTID_OUT_OF_RANGE, at[0]);
    expect(heap, Rule.RTSIZE_EXCEEDS_BLOCK, at[1]);
    assertTrue(heap.histogram().get(99999).count() == 1, "the bad id still shows in the histogram");
  }

  @Test
  void impossibleColors() {
    int[] at = new int[2];
    HeapSnapshot heap =
        corrupt("gc-mark", s -> {
          at[0] = s.clean.address(s.heapObject(0)); // fromSpace: white while marking
          s.set(at[0] + 4, (s.get(at[0] + 4) & ~3) | Itcms.GRAY);
          int pin = (int) s.globals.pinSpace();
          at[1] = s.get(pin + 4) & ~3;
          s.set(at[1] + 4, (s.get(at[1] + 4) & ~3) | s.clean.white());
        });
    expect(heap, Rule.COLOR_IMPOSSIBLE, at[0]);
    expect(heap, Rule.COLOR_IMPOSSIBLE, at[1]);
  }

  @Test
  void totalDisagrees() {
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          RuntimeGlobals g = s.globals;
          s.globals = new RuntimeGlobals(g.root(), g.state(), g.white(), g.total() + 32,
              g.threshold(), g.fromSpace(), g.toSpace(), g.pinSpace(), g.iter(), g.heapBase(),
              g.dataEnd(), g.stackPointer(), g.rttiBase());
        });
    expect(heap, Rule.TOTAL_MISMATCH, 0);
  }

  @Test
  void globalsPointingNowhere() {
    HeapSnapshot heap =
        corrupt(HOLES, s -> {
          RuntimeGlobals g = s.globals;
          s.globals = new RuntimeGlobals(0xfffff000L, 7, 5, g.total(), g.threshold(), 0x7ffffff0L,
              g.toSpace(), g.pinSpace(), g.iter(), g.heapBase(), g.dataEnd(), g.stackPointer(),
              0xfffffff0L);
        });
    CheckReport report = HeapChecker.check(heap);
    assertEquals(1, report.count(Rule.ROOT_UNREADABLE), report::toString);
    assertEquals(1, report.count(Rule.SPACE_HEAD_UNREADABLE), report::toString);
    assertEquals(1, report.count(Rule.RTTI_UNREADABLE), report::toString);
    assertEquals(2, report.count(Rule.GC_STATE_INVALID), report::toString);
  }

  /**
   * Random damage, as a stray store would do: words overwritten in the heap, in headers and in the
   * root, with pointers into the heap, small numbers or noise. Whatever happens, reading, checking
   * and decoding every object (an array's first and last elements, a map's first entries), and
   * resolving or decoding random words, ends and throws nothing.
   */
  @Test
  void randomDamageNeverThrowsNorHangs() {
    String[] dumps = {"list-collected", "collections-setup", "gc-mark", "gc-sweep", "gc-dropped"};
    assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
      Random random = new Random(20261124);
      int findings = 0;
      for (String name : dumps) {
        HeapDump d = HeapDump.load(name);
        HeapSnapshot clean = d.read();
        int lo = clean.root().address();
        int hi = clean.blocks().address(clean.blocks().count() - 1) + 4;
        for (int round = 0; round < 300; round++) {
          byte[] bytes = d.memory().clone();
          for (int k = 1 + random.nextInt(6); k > 0; k--) {
            int at = round % 3 == 0 && clean.objectCount() > 0
                ? clean.address(random.nextInt(clean.objectCount())) + 4 * random.nextInt(5)
                : (lo + random.nextInt(hi - lo)) & ~3;
            int value = switch (random.nextInt(4)) {
              case 0 -> lo + random.nextInt(hi - lo); // a pointer into the heap
              case 1 -> clean.address(random.nextInt(Math.max(1, clean.objectCount())));
              case 2 -> random.nextInt(64);
              default -> random.nextInt();
            };
            Memory.setI32(bytes, at, value);
          }
          RuntimeGlobals g = d.runtimeGlobals();
          HeapSnapshot heap = HeapReader.read(bytes, g, RuntimeTypes.read(bytes, g.rttiBase(), Map.of()));
          findings += HeapChecker.check(heap).total();
          heap.histogram();
          heap.gc();
          heap.allocator();
          for (int i = 0; i < heap.objectCount(); i++) {
            ObjectContents contents = ObjectDecoder.decode(heap, heap.payload(i), 64);
            if (contents instanceof ObjectContents.ArrayContents a) {
              a.elements(heap, 0, 64);
              a.elements(heap, a.length() - 8, 64);
            } else if (contents instanceof ObjectContents.HashContents h) {
              h.entries(heap, 0, 64);
            }
            heap.header(i);
            heap.className(i);
            heap.color(i);
            heap.objectSize(i);
          }
          for (int k = 0; k < 16; k++) {
            heap.resolve(random.nextInt());
            heap.resolve(lo + random.nextInt(hi - lo));
            ObjectDecoder.decode(heap, lo + random.nextInt(hi - lo), 64);
          }
          heap.iterObject();
        }
      }
      assertTrue(findings > 0, "the damage was noticed");
    });
  }
}
