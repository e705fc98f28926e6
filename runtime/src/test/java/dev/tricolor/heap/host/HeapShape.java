package dev.tricolor.heap.host;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tricolor.heap.read.Blocks;
import dev.tricolor.heap.read.FreeLists;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.read.Space;
import dev.tricolor.heap.read.SpaceList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A heap as text lines that two runtimes must agree on, address for address: memory size, the
 * TLSF root, every block (address, size, tags), every free list, the collector's state, white,
 * total and threshold, and every object of every list in order (address, class id, size, color).
 * What differs between a guest build and a host build by construction is named instead of
 * numbered: the list heads (in each build's own static data) and objects in static data (at each
 * build's own addresses) are shown by what they are.
 */
final class HeapShape {
  private HeapShape() {}

  /** With {@code gc} false (a build whose collector globals are unknown) only the allocator. */
  static List<String> of(HeapSnapshot h, boolean gc) {
    List<String> lines = new ArrayList<>();
    RuntimeGlobals g = h.globals();
    lines.add("memory " + h.memorySize() + " bytes, heap base " + hex(g.heapBase())
        + ", ROOT " + hex(g.root()));
    Blocks b = h.blocks();
    for (int i = 0; i < b.count(); i++) {
      lines.add("block " + hex(b.address(i)) + " size " + b.size(i) + (b.isFree(i) ? " FREE" : "")
          + (b.isLeftFree(i) ? " LEFTFREE" : "") + (b.isTail(i) ? " tail" : ""));
    }
    lines.add("blocks end " + b.end() + " at " + hex(b.endAddress()));
    FreeLists f = h.freeLists();
    for (int k = 0; k < FreeLists.LISTS; k++) {
      if (f.length(k) > 0) {
        StringBuilder sb = new StringBuilder("free list " + k + ":");
        for (int n = 0; n < f.length(k); n++) {
          sb.append(' ').append(hex(f.node(k, n)));
        }
        lines.add(sb.append(" end ").append(f.end(k)).toString());
      }
    }
    if (!gc) {
      return lines;
    }
    lines.add("gc state " + g.state() + " white " + g.white() + " total " + g.total()
        + " threshold " + g.threshold() + " iter " + name(h, g.iter()));
    for (Space s : Space.values()) {
      SpaceList l = h.spaceList(s);
      lines.add(s.global() + ": " + l.objectCount() + " objects, end " + l.end());
    }
    for (int i = 0; i < h.objectCount(); i++) {
      lines.add(h.space(i).global() + " " + name(h, h.address(i)) + " id " + h.rtId(i) + " size "
          + h.rtSize(i) + " " + h.color(i));
    }
    return lines;
  }

  /** An object or list head by what it is: heap objects by address, the rest by kind. */
  private static String name(HeapSnapshot h, long address) {
    RuntimeGlobals g = h.globals();
    if (address == g.fromSpace()) {
      return "<fromSpace head>";
    }
    if (address == g.toSpace()) {
      return "<toSpace head>";
    }
    if (address == g.pinSpace()) {
      return "<pinSpace head>";
    }
    if (address < g.heapBase()) {
      return "<static object>";
    }
    return hex(address);
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  /**
   * Fails naming the first line where the host heap differs from the guest heap. Compares a
   * numeric encoding of the same facts first (fast), the text only when they differ.
   */
  static void assertSame(HeapSnapshot guest, HeapSnapshot host, boolean gc, String where) {
    if (!Arrays.equals(encode(guest, gc), encode(host, gc))) {
      assertSame(of(guest, gc), of(host, gc), where);
      fail(where + ": heaps differ, but not in their text");
    }
  }

  /** The facts {@link #of} shows, as numbers (heads and static objects by kind). */
  private static int[] encode(HeapSnapshot h, boolean gc) {
    IntArray a = new IntArray();
    RuntimeGlobals g = h.globals();
    a.add(h.memorySize()).add((int) g.heapBase()).add((int) g.root());
    Blocks b = h.blocks();
    a.add(b.count());
    for (int i = 0; i < b.count(); i++) {
      a.add(b.address(i)).add(b.mmInfo(i)).add(b.isTail(i) ? 1 : 0);
    }
    a.add(b.end().ordinal()).add(b.endAddress());
    FreeLists f = h.freeLists();
    for (int k = 0; k < FreeLists.LISTS; k++) {
      if (f.length(k) > 0) {
        a.add(k).add(f.length(k)).add(f.end(k).ordinal());
        for (int n = 0; n < f.length(k); n++) {
          a.add(f.node(k, n));
        }
      }
    }
    if (!gc) {
      return a.toArray();
    }
    a.add((int) g.state()).add((int) g.white()).add((int) g.total()).add((int) g.threshold())
        .add(kind(h, g.iter()));
    for (Space s : Space.values()) {
      SpaceList l = h.spaceList(s);
      a.add(l.objectCount()).add(l.end().ordinal());
    }
    for (int i = 0; i < h.objectCount(); i++) {
      a.add(h.space(i).ordinal()).add(kind(h, h.address(i))).add(h.rtId(i)).add(h.rtSize(i))
          .add(h.color(i).ordinal());
    }
    return a.toArray();
  }

  private static int kind(HeapSnapshot h, long address) {
    RuntimeGlobals g = h.globals();
    if (address == g.fromSpace()) {
      return -1;
    }
    if (address == g.toSpace()) {
      return -2;
    }
    if (address == g.pinSpace()) {
      return -3;
    }
    return address < g.heapBase() ? -4 : (int) address;
  }

  private static final class IntArray {
    private int[] v = new int[1024];
    private int n;

    IntArray add(int x) {
      if (n == v.length) {
        v = Arrays.copyOf(v, n * 2);
      }
      v[n++] = x;
      return this;
    }

    int[] toArray() {
      return Arrays.copyOf(v, n);
    }
  }

  /** Fails naming the first line where {@code actual} differs from {@code expected}. */
  static void assertSame(List<String> expected, List<String> actual, String where) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        fail(where + ": heaps differ at line " + i + ":\n  guest: " + expected.get(i)
            + "\n  host:  " + actual.get(i) + context(expected, i));
      }
    }
    if (expected.size() != actual.size()) {
      fail(where + ": heaps differ in length: guest " + expected.size() + " lines, host "
          + actual.size() + "; first extra: "
          + (expected.size() > n ? "guest " + expected.get(n) : "host " + actual.get(n)));
    }
  }

  private static String context(List<String> lines, int i) {
    StringBuilder sb = new StringBuilder("\n  guest lines before:");
    for (int k = Math.max(0, i - 3); k < i; k++) {
      sb.append("\n    ").append(lines.get(k));
    }
    return sb.toString();
  }
}
