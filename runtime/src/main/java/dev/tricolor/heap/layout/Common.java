package dev.tricolor.heap.layout;

/**
 * The constants of AssemblyScript 0.28's {@code std/assembly/rt/common.ts}: alignment, the memory
 * manager block and the garbage collector object header, shared by the allocator (TLSF) and the
 * collector (ITCMS). Names are upstream's so the two can be read side by side.
 *
 * <p>Offsets below are relative to the start of a block (the address of its {@code mmInfo} word),
 * which is also what AssemblyScript calls the object: {@code OBJECT extends BLOCK}. A managed
 * object's payload pointer ({@code ptr}, what {@code __new} returns) is the block address plus
 * {@link #TOTAL_OVERHEAD}.
 */
public final class Common {
  private Common() {}

  // Alignment guarantees: every block payload is 16-byte aligned (to fit a v128).

  public static final int AL_BITS = 4;
  public static final int AL_SIZE = 1 << AL_BITS;
  public static final int AL_MASK = AL_SIZE - 1;

  // ╒════════════ Memory manager block layout (32-bit) ═════════════╕
  //    3                   2                   1
  //  1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0  bits
  // ├─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┤
  // │                           MM info                             │ -4
  // ╞>ptr═══════════════════════════════════════════════════════════╡
  // │                              ...                              │

  /** Offset of the memory manager info word (size | tags) from the block start. */
  public static final int MMINFO_OFFSET = 0;

  /** Overhead of a memory manager block: its mmInfo word. */
  public static final int BLOCK_OVERHEAD = 4;

  /** Maximum size of a memory manager block's payload. */
  public static final int BLOCK_MAXSIZE = (1 << 30) - BLOCK_OVERHEAD;

  // ╒══════════ Garbage collector object layout (32-bit) ═══════════╕
  //    3                   2                   1
  //  1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0  bits
  // ├─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┤
  // │                     Memory manager block                      │ -20   block + 0
  // ╞═══════════════════════════════════════════════════════════════╡
  // │                            GC info                            │ -16   block + 4
  // ├───────────────────────────────────────────────────────────────┤
  // │                            GC info                            │ -12   block + 8
  // ├───────────────────────────────────────────────────────────────┤
  // │                            RT id                              │ -8    block + 12
  // ├───────────────────────────────────────────────────────────────┤
  // │                            RT size                            │ -4    block + 16
  // ╞>ptr═══════════════════════════════════════════════════════════╡       block + 20
  // │                              ...                              │
  // ITCMS names the two GC info words nextWithColor and prev (see Itcms).

  /** Offset of the first GC info word (ITCMS: {@code nextWithColor}) from the block start. */
  public static final int GCINFO_OFFSET = 4;

  /** Offset of the second GC info word (ITCMS: {@code prev}) from the block start. */
  public static final int GCINFO2_OFFSET = 8;

  /** Offset of the runtime class id from the block start. */
  public static final int RTID_OFFSET = 12;

  /** Offset of the runtime object size (payload bytes) from the block start. */
  public static final int RTSIZE_OFFSET = 16;

  /** Overhead of a garbage collector object, excluding the memory manager block overhead. */
  public static final int OBJECT_OVERHEAD = (20 - BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK;

  /** Maximum size of a garbage collector object's payload. */
  public static final int OBJECT_MAXSIZE = BLOCK_MAXSIZE - OBJECT_OVERHEAD;

  /** Total of memory manager and garbage collector overhead: payload = block + TOTAL_OVERHEAD. */
  public static final int TOTAL_OVERHEAD = BLOCK_OVERHEAD + OBJECT_OVERHEAD;
}
