package dev.tricolor.heap.host;

import static dev.tricolor.heap.layout.Common.AL_BITS;
import static dev.tricolor.heap.layout.Common.AL_MASK;
import static dev.tricolor.heap.layout.Common.AL_SIZE;
import static dev.tricolor.heap.layout.Common.BLOCK_MAXSIZE;
import static dev.tricolor.heap.layout.Common.BLOCK_OVERHEAD;
import static dev.tricolor.heap.layout.Common.MMINFO_OFFSET;
import static dev.tricolor.heap.layout.Tlsf.BLOCK_MINSIZE;
import static dev.tricolor.heap.layout.Tlsf.FL_BITS;
import static dev.tricolor.heap.layout.Tlsf.FREE;
import static dev.tricolor.heap.layout.Tlsf.LEFTFREE;
import static dev.tricolor.heap.layout.Tlsf.NEXT_OFFSET;
import static dev.tricolor.heap.layout.Tlsf.PREV_OFFSET;
import static dev.tricolor.heap.layout.Tlsf.ROOT_SIZE;
import static dev.tricolor.heap.layout.Tlsf.SB_BITS;
import static dev.tricolor.heap.layout.Tlsf.SB_SIZE;
import static dev.tricolor.heap.layout.Tlsf.SL_BITS;
import static dev.tricolor.heap.layout.Tlsf.SL_SIZE;
import static dev.tricolor.heap.layout.Tlsf.TAGS_MASK;
import static dev.tricolor.heap.host.UpstreamAborts.tlsfAssert;

import dev.tricolor.heap.events.OutOfMemoryTrap;
import dev.tricolor.heap.layout.Tlsf;
import dev.tricolor.wasm.memory.Memory;

/**
 * AssemblyScript 0.28's TLSF allocator ({@code std/assembly/rt/tlsf.ts}) in Java, on a guest's
 * linear memory: the same root at {@code __heap_base} rounded up to 16, the same blocks and
 * tags, the same (fl, sl) classes, rounding, splitting and merging, the same growth, so that the
 * same calls leave the same bytes as the compiled original. Function names are upstream's; the
 * layout and its arithmetic come from {@link Tlsf} and {@link dev.tricolor.heap.layout.Common}.
 *
 * <p>Addresses and sizes are the guest's u32 values held in Java ints: comparisons that
 * upstream makes on {@code usize} are unsigned here ({@link #ltU}). A corrupt heap fails as
 * upstream's does: the same asserts abort with upstream's file, line and column, and a pointer
 * outside memory throws {@link IndexOutOfBoundsException}, which the host runtime reports as the
 * out-of-bounds trap the guest would have hit.
 *
 * <p>Not thread-safe: the program thread calls it, through the host runtime's imports.
 */
public final class HostTlsf {
  private final Memory memory;
  private final int heapBase;
  /** The memory's bytes; replaced when the memory grows (see {@link #sync()}). */
  byte[] m;
  /** The root the functions below work on (set by {@link #initialize()} before ROOT is). */
  private int root;
  /** {@code ROOT}: the root once initialized, 0 before. */
  private int ROOT;
  /** What the program asked for, for an out-of-memory report (-1 unknown). */
  long requested = -1;

  /**
   * A TLSF for {@code memory}, its root to be placed at {@code heapBase} rounded up to 16 on the
   * first allocation (as upstream's lazy {@code initialize()}).
   */
  public HostTlsf(Memory memory, int heapBase) {
    this.memory = memory;
    this.heapBase = heapBase;
    this.m = memory.bytes();
  }

  /**
   * A TLSF that continues the heap another TLSF (the guest's own, say) initialized at
   * {@code root}: the same calls then leave the same bytes as that one's would.
   */
  public static HostTlsf resume(Memory memory, int heapBase, int root) {
    HostTlsf t = new HostTlsf(memory, heapBase);
    if (root != 0 && root != Tlsf.rootOffset(heapBase)) {
      throw new IllegalArgumentException(String.format(
          "a TLSF root is at __heap_base rounded up to 16 (0x%x), not at 0x%x",
          Tlsf.rootOffset(heapBase), root));
    }
    t.root = root;
    t.ROOT = root;
    return t;
  }

  /** {@code ROOT}: the root's address, 0 until the first allocation initializes it. */
  public int root() {
    return ROOT;
  }

  public int heapBase() {
    return heapBase;
  }

  /**
   * All the bytes the used block at payload {@code ptr} occupies, its mmInfo word included; an
   * mmInfo outside memory reads as 0, as guest mode's events read it (reporting a free must not
   * fail where freeing itself fails differently).
   */
  int blockBytes(int ptr) {
    int block = ptr - BLOCK_OVERHEAD;
    if (block < 0 || block > m.length - 4) {
      return BLOCK_OVERHEAD;
    }
    return BLOCK_OVERHEAD + (mmInfo(block) & ~TAGS_MASK);
  }

  /** Picks up a memory the guest grew since the last call. */
  void sync() {
    m = memory.bytes();
  }

  // ---- block and root accessors (Block#mmInfo/prev/next, GETFREELEFT, GETRIGHT, GETSL...) ----

  private int mmInfo(int block) {
    return Memory.getI32(m, block + MMINFO_OFFSET);
  }

  private void setMmInfo(int block, int mmInfo) {
    Memory.setI32(m, block + MMINFO_OFFSET, mmInfo);
  }

  private int prev(int block) {
    return Memory.getI32(m, block + PREV_OFFSET);
  }

  private void setPrev(int block, int prev) {
    Memory.setI32(m, block + PREV_OFFSET, prev);
  }

  private int next(int block) {
    return Memory.getI32(m, block + NEXT_OFFSET);
  }

  private void setNext(int block, int next) {
    Memory.setI32(m, block + NEXT_OFFSET, next);
  }

  /** Gets the left block of a block. Only valid if the left block is free. */
  private int getFreeLeft(int block) {
    return Memory.getI32(m, block - 4);
  }

  /** Gets the right block of a block by advancing to the right by its size. */
  private int getRight(int block) {
    return block + BLOCK_OVERHEAD + (mmInfo(block) & ~TAGS_MASK);
  }

  private int flMap() {
    return Memory.getI32(m, root);
  }

  private void setFlMap(int flMap) {
    Memory.setI32(m, root, flMap);
  }

  private int getSl(int fl) {
    return Memory.getI32(m, Tlsf.slMapAddress(root, fl));
  }

  private void setSl(int fl, int slMap) {
    Memory.setI32(m, Tlsf.slMapAddress(root, fl), slMap);
  }

  private int getHead(int fl, int sl) {
    return Memory.getI32(m, Tlsf.headAddress(root, fl, sl));
  }

  private void setHead(int fl, int sl, int head) {
    Memory.setI32(m, Tlsf.headAddress(root, fl, sl), head);
  }

  private int getTail() {
    return Memory.getI32(m, Tlsf.tailAddress(root));
  }

  private void setTail(int tail) {
    Memory.setI32(m, Tlsf.tailAddress(root), tail);
  }

  // ---- the allocator ----

  /** Inserts a previously used block back into the free list. */
  void insertBlock(int block) {
    if (block == 0) throw tlsfAssert(201, 14); // cannot be null
    int blockInfo = mmInfo(block);
    if ((blockInfo & FREE) == 0) throw tlsfAssert(203, 14); // must be free

    int right = getRight(block);
    int rightInfo = mmInfo(right);

    // merge with right block if also free
    if ((rightInfo & FREE) != 0) {
      removeBlock(right);
      blockInfo = blockInfo + BLOCK_OVERHEAD + (rightInfo & ~TAGS_MASK); // keep block tags
      setMmInfo(block, blockInfo);
      right = getRight(block);
      rightInfo = mmInfo(right);
      // 'back' is set below
    }

    // merge with left block if also free
    if ((blockInfo & LEFTFREE) != 0) {
      int left = getFreeLeft(block);
      int leftInfo = mmInfo(left);
      if ((leftInfo & FREE) == 0) throw tlsfAssert(221, 16); // must be free according to right tags
      removeBlock(left);
      block = left;
      blockInfo = leftInfo + BLOCK_OVERHEAD + (blockInfo & ~TAGS_MASK); // keep left tags
      setMmInfo(block, blockInfo);
      // 'back' is set below
    }

    setMmInfo(right, rightInfo | LEFTFREE);
    // reference to right is no longer used now, hence rightInfo is not synced

    // we now know the size of the block
    int size = blockInfo & ~TAGS_MASK;
    if (ltU(size, BLOCK_MINSIZE)) throw tlsfAssert(233, 14); // must be a valid size
    if (block + BLOCK_OVERHEAD + size != right) throw tlsfAssert(234, 14); // must match

    // set 'back' to itself at the end of block
    Memory.setI32(m, right - 4, block);

    // mapping_insert
    int fl = Tlsf.insertFl(size);
    int sl = Tlsf.insertSl(size);
    if (!(ltU(fl, FL_BITS) && ltU(sl, SL_SIZE))) throw tlsfAssert(251, 14); // fl/sl out of range

    // perform insertion
    int head = getHead(fl, sl);
    setPrev(block, 0);
    setNext(block, head);
    if (head != 0) setPrev(head, block);
    setHead(fl, sl, block);

    // update first and second level maps
    setFlMap(flMap() | (1 << fl));
    setSl(fl, getSl(fl) | (1 << sl));
  }

  /** Removes a free block from internal lists. */
  void removeBlock(int block) {
    int blockInfo = mmInfo(block);
    if ((blockInfo & FREE) == 0) throw tlsfAssert(268, 14); // must be free
    int size = blockInfo & ~TAGS_MASK;
    if (ltU(size, BLOCK_MINSIZE)) throw tlsfAssert(270, 14); // must be valid

    // mapping_insert
    int fl = Tlsf.insertFl(size);
    int sl = Tlsf.insertSl(size);
    if (!(ltU(fl, FL_BITS) && ltU(sl, SL_SIZE))) throw tlsfAssert(284, 14); // fl/sl out of range

    // link previous and next free block
    int prev = prev(block);
    int next = next(block);
    if (prev != 0) setNext(prev, next);
    if (next != 0) setPrev(next, prev);

    // update head if we are removing it
    if (block == getHead(fl, sl)) {
      setHead(fl, sl, next);

      // clear second level map if head is empty now
      if (next == 0) {
        int slMap = getSl(fl);
        setSl(fl, slMap &= ~(1 << sl));

        // clear first level map if second level is empty now
        if (slMap == 0) setFlMap(flMap() & ~(1 << fl));
      }
    }
    // note: does not alter left/back because it is likely that splitting
    // is performed afterwards, invalidating those changes. so, the caller
    // must perform those updates.
  }

  /** Searches for a free block of at least the specified size (0 when there is none). */
  int searchBlock(int size) {
    // size was already asserted by caller

    // mapping_search
    int fl;
    int sl;
    if (ltU(size, SB_SIZE)) {
      fl = 0;
      sl = size >>> AL_BITS;
    } else {
      int requestSize = Tlsf.roundSize(size);
      fl = 31 - Integer.numberOfLeadingZeros(requestSize);
      sl = (requestSize >>> (fl - SL_BITS)) ^ (1 << SL_BITS);
      fl -= SB_BITS - 1;
    }
    if (!(ltU(fl, FL_BITS) && ltU(sl, SL_SIZE))) throw tlsfAssert(334, 14); // fl/sl out of range

    // search second level
    int slMap = getSl(fl) & (~0 << sl);
    int head;
    if (slMap == 0) {
      // search next larger first level
      int flMap = flMap() & (~0 << (fl + 1));
      if (flMap == 0) {
        head = 0;
      } else {
        fl = Integer.numberOfTrailingZeros(flMap);
        slMap = getSl(fl);
        if (slMap == 0) throw tlsfAssert(347, 18); // can't be zero if fl points here
        head = getHead(fl, Integer.numberOfTrailingZeros(slMap));
      }
    } else {
      head = getHead(fl, Integer.numberOfTrailingZeros(slMap));
    }
    return head;
  }

  /** Prepares the specified block before (re-)use, possibly splitting it. */
  void prepareBlock(int block, int size) {
    // size was already asserted by caller

    int blockInfo = mmInfo(block);
    // size must be aligned so the new block is
    if (((size + BLOCK_OVERHEAD) & AL_MASK) != 0) throw tlsfAssert(361, 14);

    // split if the block can hold another MINSIZE block incl. overhead
    int remaining = (blockInfo & ~TAGS_MASK) - size;
    if (!ltU(remaining, BLOCK_OVERHEAD + BLOCK_MINSIZE)) {
      setMmInfo(block, size | (blockInfo & LEFTFREE)); // also discards FREE

      int spare = block + BLOCK_OVERHEAD + size;
      setMmInfo(spare, (remaining - BLOCK_OVERHEAD) | FREE); // not LEFTFREE
      insertBlock(spare); // also sets 'back'

      // otherwise tag block as no longer FREE and right as no longer LEFTFREE
    } else {
      setMmInfo(block, blockInfo & ~FREE);
      int right = getRight(block);
      setMmInfo(right, mmInfo(right) & ~LEFTFREE);
    }
  }

  /** Adds more memory to the pool. */
  boolean addMemory(int start, long endU64) {
    int end = (int) endU64;
    if (!(Integer.toUnsignedLong(start) <= endU64)) throw tlsfAssert(382, 14); // must be valid
    start = ((start + BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK) - BLOCK_OVERHEAD;
    end &= ~AL_MASK;

    int tail = getTail();
    int tailInfo = 0;
    if (tail != 0) { // more memory
      if (ltU(start, tail + BLOCK_OVERHEAD)) throw tlsfAssert(389, 16);

      // merge with current tail if adjacent
      final int offsetToTail = AL_SIZE;
      if (start - offsetToTail == tail) {
        start -= offsetToTail;
        tailInfo = mmInfo(tail);
      } else {
        // We don't do this, but a user might `memory.grow` manually
        // leading to non-adjacent pages managed by TLSF.
      }

    } else { // first memory
      if (ltU(start, root + ROOT_SIZE)) throw tlsfAssert(402, 5); // starts after root
    }

    // check if size is large enough for a free block and the tail block
    int size = end - start;
    if (ltU(size, BLOCK_OVERHEAD + BLOCK_MINSIZE + BLOCK_OVERHEAD)) {
      return false;
    }

    // left size is total minus its own and the zero-length tail's header
    int leftSize = size - 2 * BLOCK_OVERHEAD;
    int left = start;
    setMmInfo(left, leftSize | FREE | (tailInfo & LEFTFREE));
    setPrev(left, 0);
    setNext(left, 0);

    // tail is a zero-length used block
    tail = start + BLOCK_OVERHEAD + leftSize;
    setMmInfo(tail, 0 | LEFTFREE);
    setTail(tail);

    insertBlock(left); // also merges with free left before tail / sets 'back'

    return true;
  }

  /** Grows memory to fit at least another block of the specified size. */
  void growMemory(int size) {
    // (ASC_LOW_MEMORY_LIMIT is 0 unless --lowMemoryLimit, which host builds do not support.)
    // Here, both rounding performed in searchBlock ...
    if (!ltU(size, SB_SIZE)) {
      size = Tlsf.roundSize(size);
    }
    // and additional BLOCK_OVERHEAD must be taken into account. If we are going
    // to merge with the tail block, that's one time, otherwise it's two times.
    int pagesBefore = memory.pages();
    size += BLOCK_OVERHEAD << (((pagesBefore << 16) - BLOCK_OVERHEAD != getTail()) ? 1 : 0);
    int pagesNeeded = ((size + 0xffff) & ~0xffff) >>> 16;
    int pagesWanted = Math.max(pagesBefore, pagesNeeded); // double memory
    if (memory.grow(Integer.toUnsignedLong(pagesWanted)) < 0) {
      if (memory.grow(Integer.toUnsignedLong(pagesNeeded)) < 0) throw unreachable();
    }
    m = memory.bytes();
    int pagesAfter = memory.pages();
    addMemory(pagesBefore << 16, (long) pagesAfter << 16);
  }

  /** Computes the size (excl. header) of a block. */
  static int computeSize(int size) {
    return Tlsf.computeSize(size);
  }

  /** Prepares and checks an allocation size. */
  static int prepareSize(int size) {
    if (Integer.compareUnsigned(size, BLOCK_MAXSIZE) > 0) {
      throw UpstreamAborts.error(UpstreamAborts.E_ALLOCATION_TOO_LARGE, UpstreamAborts.TLSF, 461, 29);
    }
    return computeSize(size);
  }

  /** Initializes the root structure. */
  void initialize() {
    int rootOffset = Tlsf.rootOffset(heapBase);
    int pagesBefore = memory.pages();
    int pagesNeeded = (((rootOffset + ROOT_SIZE) + 0xffff) & ~0xffff) >>> 16;
    if (pagesNeeded > pagesBefore && memory.grow(pagesNeeded - pagesBefore) < 0) throw unreachable();
    m = memory.bytes();
    root = rootOffset;
    setFlMap(0);
    setTail(0);
    for (int fl = 0; fl < FL_BITS; ++fl) {
      setSl(fl, 0);
      for (int sl = 0; sl < SL_SIZE; ++sl) {
        setHead(fl, sl, 0);
      }
    }
    int memStart = rootOffset + ROOT_SIZE;
    addMemory(memStart, (long) memory.pages() << 16);
    ROOT = root;
  }

  /** Allocates a block of the specified size. */
  int allocateBlock(int size) {
    int payloadSize = prepareSize(size);
    int block = searchBlock(payloadSize);
    if (block == 0) {
      growMemory(payloadSize);
      block = searchBlock(payloadSize);
      if (block == 0) throw tlsfAssert(499, 16); // must be found now
    }
    if (ltU(mmInfo(block) & ~TAGS_MASK, payloadSize)) throw tlsfAssert(501, 14); // must fit
    removeBlock(block);
    prepareBlock(block, payloadSize);
    return block;
  }

  /** Reallocates a block to the specified size. */
  int reallocateBlock(int block, int size) {
    int payloadSize = prepareSize(size);
    int blockInfo = mmInfo(block);
    int blockSize = blockInfo & ~TAGS_MASK;

    // possibly split and update runtime size if it still fits
    if (!ltU(blockSize, payloadSize)) {
      prepareBlock(block, payloadSize);
      return block;
    }

    // merge with right free block if merger is large enough
    int right = getRight(block);
    int rightInfo = mmInfo(right);
    if ((rightInfo & FREE) != 0) {
      int mergeSize = blockSize + BLOCK_OVERHEAD + (rightInfo & ~TAGS_MASK);
      if (!ltU(mergeSize, payloadSize)) {
        removeBlock(right);
        setMmInfo(block, (blockInfo & TAGS_MASK) | mergeSize);
        prepareBlock(block, payloadSize);
        return block;
      }
    }

    // otherwise move the block
    return moveBlock(block, size);
  }

  /** Moves a block to a new one of the specified size. */
  int moveBlock(int block, int newSize) {
    int newBlock = allocateBlock(newSize);
    memory.copy(Integer.toUnsignedLong(newBlock + BLOCK_OVERHEAD),
        Integer.toUnsignedLong(block + BLOCK_OVERHEAD),
        Integer.toUnsignedLong(mmInfo(block) & ~TAGS_MASK));
    if (!ltU(block, heapBase)) {
      freeBlock(block);
    }
    return newBlock;
  }

  /** Frees a block. */
  void freeBlock(int block) {
    setMmInfo(block, mmInfo(block) | FREE);
    insertBlock(block);
  }

  /** Checks that a used block is valid to be freed or reallocated. */
  int checkUsedBlock(int ptr) {
    int block = ptr - BLOCK_OVERHEAD;
    if (!(ptr != 0 && (ptr & AL_MASK) == 0 // must exist and be aligned
        && (mmInfo(block) & FREE) == 0)) { // must be used
      throw tlsfAssert(562, 3);
    }
    return block;
  }

  // ---- the runtime interface ----

  /** {@code __alloc}: a block of at least {@code size} bytes; its payload address. */
  public int alloc(int size) {
    if (ROOT == 0) initialize();
    return allocateBlock(size) + BLOCK_OVERHEAD;
  }

  /** {@code __realloc}: the block at {@code ptr} resized (maybe moved); its payload address. */
  public int realloc(int ptr, int size) {
    if (ROOT == 0) initialize();
    return (ltU(ptr, heapBase)
        ? moveBlock(checkUsedBlock(ptr), size)
        : reallocateBlock(checkUsedBlock(ptr), size)) + BLOCK_OVERHEAD;
  }

  /** {@code __free}: frees the block at {@code ptr} (a static one is left alone). */
  public void free(int ptr) {
    if (ltU(ptr, heapBase)) return;
    if (ROOT == 0) initialize();
    freeBlock(checkUsedBlock(ptr));
  }

  /** Upstream's {@code unreachable()} when memory cannot grow, with what was asked for. */
  private OutOfMemoryTrap unreachable() {
    return new OutOfMemoryTrap(requested, memory.size(), memory.limitPages());
  }

  static boolean ltU(int a, int b) {
    return Integer.compareUnsigned(a, b) < 0;
  }
}
