package dev.tricolor.heap.layout;

import static dev.tricolor.heap.layout.Common.AL_BITS;
import static dev.tricolor.heap.layout.Common.AL_MASK;
import static dev.tricolor.heap.layout.Common.BLOCK_MAXSIZE;
import static dev.tricolor.heap.layout.Common.BLOCK_OVERHEAD;

/**
 * The layout of AssemblyScript 0.28's TLSF allocator ({@code std/assembly/rt/tlsf.ts}): the block
 * tags, the size classes and the root structure, with the arithmetic that maps a size to its
 * (fl, sl) class. Readers, the checker and the Java port of the allocator all use these, so the
 * layout is written once. Upstream names are kept.
 */
public final class Tlsf {
  private Tlsf() {}

  // ╒══════════════ Block size interpretation (32-bit) ═════════════╕
  //    3                   2                   1
  //  1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0  bits
  // ├─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┼─┴─┴─┴─╫─┴─┴─┴─┤
  // │ |                    FL                       │ SB = SL + AL  │ ◄─ usize
  // └───────────────────────────────────────────────┴───────╨───────┘
  // FL: first level, SL: second level, AL: alignment, SB: small block

  public static final int SL_BITS = 4;
  public static final int SL_SIZE = 1 << SL_BITS;
  public static final int SB_BITS = SL_BITS + AL_BITS;
  public static final int SB_SIZE = 1 << SB_BITS;
  public static final int FL_BITS = 31 - SB_BITS;

  // [00]: < 256B (SB)  [12]: < 1M
  // [01]: < 512B       [13]: < 2M
  // ...                ...
  // [11]: < 512K       [22]: <= 1G - OVERHEAD

  // Tags stored in otherwise unused alignment bits of mmInfo.

  /** The block is free. */
  public static final int FREE = 1 << 0;

  /** The block to the left is free (its size is then found through its back pointer). */
  public static final int LEFTFREE = 1 << 1;

  public static final int TAGS_MASK = FREE | LEFTFREE;

  // ╒════════════════════ Block layout (32-bit) ════════════════════╕
  //    3                   2                   1
  //  1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0  bits
  // ├─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┼─┼─┤            ┐
  // │                          size                             │L│F│ ◄─┐ info   overhead
  // ╞>ptr═══════════════════════════════════════════════════════╧═╧═╡   │        ┘
  // │                        if free: ◄ prev                        │ ◄─┤ usize    block + 4
  // ├───────────────────────────────────────────────────────────────┤   │
  // │                        if free: next ►                        │ ◄─┤          block + 8
  // ├───────────────────────────────────────────────────────────────┤   │
  // │                             ...                               │   │ >= 0
  // ├───────────────────────────────────────────────────────────────┤   │
  // │                        if free: back ▲                        │ ◄─┘          right - 4
  // └───────────────────────────────────────────────────────────────┘ >= MIN SIZE
  // F: FREE, L: LEFTFREE
  // The right neighbour starts at block + BLOCK_OVERHEAD + size. Block addresses are ≡ 12 (mod 16)
  // so that payloads are 16-aligned, hence sizes are ≡ 12 (mod 16) too.

  /** Offset of a free block's previous-free pointer from the block start. */
  public static final int PREV_OFFSET = 4;

  /** Offset of a free block's next-free pointer from the block start. */
  public static final int NEXT_OFFSET = 8;

  /** Minimum payload size of a block: room for prev, next and back when free. */
  public static final int BLOCK_MINSIZE = ((3 * 4 + BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK) - BLOCK_OVERHEAD;

  // ╒═════════════════════ Root layout (32-bit) ════════════════════╕
  //    3                   2                   1
  //  1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0  bits
  // ├─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┤          ┐
  // │        0        |           flMap                            S│ ◄────┐     root + 0
  // ╞═══════════════════════════════════════════════════════════════╡      │
  // │                           slMap[0] S                          │ ◄─┐  │     root + SL_START
  // ├───────────────────────────────────────────────────────────────┤   │  │
  // │                           slMap[1]                            │ ◄─┤  │
  // ├───────────────────────────────────────────────────────────────┤  u32 │
  // │                           slMap[22]                           │ ◄─┘  │
  // ╞═══════════════════════════════════════════════════════════════╡    usize
  // │                            head[0]                            │ ◄────┤     root + HL_START
  // ├───────────────────────────────────────────────────────────────┤      │
  // │                              ...                              │ ◄────┤
  // ├───────────────────────────────────────────────────────────────┤      │
  // │                           head[367]                           │ ◄────┤
  // ╞═══════════════════════════════════════════════════════════════╡      │
  // │                             tail                              │ ◄────┘     root + HL_END
  // └───────────────────────────────────────────────────────────────┘   SIZE   ┘
  // S: Small blocks map. head[fl * SL_SIZE + sl] starts the free list of class (fl, sl).
  // The root sits at __heap_base rounded up to 16; the first block follows it.

  public static final int SL_START = 4;
  public static final int SL_END = SL_START + (FL_BITS << 2);
  public static final int HL_START = (SL_END + AL_MASK) & ~AL_MASK;
  public static final int HL_END = HL_START + FL_BITS * SL_SIZE * 4;
  public static final int ROOT_SIZE = HL_END + 4;

  /** Where {@code initialize()} puts the root for a given {@code __heap_base}. */
  public static int rootOffset(int heapBase) {
    return (heapBase + AL_MASK) & ~AL_MASK;
  }

  /**
   * Where {@code addMemory} puts the first block after the root: the start rounded so that the
   * payload is aligned.
   */
  public static int firstBlock(int root) {
    return ((root + ROOT_SIZE + BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK) - BLOCK_OVERHEAD;
  }

  /** Address of {@code slMap[fl]}. */
  public static int slMapAddress(int root, int fl) {
    return root + SL_START + (fl << 2);
  }

  /** Address of the free-list head of class (fl, sl). */
  public static int headAddress(int root, int fl, int sl) {
    return root + HL_START + (((fl << SL_BITS) + sl) << 2);
  }

  /** Address of the tail pointer. */
  public static int tailAddress(int root) {
    return root + HL_END;
  }

  /**
   * The first level of {@code mapping_insert} (insertBlock/removeBlock) for a free block's payload
   * size: the class list the block belongs in. {@code size} is taken unsigned.
   */
  public static int insertFl(int size) {
    if (Integer.compareUnsigned(size, SB_SIZE) < 0) {
      return 0;
    }
    int bounded = Integer.compareUnsigned(size, BLOCK_MAXSIZE) < 0 ? size : BLOCK_MAXSIZE;
    return (31 - Integer.numberOfLeadingZeros(bounded)) - (SB_BITS - 1);
  }

  /** The second level of {@code mapping_insert} for a free block's payload size. */
  public static int insertSl(int size) {
    if (Integer.compareUnsigned(size, SB_SIZE) < 0) {
      return size >>> AL_BITS;
    }
    int bounded = Integer.compareUnsigned(size, BLOCK_MAXSIZE) < 0 ? size : BLOCK_MAXSIZE;
    int fl = 31 - Integer.numberOfLeadingZeros(bounded);
    return (bounded >>> (fl - SL_BITS)) ^ (1 << SL_BITS);
  }

  /** {@code roundSize}: rounds a request up so that any block of its search class fits it. */
  public static int roundSize(int size) {
    int halfMaxSize = BLOCK_MAXSIZE >> 1;
    int invRound = 31 - SL_BITS;
    return size < halfMaxSize ? size + (1 << (invRound - Integer.numberOfLeadingZeros(size))) - 1 : size;
  }

  /** {@code computeSize}: the payload size of a block that serves a request of {@code size}. */
  public static int computeSize(int size) {
    return size <= BLOCK_MINSIZE
        ? BLOCK_MINSIZE
        : ((size + BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK) - BLOCK_OVERHEAD;
  }

  /** The payload size in an mmInfo word (tags stripped). */
  public static int size(int mmInfo) {
    return mmInfo & ~TAGS_MASK;
  }

  /** Whether {@code address} is where a block may start: payload 16-byte aligned. */
  public static boolean isBlockAligned(int address) {
    return ((address + BLOCK_OVERHEAD) & AL_MASK) == 0;
  }

  /** Whether a payload size is one TLSF can produce: the right neighbour is aligned too. */
  public static boolean isSizeAligned(int size) {
    return ((size + BLOCK_OVERHEAD) & AL_MASK) == 0;
  }
}
