package dev.tricolor.heap.bench;

import dev.tricolor.heap.check.CheckReport;
import dev.tricolor.heap.check.HeapChecker;
import dev.tricolor.heap.read.ClassHistogram;
import dev.tricolor.heap.read.HeapReader;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.read.RuntimeTypes;
import dev.tricolor.heap.symbols.RuntimeSymbols;
import dev.tricolor.heap.testing.TestPrograms;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.host.AscHost;
import dev.tricolor.wasm.model.WasmModule;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * Benchmark (not a test): enumerate, classify and check a heap of a million live objects.
 *
 * <p>The heap is real: test-programs/programs/million.ts (--debug build) run in the engine
 * populates a list of Items with ArrayBuffers and Float64Arrays, allocated by its own TLSF/ITCMS
 * with the collector running, then collects (so only what the program holds is left). At 250k,
 * 500k and 1M live objects (the program's own count) the benchmark times one full pass — read
 * the snapshot (root, every block, every free list, every GC list), class histogram, heap check
 * — after warm-up, and prints the median and the best, the time per object, and the Java heap the
 * snapshot keeps (to show it grows linearly with the objects).
 *
 * <pre>
 *   mvn -q -pl runtime test-compile
 *   java -Xmx2g -cp runtime/target/classes:runtime/target/test-classes \
 *       dev.tricolor.heap.bench.HeapReadBenchmark [warmup=10] [runs=15]
 * </pre>
 */
public final class HeapReadBenchmark {
  private HeapReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    WasmModule module = ModuleParser.parse(Files.readAllBytes(TestPrograms.wasm("debug", "million")));
    RuntimeSymbols symbols = RuntimeSymbols.resolve(module);
    Store store = new Store();
    Instance instance = Instance.instantiate(store, module, new AscHost().imports(store));
    int items = 0;
    System.out.printf("%-9s %9s %9s %10s %10s %12s %12s %10s%n", "live", "objects", "blocks",
        "median ms", "best ms", "ns/object", "snapshot MB", "findings");
    // populate(n) holds 1.7 objects per Item: 588235 Items are exactly 1,000,000 objects
    for (int target : new int[] {147_059, 294_118, 588_235}) {
      long t0 = System.nanoTime();
      instance.call("populate", target - items);
      items = target;
      int live = (int) instance.call("collect")[0];
      long buildMs = (System.nanoTime() - t0) / 1_000_000;
      byte[] memory = instance.memory().bytes();
      RuntimeGlobals globals = symbols.globals(instance);
      RuntimeTypes types = symbols.types(memory, globals);

      long[] times = new long[runs];
      int objects = 0;
      int blocks = 0;
      int findings = 0;
      for (int i = -warmup; i < runs; i++) {
        long s = System.nanoTime();
        HeapSnapshot heap = HeapReader.read(memory, globals, types);
        ClassHistogram histogram = heap.histogram();
        CheckReport report = HeapChecker.check(heap);
        long e = System.nanoTime() - s;
        if (i >= 0) {
          times[i] = e;
        }
        objects = heap.objectCount();
        blocks = heap.blocks().count();
        findings = report.total() + (histogram.entries().isEmpty() ? 1 : 0);
      }
      Arrays.sort(times);
      double median = times[runs / 2] / 1e6;
      double best = times[0] / 1e6;
      double retainedMb = retainedBytes(memory, globals, types) / 1e6;
      System.out.printf("%-9d %9d %9d %10.1f %10.1f %12.1f %12.1f %10d   (engine built it in %d ms)%n",
          live, objects, blocks, median, best, median * 1e6 / objects, retainedMb, findings,
          buildMs);
    }
  }

  /** Java heap held by one snapshot of the heap (after a full GC on each side). */
  private static long retainedBytes(byte[] memory, RuntimeGlobals globals, RuntimeTypes types) {
    Runtime rt = Runtime.getRuntime();
    settle();
    long before = rt.totalMemory() - rt.freeMemory();
    HeapSnapshot heap = HeapReader.read(memory, globals, types);
    settle();
    long after = rt.totalMemory() - rt.freeMemory();
    if (heap.objectCount() < 0) {
      throw new AssertionError(); // keeps the snapshot reachable until measured
    }
    return after - before;
  }

  private static void settle() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
