package dev.tricolor.heap.check;

/**
 * The invariants the checker verifies: those AssemblyScript's runtime asserts in debug builds
 * ({@code rt/tlsf.ts}, {@code rt/itcms.ts}) and the structural ones it relies on without
 * asserting. Each finding names one.
 */
public enum Rule {
  // ---- TLSF ----
  ROOT_MISPLACED("the TLSF root is not at __heap_base rounded up to 16"),
  ROOT_UNREADABLE("ROOT points outside memory"),
  BLOCK_WALK_INCOMPLETE("the walk from the first block does not end at the root's tail"),
  BLOCK_MISALIGNED("a block's payload is not 16-byte aligned"),
  BLOCK_SIZE_UNALIGNED("a block's size plus its 4-byte header is not a multiple of 16"),
  BLOCK_TOO_SMALL("a block is smaller than BLOCK_MINSIZE (12 bytes)"),
  TAIL_INVALID("the tail block has a size or the FREE tag"),
  LEFTFREE_MISMATCH("a block's LEFTFREE tag disagrees with its left neighbour's FREE tag"),
  FREE_BACK_POINTER("a free block's back pointer (the word before its right neighbour) is not its address"),
  FREE_BLOCKS_ADJACENT("two free blocks are neighbours (TLSF always merges them)"),
  FREE_LIST_BROKEN("a free list leads to something that is not a block, or comes back to a block it passed"),
  FREE_LIST_NODE_NOT_FREE("a block on a free list does not have the FREE tag"),
  FREE_LIST_WRONG_CLASS("a free block is on the list of another size class"),
  FREE_LIST_PREV("a free block's prev pointer is not the block before it on its list"),
  FREE_BLOCK_UNLISTED("a free block is on no free list"),
  FL_MAP_MISMATCH("a first-level map bit disagrees with its second-level map"),
  SL_MAP_MISMATCH("a second-level map bit disagrees with its free list's head"),
  // ---- ITCMS ----
  GC_STATE_INVALID("the collector's state or white global holds a value ITCMS never stores"),
  SPACE_HEAD_UNREADABLE("a GC space head points outside memory"),
  SPACE_LIST_BROKEN("a GC list leads to something that is not an object, or to null"),
  SPACE_LIST_CYCLE("a GC list comes back to an object it passed without reaching its head"),
  OBJECT_IN_TWO_SPACES("an object is on two GC lists"),
  SPACE_LIST_PREV("an object's prev pointer is not the object before it on its list"),
  OBJECT_NOT_IN_SPACE(
      "a used block is on no GC list (an __alloc'd block, or a lost object)", Severity.WARNING),
  COLOR_IMPOSSIBLE("an object's color, or the list it is on, is impossible in the collector's state"),
  RTID_OUT_OF_RANGE("an object's rtId is not below the RTTI count"),
  RTSIZE_EXCEEDS_BLOCK("an object's rtSize does not fit in its block"),
  TOTAL_MISMATCH("ITCMS's total differs from the sizes of the objects on its lists"),
  RTTI_UNREADABLE("the RTTI table at __rtti_base cannot be read");

  /** Whether a finding means the heap is broken, or only something to look at. */
  public enum Severity {
    /** The runtime's own invariants do not hold: the heap is corrupt. */
    ERROR,
    /** Legal, but often a sign of a problem (raw blocks of __alloc look like lost objects). */
    WARNING
  }

  private final String description;
  private final Severity severity;

  Rule(String description) {
    this(description, Severity.ERROR);
  }

  Rule(String description, Severity severity) {
    this.description = description;
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }

  /** What the rule requires, in words a user can act on. */
  public String description() {
    return description;
  }

  /** The rule's id as shown to users: lower case with dashes ({@code free-back-pointer}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
