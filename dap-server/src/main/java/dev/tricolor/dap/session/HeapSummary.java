package dev.tricolor.dap.session;

import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.read.AllocatorSummary;
import dev.tricolor.heap.read.ClassHistogram;
import dev.tricolor.heap.read.HeapSnapshot;
import java.util.Locale;

/**
 * The heap at a glance, as {@code :heap} and the {@code run} command print it: objects and bytes
 * per class and per color, then free bytes, free blocks, the largest free block, fragmentation
 * and the memory's size.
 */
public final class HeapSummary {
  private HeapSummary() {}

  /** One line per class with objects, then the allocator's line; lines end with a newline. */
  public static String of(HeapSnapshot h) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-28s %8s %10s   %s%n", "class", "objects", "bytes",
        "white/black/gray/transparent"));
    for (ClassHistogram.Entry e : h.histogram().entries()) {
      if (e.count() > 0) {
        sb.append(String.format(Locale.ROOT, "%-28s %8d %10d   %d/%d/%d/%d%n", e.className(),
            e.count(), e.bytes(), e.count(Color.WHITE), e.count(Color.BLACK), e.count(Color.GRAY),
            e.count(Color.TRANSPARENT)));
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
