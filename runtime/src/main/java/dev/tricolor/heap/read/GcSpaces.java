package dev.tricolor.heap.read;

import static dev.tricolor.heap.layout.Common.OBJECT_OVERHEAD;
import static dev.tricolor.heap.layout.Common.TOTAL_OVERHEAD;
import static dev.tricolor.heap.layout.Itcms.NEXT_WITH_COLOR_OFFSET;
import static dev.tricolor.heap.layout.Itcms.PREV_OFFSET;

import dev.tricolor.heap.layout.Common;
import dev.tricolor.heap.layout.Itcms;
import dev.tricolor.wasm.memory.Memory;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The objects on the three ITCMS lists, as one flat table in list order (fromSpace, toSpace,
 * pinSpace). Each node must be a used heap block large enough for a header, or a plausible object
 * in static data; each may be seen once (a per-block index and a bitmap of static slots detect
 * revisits), so every walk ends after at most as many steps as there are blocks and static slots.
 *
 * <p>While the collector sweeps, the part of toSpace before {@code iter} has already been freed
 * (ITCMS frees without unlinking and resets the list at the end), so toSpace is walked from
 * {@code iter} on.
 */
final class GcSpaces {
  final int[] objAddress;
  final int[] objBlock;
  final byte[] objSpace;
  final int count;
  final SpaceList[] lists;
  final int[] blockObject;
  final Map<Integer, Integer> staticObjects;
  final int[] prevMismatch;
  final int iterObject;

  private GcSpaces(
      int[] objAddress,
      int[] objBlock,
      byte[] objSpace,
      int count,
      SpaceList[] lists,
      int[] blockObject,
      Map<Integer, Integer> staticObjects,
      int[] prevMismatch,
      int iterObject) {
    this.objAddress = objAddress;
    this.objBlock = objBlock;
    this.objSpace = objSpace;
    this.count = count;
    this.lists = lists;
    this.blockObject = blockObject;
    this.staticObjects = staticObjects;
    this.prevMismatch = prevMismatch;
    this.iterObject = iterObject;
  }

  static GcSpaces walk(byte[] bytes, RuntimeGlobals globals, Blocks blocks) {
    int nBlocks = blocks.count();
    int[] blockObject = new int[nBlocks];
    Arrays.fill(blockObject, -1);
    IntList addr = new IntList(nBlocks + 16);
    IntList block = new IntList(nBlocks + 16);
    ByteList space = new ByteList(nBlocks + 16);
    IntList mismatches = new IntList(4);
    Map<Integer, Integer> statics = new HashMap<>();
    BitSet staticSeen = new BitSet();
    int heapBase = RuntimeGlobals.address(globals.heapBase());
    int staticLimit = heapBase >= 0 ? heapBase : nBlocks > 0 ? blocks.address(0) : bytes.length;
    boolean sweeping = globals.state() == Itcms.STATE_SWEEP;
    int iter = RuntimeGlobals.address(globals.iter());
    int headerLimit = bytes.length - TOTAL_OVERHEAD;

    SpaceList[] lists = new SpaceList[3];
    long[] heads = {globals.fromSpace(), globals.toSpace(), globals.pinSpace()};
    int hint = -1;
    for (Space s : Space.values()) {
      int head = RuntimeGlobals.address(heads[s.ordinal()]);
      int first = addr.size();
      if (head <= 0 || head > headerLimit) {
        lists[s.ordinal()] = new SpaceList(s, head, first, 0, SpaceList.End.NO_HEAD, head, 0, 0);
        continue;
      }
      int headPrev = Memory.getI32(bytes, head + PREV_OFFSET);
      int node;
      int expectedPrev;
      if (s == Space.TO && sweeping) {
        node = iter;
        expectedPrev = -1;
      } else {
        node = Itcms.next(Memory.getI32(bytes, head + NEXT_WITH_COLOR_OFFSET));
        expectedPrev = head;
      }
      int last = head;
      SpaceList.End end = SpaceList.End.HEAD;
      while (node != head) {
        if (node == 0) {
          end = SpaceList.End.NULL_LINK;
          break;
        }
        int bi;
        if (hint + 1 < nBlocks && blocks.address(hint + 1) == node) {
          bi = hint + 1;
        } else {
          bi = blocks.indexOf(node);
        }
        if (bi >= 0) {
          if (blocks.isFree(bi) || blocks.size(bi) < OBJECT_OVERHEAD || node > headerLimit) {
            end = SpaceList.End.NOT_AN_OBJECT;
            break;
          }
          if (blockObject[bi] >= 0) {
            end = SpaceList.End.REVISIT;
            break;
          }
          blockObject[bi] = addr.size();
          hint = bi;
        } else {
          if (!isStaticSlot(node, staticLimit, headerLimit)) {
            end = SpaceList.End.NOT_AN_OBJECT;
            break;
          }
          if (staticSeen.get(node >>> 4)) {
            end = SpaceList.End.REVISIT;
            break;
          }
          staticSeen.set(node >>> 4);
          statics.put(node, addr.size());
        }
        addr.add(node);
        block.add(bi);
        space.add((byte) s.ordinal());
        int prev = Memory.getI32(bytes, node + PREV_OFFSET);
        if (expectedPrev != -1 && prev != expectedPrev) {
          mismatches.add(node);
        }
        expectedPrev = node;
        last = node;
        node = Itcms.next(Memory.getI32(bytes, node + NEXT_WITH_COLOR_OFFSET));
      }
      lists[s.ordinal()] =
          new SpaceList(s, head, first, addr.size() - first, end, node, headPrev, last);
    }
    int iterObject = -1;
    if (iter > 0 && globals.state() == Itcms.STATE_MARK) {
      Integer st = statics.get(iter);
      int bi = blocks.indexOf(iter);
      iterObject = st != null ? st : bi >= 0 ? blockObject[bi] : -1;
    }
    return new GcSpaces(
        addr.toArray(),
        block.toArray(),
        space.toArray(),
        addr.size(),
        lists,
        blockObject,
        statics,
        mismatches.toArray(),
        iterObject);
  }

  /**
   * Whether {@code node} can be the header of an object in static data: below the heap, inside
   * memory, with its payload 16-byte aligned as asc lays static objects out.
   */
  static boolean isStaticSlot(int node, int staticLimit, int headerLimit) {
    return node > 0
        && node < staticLimit
        && node <= headerLimit
        && ((node + Common.TOTAL_OVERHEAD) & Common.AL_MASK) == 0;
  }
}
