package dev.tricolor.dap.variables;

import static dev.tricolor.heap.layout.Common.AL_BITS;
import static dev.tricolor.heap.layout.Tlsf.FL_BITS;
import static dev.tricolor.heap.layout.Tlsf.SB_BITS;
import static dev.tricolor.heap.layout.Tlsf.SL_BITS;
import static dev.tricolor.heap.layout.Tlsf.SL_SIZE;

import dev.tricolor.dap.expr.Value;
import dev.tricolor.heap.layout.Tlsf;
import dev.tricolor.heap.read.AllocatorSummary;
import dev.tricolor.heap.read.Blocks;
import dev.tricolor.heap.read.FreeLists;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.Reference;
import dev.tricolor.heap.read.TlsfRoot;
import dev.tricolor.wasm.memory.Memory;
import java.util.ArrayList;
import java.util.List;

/**
 * The Allocator scope: TLSF as the heap model reads it.
 *
 * <pre>
 *  Allocator
 *  ├─ blocks, used/free blocks and bytes, largest free block, fragmentation, heap start/end
 *  ├─ root @ ROOT        flMap, slMap[0..22] (one row per first level), tail
 *  ├─ free lists         one row per non-empty list (fl, sl) and its size class,
 *  │                     its blocks paged, head first
 *  └─ all blocks         every block in address order, paged
 * </pre>
 *
 * Block rows open the memory view at the block (its mmInfo word) and watch the whole block; a used
 * block that holds an object expands to it.
 */
final class AllocatorTree {
  private final HeapTree heapTree;

  AllocatorTree(HeapTree heapTree) {
    this.heapTree = heapTree;
  }

  private HeapSnapshot heap() {
    return heapTree.heap();
  }

  VariableNode scope() {
    return new NamedNodes(() -> {
      HeapSnapshot h = heap();
      AllocatorSummary a = h.allocator();
      List<Child> out = new ArrayList<>();
      TlsfRoot root = h.root();
      if (root == null) {
        out.add(Child.label("root", "none: TLSF is not initialized (ROOT is 0) or its root lies"
            + " outside memory"));
        return out;
      }
      Blocks b = h.blocks();
      out.add(Child.leaf("blocks", Value.Int.i32(a.blocks())));
      out.add(Child.leaf("used blocks", Value.Int.i32(a.usedBlocks())));
      out.add(Child.leaf("used bytes", Value.Int.i64(a.usedBytes())));
      out.add(Child.leaf("free blocks", Value.Int.i32(a.freeBlocks())));
      out.add(Child.leaf("free bytes", Value.Int.i64(a.freeBytes())));
      int largest = largestFree(b);
      out.add(largest < 0 ? Child.leaf("largest free block", Value.Int.i64(0))
          : block("largest free block", largest));
      out.add(Child.leaf("fragmentation", Value.Float.f64(a.fragmentation())));
      out.add(Child.leaf("heap start", Value.Int.u32(Integer.toUnsignedLong(a.heapStart()))));
      out.add(Child.leaf("heap end", Value.Int.u32(Integer.toUnsignedLong(a.heapEnd()))));
      out.add(Child.leaf("memory size", Value.Int.i32(a.memorySize())));
      if (b.end() != Blocks.End.TAIL) {
        out.add(Child.label("block walk", "stopped at 0x" + Integer.toHexString(b.endAddress())
            + ": " + walkEnd(b.end())));
      }
      out.add(root(root));
      out.add(freeLists(root));
      out.add(Child.node("all blocks", b.count() + " blocks, in address order",
          new IndexedValues(b.count(), k -> block("[" + k + "]", k)), root.firstBlock()));
      return out;
    });
  }

  private static String walkEnd(Blocks.End end) {
    return switch (end) {
      case OUT_OF_BOUNDS -> "a block's size points past the end of memory";
      case ZERO_SIZE -> "a block other than the tail has size 0";
      case PASSED_TAIL -> "the walk stepped over the tail without landing on it";
      case NO_ROOT -> "no root";
      case TAIL -> "the tail";
    };
  }

  /** Index of the largest free block (the first of equal ones), or -1. */
  private static int largestFree(Blocks b) {
    int best = -1;
    for (int i = 0, n = b.count(); i < n; i++) {
      if (b.isFree(i) && (best < 0 || Integer.compareUnsigned(b.size(i), b.size(best)) > 0)) {
        best = i;
      }
    }
    return best;
  }

  private Child root(TlsfRoot root) {
    int r = root.address();
    return Child.node("root", "@ 0x" + Integer.toHexString(r) + ", " + Tlsf.ROOT_SIZE + " bytes",
        new NamedNodes(() -> {
          List<Child> out = new ArrayList<>();
          out.add(bits("flMap", r, root.flMap(), "first levels"));
          out.add(Child.node("slMap", FL_BITS + " second-level maps, one per first level",
              new NamedNodes(() -> {
                List<Child> maps = new ArrayList<>();
                for (int fl = 0; fl < FL_BITS; fl++) {
                  maps.add(bits("[" + fl + "] " + sizes(fl, 0, SL_SIZE - 1),
                      Tlsf.slMapAddress(r, fl), root.slMap(fl), "lists"));
                }
                return maps;
              }), Tlsf.slMapAddress(r, 0)).in(new MemoryRange(Tlsf.slMapAddress(r, 0), FL_BITS * 4)));
          out.add(HeapTree.word("tail", Tlsf.tailAddress(r), root.tail()));
          return out;
        }), r).in(new MemoryRange(r, Tlsf.ROOT_SIZE));
  }

  /** A bitmap word: its value, and which bits are set. */
  private static Child bits(String name, int address, int map, String what) {
    StringBuilder set = new StringBuilder();
    for (int bit = 0; bit < 32; bit++) {
      if ((map & (1 << bit)) != 0) {
        set.append(set.length() > 0 ? ", " : "").append(bit);
      }
    }
    String text = "0x" + Integer.toHexString(map) + (set.length() > 0 ? " (" + what + " " + set + ")" : " (empty)");
    return new Child(name, Value.Int.u32(Integer.toUnsignedLong(map)), text, null, -1, null)
        .in(new MemoryRange(address, 4));
  }

  private Child freeLists(TlsfRoot root) {
    FreeLists lists = heap().freeLists();
    List<int[]> nonEmpty = new ArrayList<>();
    for (int fl = 0; fl < FL_BITS; fl++) {
      for (int sl = 0; sl < SL_SIZE; sl++) {
        int k = FreeLists.list(fl, sl);
        if (root.head(fl, sl) != 0) {
          nonEmpty.add(new int[] {fl, sl, k});
        }
      }
    }
    return Child.node("free lists",
        nonEmpty.size() + " non-empty of " + FreeLists.LISTS + ", " + lists.totalNodes() + " blocks",
        new NamedNodes(() -> {
          List<Child> out = new ArrayList<>();
          for (int[] l : nonEmpty) {
            out.add(freeList(lists, root, l[0], l[1], l[2]));
          }
          return out;
        }), -1);
  }

  private Child freeList(FreeLists lists, TlsfRoot root, int fl, int sl, int k) {
    int n = lists.length(k);
    String summary = n + " block" + (n == 1 ? "" : "s");
    if (lists.end(k) != FreeLists.End.NULL) {
      summary += "; the walk stopped at 0x" + Integer.toHexString(lists.endAddress(k))
          + (lists.end(k) == FreeLists.End.REVISIT ? ", a block already seen (a cycle, or a block on"
              + " two lists)" : ", which is not a block");
    }
    int head = Tlsf.headAddress(root.address(), fl, sl);
    return Child.node("[" + fl + "," + sl + "] " + sizes(fl, sl, sl), summary,
        new IndexedValues(n, i -> block("[" + i + "]", lists.node(k, i))), -1)
        .in(new MemoryRange(head, 4));
  }

  /**
   * Payload sizes of the free lists (fl, slFrom) to (fl, slTo): the inverse of TLSF's
   * {@code mapping_insert}. First level 0 holds small blocks in steps of 16 bytes; first level fl
   * above it holds [2^(fl+7), 2^(fl+8)) in 16 steps.
   */
  static String sizes(int fl, int slFrom, int slTo) {
    long from = classStart(fl, slFrom);
    long to = slTo + 1 < SL_SIZE ? classStart(fl, slTo + 1) - 1 : classStart(fl + 1, 0) - 1;
    return from + "–" + to + " bytes";
  }

  private static long classStart(int fl, int sl) {
    if (fl == 0) {
      return (long) sl << AL_BITS;
    }
    long base = 1L << (fl + SB_BITS - 1);
    return base + sl * (base >> SL_BITS);
  }

  /** Block {@code i} as a row: where, used or free, how big, and the object it holds. */
  private Child block(String name, int i) {
    HeapSnapshot h = heap();
    Blocks b = h.blocks();
    int address = b.address(i);
    int object = b.isFree(i) ? -1 : h.objectOfBlock(i);
    String what = b.isTail(i) ? "tail"
        : b.isFree(i) ? "free"
        : object >= 0 ? "used, " + h.className(object) + " @ 0x" + Integer.toHexString(h.payload(object))
        : "used, no object (a raw __alloc block, or not on the collector's lists)";
    String summary = "0x" + Integer.toHexString(address) + ": " + what + ", " + b.span(i) + " bytes";
    Child row = Child.node(name, summary, new NamedNodes(() -> blockParts(i, object)), address);
    long length = Math.min(Math.min(b.span(i), (long) h.memorySize() - address), Integer.MAX_VALUE);
    return length >= 1 ? row.in(new MemoryRange(address, (int) length)) : row;
  }

  private List<Child> blockParts(int i, int object) {
    HeapSnapshot h = heap();
    Blocks b = h.blocks();
    int address = b.address(i);
    List<Child> out = new ArrayList<>();
    out.add(HeapTree.word("mmInfo", address, b.mmInfo(i)));
    out.add(Child.leaf("size", Value.Int.u32(Integer.toUnsignedLong(b.size(i)))));
    out.add(Child.leaf("FREE", Value.Bool.of(b.isFree(i))));
    out.add(Child.leaf("LEFTFREE", Value.Bool.of(b.isLeftFree(i))));
    if (b.isFree(i) && address + Tlsf.NEXT_OFFSET + 4 <= h.memorySize()) {
      out.add(HeapTree.word("prev", address + Tlsf.PREV_OFFSET,
          Memory.getI32(h.bytes(), address + Tlsf.PREV_OFFSET)));
      out.add(HeapTree.word("next", address + Tlsf.NEXT_OFFSET,
          Memory.getI32(h.bytes(), address + Tlsf.NEXT_OFFSET)));
      out.add(Child.label("list", "[" + Tlsf.insertFl(b.size(i)) + "," + Tlsf.insertSl(b.size(i)) + "]"));
    }
    if (object >= 0) {
      out.add(heapTree.reference("object", new Reference(Reference.Kind.OBJECT, h.payload(object), object)));
    }
    return out;
  }
}
