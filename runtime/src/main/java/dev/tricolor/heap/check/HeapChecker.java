package dev.tricolor.heap.check;

import dev.tricolor.heap.read.HeapSnapshot;

/**
 * Checks a heap snapshot against every invariant in {@link Rule}. Works on whatever the readers
 * could walk, so a corrupted heap gives findings, never an exception, and the work is linear in
 * the number of blocks and objects.
 */
public final class HeapChecker {
  private HeapChecker() {}

  /** Every rule, allocator and collector. */
  public static CheckReport check(HeapSnapshot heap) {
    CheckReport report = new CheckReport();
    TlsfChecks.run(heap, report);
    ItcmsChecks.run(heap, report);
    return report;
  }

  /** The allocator's rules only (root, blocks, tags, free lists, maps): for TLSF-only workloads. */
  public static CheckReport checkAllocator(HeapSnapshot heap) {
    CheckReport report = new CheckReport();
    TlsfChecks.run(heap, report);
    return report;
  }
}
