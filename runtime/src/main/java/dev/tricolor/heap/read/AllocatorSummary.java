package dev.tricolor.heap.read;

/**
 * The allocator at a glance: what the debugger's Allocator scope and the CLI's heap summary show.
 * Sizes are payload bytes; {@code usedBytes + freeBytes + 4 × blocks} spans the heap.
 *
 * @param blocks blocks walked, the tail included
 * @param fragmentation 1 - largestFree / freeBytes (0 when nothing or one block is free)
 */
public record AllocatorSummary(
    int blocks,
    int usedBlocks,
    long usedBytes,
    int freeBlocks,
    long freeBytes,
    long largestFree,
    double fragmentation,
    int heapStart,
    int heapEnd,
    int memorySize) {

  static AllocatorSummary of(HeapSnapshot h) {
    Blocks b = h.blocks();
    int used = 0;
    int free = 0;
    long usedBytes = 0;
    long freeBytes = 0;
    long largest = 0;
    for (int i = 0, n = b.count(); i < n; i++) {
      long size = Integer.toUnsignedLong(b.size(i));
      if (b.isFree(i)) {
        free++;
        freeBytes += size;
        largest = Math.max(largest, size);
      } else if (!b.isTail(i)) {
        used++;
        usedBytes += size;
      }
    }
    double frag = freeBytes == 0 ? 0 : 1.0 - (double) largest / freeBytes;
    int start = h.root() != null ? h.root().address() : 0;
    int end = b.count() > 0 ? b.address(b.count() - 1) + 4 : start;
    return new AllocatorSummary(
        b.count(), used, usedBytes, free, freeBytes, largest, frag, start, end, h.memorySize());
  }
}
