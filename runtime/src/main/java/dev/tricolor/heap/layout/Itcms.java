package dev.tricolor.heap.layout;

/**
 * The layout and constants of AssemblyScript 0.28's incremental tri-color mark and sweep
 * collector ({@code std/assembly/rt/itcms.ts}): the two GC info words of the object header,
 * the colors, the states and the pacing constants. Upstream names are kept.
 */
public final class Itcms {
  private Itcms() {}

  // ╒═══════════════ Managed object layout (32-bit) ════════════════╕
  //    3                   2                   1
  //  1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0  bits
  // ├─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┤
  // │                      Memory manager block                     │  object + 0
  // ╞═══════════════════════════════════════════════════════════╤═══╡
  // │                              next                         │ C │  object + 4 = nextWithColor
  // ├───────────────────────────────────────────────────────────┴───┤
  // │                              prev                             │  object + 8
  // ├───────────────────────────────────────────────────────────────┤
  // │                              rtId                             │  object + 12
  // ├───────────────────────────────────────────────────────────────┤
  // │                              rtSize                           │  object + 16
  // ╞>ptr═══════════════════════════════════════════════════════════╡  object + 20
  // │                               ...                             │
  // C: color
  //
  // Every object is on exactly one circular, doubly linked list whose head is a 20-byte Object in
  // static data (memory.data): fromSpace, toSpace or pinSpace. A head's next/prev point at itself
  // when the list is empty. Objects in static data (below __heap_base) start with next = prev = 0:
  // "not yet linked"; marking links them into toSpace and sweeping unlinks them again.

  /** Offset of {@code nextWithColor}: next object | color. */
  public static final int NEXT_WITH_COLOR_OFFSET = Common.GCINFO_OFFSET;

  /** Offset of {@code prev}: previous object. */
  public static final int PREV_OFFSET = Common.GCINFO2_OFFSET;

  // ╒═════════════╤══════════════ Colors ═══════════════════════════╕
  // │ Color       │ Meaning                                         │
  // ├─────────────┼─────────────────────────────────────────────────┤
  // │ WHITE*      │ Unprocessed                                     │
  // │ BLACK*      │ Processed                                       │
  // │ GRAY        │ Processed with unprocessed children             │
  // │ TRANSPARENT │ Manually pinned (always reachable)              │
  // └─────────────┴─────────────────────────────────────────────────┘
  // * flipped between cycles: the global `white` is 0 or 1 and black is !white.

  // Upstream spells the two fixed colors in lower case (gray, transparent).
  public static final int GRAY = 2;
  public static final int TRANSPARENT = 3;
  public static final int COLOR_MASK = 3;

  /** Currently transitioning from SWEEP to MARK state. */
  public static final int STATE_IDLE = 0;

  /** Currently marking reachable objects. */
  public static final int STATE_MARK = 1;

  /** Currently sweeping unreachable objects. */
  public static final int STATE_SWEEP = 2;

  /** Bytes allocated between interrupts (ASC_GC_GRANULARITY default). */
  public static final int GRANULARITY = 1024;

  /** Collector speed relative to allocation, percent (ASC_GC_SWEEPFACTOR default). */
  public static final int STEPFACTOR = 200;

  /** Growth before the next cycle starts, percent (ASC_GC_IDLEFACTOR default). */
  public static final int IDLEFACTOR = 200;

  /** Budget cost of one visited object while marking (ASC_GC_MARKCOST default). */
  public static final int MARKCOST = 1;

  /** Budget cost of one freed object while sweeping (ASC_GC_SWEEPCOST default). */
  public static final int SWEEPCOST = 10;

  /** The pointer part of a {@code nextWithColor} word. */
  public static int next(int nextWithColor) {
    return nextWithColor & ~COLOR_MASK;
  }

  /** The color bits of a {@code nextWithColor} word. */
  public static int colorBits(int nextWithColor) {
    return nextWithColor & COLOR_MASK;
  }

  /** {@code Object#size}: the bytes an object's block occupies, mmInfo word included. */
  public static int objectSize(int mmInfo) {
    return Common.BLOCK_OVERHEAD + (mmInfo & ~3);
  }
}
