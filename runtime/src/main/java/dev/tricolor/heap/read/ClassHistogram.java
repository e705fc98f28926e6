package dev.tricolor.heap.read;

import dev.tricolor.heap.layout.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Live objects per runtime class id, with their bytes ({@code Object#size}) and colors: the Heap
 * scope's grouping and the CLI's class histogram. Ids outside the RTTI table are counted under
 * their own id too (the checker reports them).
 */
public final class ClassHistogram {
  /** One class's line. */
  public record Entry(int rtId, String className, int count, long bytes, int[] colors) {
    public int count(Color c) {
      return colors[c.ordinal()];
    }
  }

  private final List<Entry> entries;

  private ClassHistogram(List<Entry> entries) {
    this.entries = entries;
  }

  static ClassHistogram of(HeapSnapshot h) {
    int n = h.objectCount();
    int max = Math.max(h.types().count(), 3);
    int[] count = new int[max];
    long[] bytes = new long[max];
    int[][] colors = new int[max][];
    java.util.TreeMap<Integer, long[]> oddIds = new java.util.TreeMap<>();
    int white = h.white();
    for (int i = 0; i < n; i++) {
      int id = h.rtId(i);
      long size = h.isStatic(i) ? 0 : h.objectSize(i);
      int c = Color.of(h.colorBits(i), white).ordinal();
      if (id >= 0 && id < max) {
        count[id]++;
        bytes[id] += size;
        if (colors[id] == null) {
          colors[id] = new int[4];
        }
        colors[id][c]++;
      } else {
        // an id outside the table (a corrupt header): {count, bytes, white, black, gray, transparent}
        long[] e = oddIds.computeIfAbsent(id, k -> new long[6]);
        e[0]++;
        e[1] += size;
        e[2 + c]++;
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (int id = 0; id < max; id++) {
      if (count[id] > 0) {
        entries.add(new Entry(id, h.types().name(id), count[id], bytes[id], colors[id]));
      }
    }
    oddIds.forEach(
        (id, e) ->
            entries.add(
                new Entry(id, h.types().name(id), (int) e[0], e[1],
                    new int[] {(int) e[2], (int) e[3], (int) e[4], (int) e[5]})));
    return new ClassHistogram(List.copyOf(entries));
  }

  /** Classes with at least one object, by runtime id. */
  public List<Entry> entries() {
    return entries;
  }

  /** The entry of {@code rtId}, or null when no object has it. */
  public Entry get(int rtId) {
    for (Entry e : entries) {
      if (e.rtId() == rtId) {
        return e;
      }
    }
    return null;
  }

  /** The entry of the class named {@code className}, or null. */
  public Entry get(String className) {
    for (Entry e : entries) {
      if (e.className().equals(className)) {
        return e;
      }
    }
    return null;
  }
}
