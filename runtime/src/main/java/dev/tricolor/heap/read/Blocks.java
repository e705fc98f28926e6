package dev.tricolor.heap.read;

import static dev.tricolor.heap.layout.Common.BLOCK_OVERHEAD;
import static dev.tricolor.heap.layout.Tlsf.FREE;
import static dev.tricolor.heap.layout.Tlsf.LEFTFREE;
import static dev.tricolor.heap.layout.Tlsf.TAGS_MASK;

import dev.tricolor.wasm.memory.Memory;
import java.util.Arrays;

/**
 * Every TLSF block from the first one after the root up to the tail, in address order, as flat
 * arrays (block address and mmInfo word). The walk steps from a block to its right neighbour by
 * its size, so it always moves forward and ends: at the tail, at the end of memory, or where a
 * size makes no sense ({@link #end()} says which).
 */
public final class Blocks {
  /** Why the walk stopped. */
  public enum End {
    /** Reached the root's tail block: the whole heap was walked. */
    TAIL,
    /** A block's size points past the end of memory. */
    OUT_OF_BOUNDS,
    /** A block has size 0 but is not the tail. */
    ZERO_SIZE,
    /** The walk stepped over the tail's address without landing on it. */
    PASSED_TAIL,
    /** TLSF is not initialized ({@code ROOT} is 0) or the root is unreadable: no blocks. */
    NO_ROOT
  }

  private final int[] address;
  private final int[] mmInfo;
  private final int count;
  private final End end;
  private final int endAddress;

  private Blocks(int[] address, int[] mmInfo, int count, End end, int endAddress) {
    this.address = address;
    this.mmInfo = mmInfo;
    this.count = count;
    this.end = end;
    this.endAddress = endAddress;
  }

  static Blocks none() {
    return new Blocks(new int[0], new int[0], 0, End.NO_ROOT, 0);
  }

  /** Walks from {@code root.firstBlock()} to {@code root.tail()}. */
  static Blocks walk(byte[] bytes, TlsfRoot root) {
    int tail = root.tail();
    int first = root.firstBlock();
    long span = (tail > first ? (long) tail : bytes.length) - first;
    IntList addr = new IntList((int) Math.min(span / 48 + 16, 1 << 20));
    IntList info = new IntList(addr.size() + 16);
    long at = first;
    End end;
    int limit = bytes.length - 4;
    while (true) {
      if (at < 0 || at > limit) {
        end = End.OUT_OF_BOUNDS;
        break;
      }
      int a = (int) at;
      if (tail > 0 && a > tail) {
        end = End.PASSED_TAIL;
        break;
      }
      int mm = Memory.getI32(bytes, a);
      addr.add(a);
      info.add(mm);
      int size = mm & ~TAGS_MASK;
      if (a == tail) {
        end = End.TAIL;
        break;
      }
      if (size == 0) {
        end = End.ZERO_SIZE;
        break;
      }
      at = a + (long) BLOCK_OVERHEAD + Integer.toUnsignedLong(size);
    }
    return new Blocks(addr.toArray(), info.toArray(), addr.size(), end, (int) Math.min(at, Integer.MAX_VALUE));
  }

  /** Number of blocks walked, the tail included when reached. */
  public int count() {
    return count;
  }

  public End end() {
    return end;
  }

  /**
   * Where the walk stopped: the tail, or where the last block's size led (clamped to
   * Integer.MAX_VALUE). The last block walked, {@code address(count() - 1)}, is the culprit.
   */
  public int endAddress() {
    return endAddress;
  }

  /** Start (mmInfo word) of block {@code i}. */
  public int address(int i) {
    return address[i];
  }

  public int mmInfo(int i) {
    return mmInfo[i];
  }

  /** Payload size of block {@code i} (mmInfo without tags). */
  public int size(int i) {
    return mmInfo[i] & ~TAGS_MASK;
  }

  /** All bytes block {@code i} occupies, its mmInfo word included. */
  public long span(int i) {
    return BLOCK_OVERHEAD + Integer.toUnsignedLong(mmInfo[i] & ~TAGS_MASK);
  }

  public boolean isFree(int i) {
    return (mmInfo[i] & FREE) != 0;
  }

  public boolean isLeftFree(int i) {
    return (mmInfo[i] & LEFTFREE) != 0;
  }

  /** Whether block {@code i} is the tail (the last block of a walk that reached it). */
  public boolean isTail(int i) {
    return end == End.TAIL && i == count - 1;
  }

  /** The index of the block starting exactly at {@code blockAddress}, or -1. */
  public int indexOf(int blockAddress) {
    int i = Arrays.binarySearch(address, 0, count, blockAddress);
    return i >= 0 ? i : -1;
  }

  /**
   * The index of the block whose extent (mmInfo word to last payload byte) contains
   * {@code anyAddress}, or -1.
   */
  public int indexContaining(int anyAddress) {
    int i = Arrays.binarySearch(address, 0, count, anyAddress);
    if (i >= 0) {
      return i;
    }
    int before = -i - 2;
    if (before < 0) {
      return -1;
    }
    return anyAddress - (long) address[before] < span(before) ? before : -1;
  }
}
