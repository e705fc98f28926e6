package dev.tricolor.wasm.exec;

/**
 * Bounds the engine keeps a guest within.
 *
 * @param maxCallDepth guest call depth beyond which a call traps with "call stack exhausted": the
 *     entry frame and this many calls nested under it run, the next call traps
 * @param maxStackSlots value stack slots (8 bytes each) the stack may grow to; a call that would
 *     need more traps the same way
 * @param memoryLimitPages pages a memory may grow to, below its declared maximum
 */
public record EngineLimits(int maxCallDepth, int maxStackSlots, int memoryLimitPages) {
  public static final EngineLimits DEFAULT = new EngineLimits(10_000, 1 << 24, 32767);

  public EngineLimits {
    if (maxCallDepth < 1 || maxStackSlots < 1024 || memoryLimitPages < 0) {
      throw new IllegalArgumentException("engine limits out of range: " + maxCallDepth + ", "
          + maxStackSlots + ", " + memoryLimitPages);
    }
  }

  public EngineLimits withMaxCallDepth(int depth) {
    return new EngineLimits(depth, maxStackSlots, memoryLimitPages);
  }

  public EngineLimits withMemoryLimitPages(int pages) {
    return new EngineLimits(maxCallDepth, maxStackSlots, pages);
  }
}
