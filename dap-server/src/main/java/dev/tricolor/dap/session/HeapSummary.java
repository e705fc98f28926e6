package dev.tricolor.dap.session;

import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.read.AllocatorSummary;
import dev.tricolor.heap.read.ClassHistogram;
import dev.tricolor.heap.read.HeapSnapshot;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The heap at a glance, as {@code :heap} and the {@code run} command print it: objects and bytes
 * per class and per color (and how many of them are in static data), then free bytes, free
 * blocks, the largest free block, fragmentation and the memory's size.
 */
public final class HeapSummary {
  private HeapSummary() {}

  /** One line per class with objects, then the allocator's line; lines end with a newline. */
  public static String of(HeapSnapshot h) {
    // Objects in static data (string literals the collector linked into its lists) count as
    // objects but take no heap bytes; the line says how many there are, or 0 bytes looks wrong.
    Map<Integer, Integer> statics = new HashMap<>();
    for (int i = 0, n = h.objectCount(); i < n; i++) {
      if (h.isStatic(i)) {
        statics.merge(h.rtId(i), 1, Integer::sum);
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-28s %8s %10s   %s%n", "class", "objects", "bytes",
        "white/black/gray/transparent"));
    for (ClassHistogram.Entry e : h.histogram().entries()) {
      if (e.count() > 0) {
        int inStatic = statics.getOrDefault(e.rtId(), 0);
        sb.append(String.format(Locale.ROOT, "%-28s %8d %10d   %d/%d/%d/%d%s%n", e.className(),
            e.count(), e.bytes(), e.count(Color.WHITE), e.count(Color.BLACK), e.count(Color.GRAY),
            e.count(Color.TRANSPARENT), inStatic > 0 ? "   (" + inStatic + " in static data)" : ""));
      }
    }
    AllocatorSummary a = h.allocator();
    sb.append(String.format(Locale.ROOT,
        "free: %d bytes in %d blocks, largest free block %d bytes, fragmentation %.2f; memory %d"
            + " bytes%n",
        a.freeBytes(), a.freeBlocks(), a.largestFree(), a.fragmentation(), a.memorySize()));
    return sb.toString();
  }
}
