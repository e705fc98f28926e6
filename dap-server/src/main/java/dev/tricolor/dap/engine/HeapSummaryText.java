package dev.tricolor.dap.engine;

import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.read.AllocatorSummary;
import dev.tricolor.heap.read.ClassHistogram;
import dev.tricolor.heap.read.HeapReader;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.symbols.RuntimeSymbols;
import dev.tricolor.wasm.exec.Instance;
import java.util.Locale;
import java.util.function.Function;

/**
 * The heap at a glance, as the {@code run} command prints it at a stop: objects and bytes per
 * class and per color, free bytes, the largest free block. Read with the heap model; a heap it
 * cannot read is reported as such, never thrown.
 */
final class HeapSummaryText {
  private HeapSummaryText() {}

  static String of(Instance instance, Function<Instance, RuntimeGlobals> heapGlobals) {
    if (instance == null || instance.memory() == null) {
      return "heap: the program has no linear memory\n";
    }
    try {
      RuntimeSymbols symbols = RuntimeSymbols.resolve(instance.module());
      RuntimeGlobals globals = heapGlobals.apply(instance);
      HeapSnapshot h =
          HeapReader.read(instance.memory(), globals, symbols.types(instance.memory().bytes(), globals));
      StringBuilder sb = new StringBuilder("heap:\n");
      sb.append(String.format(Locale.ROOT, "  %-28s %8s %10s   %s%n", "class", "objects", "bytes",
          "white/black/gray/transparent"));
      for (ClassHistogram.Entry e : h.histogram().entries()) {
        if (e.count() == 0) {
          continue;
        }
        sb.append(String.format(Locale.ROOT, "  %-28s %8d %10d   %d/%d/%d/%d%n", e.className(),
            e.count(), e.bytes(), e.count(Color.WHITE), e.count(Color.BLACK), e.count(Color.GRAY),
            e.count(Color.TRANSPARENT)));
      }
      AllocatorSummary a = h.allocator();
      sb.append(String.format(Locale.ROOT,
          "  free: %d bytes in %d blocks, largest free block %d bytes; memory %d bytes%n",
          a.freeBytes(), a.freeBlocks(), a.largestFree(), a.memorySize()));
      return sb.toString();
    } catch (RuntimeException e) {
      return "heap: cannot be read (" + e + ")\n";
    }
  }
}
