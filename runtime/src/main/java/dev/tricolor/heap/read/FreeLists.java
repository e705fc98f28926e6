package dev.tricolor.heap.read;

import static dev.tricolor.heap.layout.Tlsf.FL_BITS;
import static dev.tricolor.heap.layout.Tlsf.NEXT_OFFSET;
import static dev.tricolor.heap.layout.Tlsf.PREV_OFFSET;
import static dev.tricolor.heap.layout.Tlsf.SL_BITS;
import static dev.tricolor.heap.layout.Tlsf.SL_SIZE;

import dev.tricolor.wasm.memory.Memory;

/**
 * The TLSF free lists, one per (fl, sl) class, each followed from its head in the root through
 * the blocks' {@code next} pointers. A list node must be a block the block walk found; the walk of
 * a list stops at the first node that is not, or that was already seen in any list (a cycle or a
 * block on two lists), so it always ends.
 *
 * <p>Stored flat: the block indexes of all lists in one array, list {@code (fl, sl)} at
 * {@code [start(k), start(k + 1))} with {@code k = fl * SL_SIZE + sl}.
 */
public final class FreeLists {
  /** How the walk of one list ended. */
  public enum End {
    /** A null {@code next}: the list is complete. */
    NULL,
    /** A node is not the start of a block of the block walk. */
    NOT_A_BLOCK,
    /** A node was already seen (a cycle, or a block on two lists). */
    REVISIT
  }

  /** Number of lists: FL_BITS × SL_SIZE. */
  public static final int LISTS = FL_BITS * SL_SIZE;

  private final int[] nodes;
  private final int[] start;
  private final End[] ends;
  private final int[] endAddress;
  private final int[] prevMismatch;
  private final int prevMismatches;

  private FreeLists(
      int[] nodes, int[] start, End[] ends, int[] endAddress, int[] prevMismatch, int prevMismatches) {
    this.nodes = nodes;
    this.start = start;
    this.ends = ends;
    this.endAddress = endAddress;
    this.prevMismatch = prevMismatch;
    this.prevMismatches = prevMismatches;
  }

  static FreeLists walk(byte[] bytes, TlsfRoot root, Blocks blocks) {
    IntList nodes = new IntList(64);
    IntList mismatches = new IntList(4);
    int[] start = new int[LISTS + 1];
    End[] ends = new End[LISTS];
    int[] endAddress = new int[LISTS];
    boolean[] seen = new boolean[blocks.count()];
    for (int k = 0; k < LISTS; k++) {
      start[k] = nodes.size();
      int node = root.head(k >>> SL_BITS, k & (SL_SIZE - 1));
      int expectedPrev = 0;
      End end = End.NULL;
      while (node != 0) {
        int i = blocks.indexOf(node);
        if (i < 0 || node > bytes.length - 12) {
          end = End.NOT_A_BLOCK;
          break;
        }
        if (seen[i]) {
          end = End.REVISIT;
          break;
        }
        seen[i] = true;
        nodes.add(i);
        if (Memory.getI32(bytes, node + PREV_OFFSET) != expectedPrev) {
          mismatches.add(node);
        }
        expectedPrev = node;
        node = Memory.getI32(bytes, node + NEXT_OFFSET);
      }
      ends[k] = end;
      endAddress[k] = node;
    }
    start[LISTS] = nodes.size();
    return new FreeLists(nodes.toArray(), start, ends, endAddress, mismatches.toArray(), mismatches.size());
  }

  static FreeLists none() {
    End[] ends = new End[LISTS];
    java.util.Arrays.fill(ends, End.NULL);
    return new FreeLists(new int[0], new int[LISTS + 1], ends, new int[LISTS], new int[0], 0);
  }

  /** List index of class (fl, sl). */
  public static int list(int fl, int sl) {
    return (fl << SL_BITS) + sl;
  }

  /** Nodes of list {@code k} (block indexes, head first). */
  public int length(int k) {
    return start[k + 1] - start[k];
  }

  /** Block index of node {@code n} of list {@code k}. */
  public int node(int k, int n) {
    return nodes[start[k] + n];
  }

  /** Total nodes over all lists. */
  public int totalNodes() {
    return nodes.length;
  }

  public End end(int k) {
    return ends[k];
  }

  /** The address where list {@code k}'s walk stopped (0 for a complete list). */
  public int endAddress(int k) {
    return endAddress[k];
  }

  /** Blocks whose {@code prev} pointer is not the node before them (null for a head). */
  public int[] prevMismatches() {
    return prevMismatch.clone();
  }

  public int prevMismatchCount() {
    return prevMismatches;
  }
}
