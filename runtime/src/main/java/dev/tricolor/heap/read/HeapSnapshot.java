package dev.tricolor.heap.read;

import static dev.tricolor.heap.layout.Common.RTID_OFFSET;
import static dev.tricolor.heap.layout.Common.RTSIZE_OFFSET;
import static dev.tricolor.heap.layout.Common.TOTAL_OVERHEAD;
import static dev.tricolor.heap.layout.Itcms.NEXT_WITH_COLOR_OFFSET;
import static dev.tricolor.heap.layout.Itcms.PREV_OFFSET;

import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.layout.Common;
import dev.tricolor.heap.layout.GcState;
import dev.tricolor.heap.layout.Itcms;
import dev.tricolor.wasm.memory.Memory;

/**
 * An AssemblyScript heap as read at one moment (by {@link HeapReader}): the TLSF root, blocks and
 * free lists, and the managed objects on the ITCMS lists, indexed {@code 0 .. objectCount()-1} in
 * list order (fromSpace, toSpace, pinSpace). It keeps a reference to the memory's bytes; read it
 * while the program is stopped.
 *
 * <p>Objects are addressed by their header start (the block's mmInfo word, "the object" in
 * itcms.ts); {@link #payload(int)} gives the pointer the program holds.
 */
public final class HeapSnapshot {
  private static final Space[] SPACES = Space.values();

  private final byte[] bytes;
  private final RuntimeGlobals globals;
  private final RuntimeTypes types;
  private final TlsfRoot root;
  private final Blocks blocks;
  private final FreeLists freeLists;
  private final GcSpaces spaces;

  HeapSnapshot(
      byte[] bytes,
      RuntimeGlobals globals,
      RuntimeTypes types,
      TlsfRoot root,
      Blocks blocks,
      FreeLists freeLists,
      GcSpaces spaces) {
    this.bytes = bytes;
    this.globals = globals;
    this.types = types;
    this.root = root;
    this.blocks = blocks;
    this.freeLists = freeLists;
    this.spaces = spaces;
  }

  /** The memory's bytes the snapshot was read from (not a copy). */
  public byte[] bytes() {
    return bytes;
  }

  public int memorySize() {
    return bytes.length;
  }

  public RuntimeGlobals globals() {
    return globals;
  }

  public RuntimeTypes types() {
    return types;
  }

  /** The TLSF root, or null when TLSF is not initialized ({@code ROOT} 0) or unreadable. */
  public TlsfRoot root() {
    return root;
  }

  public Blocks blocks() {
    return blocks;
  }

  public FreeLists freeLists() {
    return freeLists;
  }

  /** How the walk of {@code space}'s list went. */
  public SpaceList spaceList(Space space) {
    return spaces.lists[space.ordinal()];
  }

  /** The collector's state, or null when unknown or not a valid state value. */
  public GcState gcState() {
    long s = globals.state();
    return s >= 0 && s <= 2 ? GcState.of((int) s) : null;
  }

  /** The collector's current white (0 or 1), 0 when unknown. */
  public int white() {
    return globals.white() < 0 ? 0 : (int) (globals.white() & 1);
  }

  // ---- objects ----

  /** Objects found on the three lists. */
  public int objectCount() {
    return spaces.count;
  }

  /** Header start of object {@code i}. */
  public int address(int i) {
    return spaces.objAddress[i];
  }

  /** Payload pointer of object {@code i}. */
  public int payload(int i) {
    return spaces.objAddress[i] + TOTAL_OVERHEAD;
  }

  public Space space(int i) {
    return SPACES[spaces.objSpace[i]];
  }

  /** Index of object {@code i}'s block in {@link #blocks()}, -1 for an object in static data. */
  public int blockIndex(int i) {
    return spaces.objBlock[i];
  }

  /** Whether object {@code i} lives in static data (below {@code __heap_base}). */
  public boolean isStatic(int i) {
    return spaces.objBlock[i] < 0;
  }

  public int mmInfo(int i) {
    return Memory.getI32(bytes, spaces.objAddress[i]);
  }

  public int nextWithColor(int i) {
    return Memory.getI32(bytes, spaces.objAddress[i] + NEXT_WITH_COLOR_OFFSET);
  }

  public int prev(int i) {
    return Memory.getI32(bytes, spaces.objAddress[i] + PREV_OFFSET);
  }

  public int rtId(int i) {
    return Memory.getI32(bytes, spaces.objAddress[i] + RTID_OFFSET);
  }

  public int rtSize(int i) {
    return Memory.getI32(bytes, spaces.objAddress[i] + RTSIZE_OFFSET);
  }

  /** The raw color bits of object {@code i}. */
  public int colorBits(int i) {
    return nextWithColor(i) & Itcms.COLOR_MASK;
  }

  public Color color(int i) {
    return Color.of(colorBits(i), white());
  }

  /** The class name of object {@code i} ({@code "#id"} when unknown). */
  public String className(int i) {
    return types.name(rtId(i));
  }

  /**
   * {@code Object#size}: all bytes object {@code i}'s block occupies (mmInfo word included), what
   * ITCMS adds to {@code total}.
   */
  public int objectSize(int i) {
    return Itcms.objectSize(mmInfo(i));
  }

  public ObjectHeader header(int i) {
    return new ObjectHeader(
        address(i), mmInfo(i), nextWithColor(i), prev(i), rtId(i), rtSize(i), color(i));
  }

  /**
   * The object whose header starts at {@code address} (a heap block or a linked static object),
   * or -1.
   */
  public int objectAt(int address) {
    int bi = blocks.indexOf(address);
    if (bi >= 0) {
      return spaces.blockObject[bi];
    }
    Integer s = spaces.staticObjects.get(address);
    return s == null ? -1 : s;
  }

  /** The object whose payload pointer is {@code pointer}, or -1. */
  public int objectAtPayload(int pointer) {
    if ((pointer & Common.AL_MASK) != 0) {
      return -1;
    }
    return objectAt(pointer - TOTAL_OVERHEAD);
  }

  /** The object of block {@code blockIndex}, or -1 when the block holds none. */
  public int objectOfBlock(int blockIndex) {
    return spaces.blockObject[blockIndex];
  }

  /**
   * The object the collector's {@code iter} points at while marking (objects of toSpace up to it
   * are scanned), or -1 when it is toSpace's head or the collector is not marking.
   */
  public int iterObject() {
    return spaces.iterObject;
  }

  /** Objects whose {@code prev} is not the object (or head) before them on their list. */
  public int[] prevMismatches() {
    return spaces.prevMismatch.clone();
  }

  /**
   * Whether {@code pointer} looks like the payload of an object in static data that is not on any
   * list ("not yet linked"): below the heap, aligned, with next = prev = 0, an rtId in the RTTI
   * table and an rtSize that fits before {@code __heap_base}.
   */
  public boolean isUnlinkedStaticObject(int pointer) {
    int node = pointer - TOTAL_OVERHEAD;
    int heapBase = RuntimeGlobals.address(globals.heapBase());
    int limit = heapBase >= 0 ? heapBase : blocks.count() > 0 ? blocks.address(0) : bytes.length;
    if (!GcSpaces.isStaticSlot(node, limit, bytes.length - TOTAL_OVERHEAD)) {
      return false;
    }
    int id = Memory.getI32(bytes, node + RTID_OFFSET);
    long size = Integer.toUnsignedLong(Memory.getI32(bytes, node + RTSIZE_OFFSET));
    return Memory.getI32(bytes, node + NEXT_WITH_COLOR_OFFSET) == 0
        && Memory.getI32(bytes, node + PREV_OFFSET) == 0
        && types.isValid(id)
        && pointer + size <= limit;
  }

  /** A reference a pointer-sized word makes, as the heap views show it. */
  public Reference resolve(int word) {
    if (word == 0) {
      return Reference.NULL;
    }
    int o = objectAtPayload(word);
    if (o >= 0) {
      return new Reference(Reference.Kind.OBJECT, word, o);
    }
    if (isUnlinkedStaticObject(word)) {
      return new Reference(Reference.Kind.STATIC_OBJECT, word, -1);
    }
    return new Reference(Reference.Kind.NONE, word, -1);
  }

  // ---- summaries ----

  public GcSummary gc() {
    return GcSummary.of(this);
  }

  public AllocatorSummary allocator() {
    return AllocatorSummary.of(this);
  }

  public ClassHistogram histogram() {
    return ClassHistogram.of(this);
  }
}
