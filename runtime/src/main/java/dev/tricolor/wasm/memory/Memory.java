package dev.tricolor.wasm.memory;

import dev.tricolor.wasm.exec.Trap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A WebAssembly linear memory: one {@code byte[]}, read and written little-endian through
 * VarHandle views, every access checked against the current size.
 *
 * <pre>
 * // ┌──────────────── byte[] bytes (length = pages × 64 KiB) ────────────────┐
 * // │ page 0                 │ page 1                 │ ...  │ page n-1       │
 * // └────────────────────────┴────────────────────────┴──────┴────────────────┘
 * //   effective address ea = u32(base operand) + u32(static offset)   (0 .. 2^33-2)
 * //   an access of n bytes is in bounds iff ea + n <= bytes.length
 * </pre>
 *
 * <p>{@link #grow} replaces the array, so callers that cache {@link #bytes()} must reload it after
 * anything that can grow the memory (a {@code memory.grow}, a call). Growth stops at
 * {@link #limitPages()}: the smaller of the module's declared maximum and the embedder's limit; a
 * refused growth returns -1, exactly as a real engine does, which is how AssemblyScript programs
 * run out of memory.
 *
 * <p>Addresses are {@code long}s holding the unsigned effective address; the interpreter computes
 * them as {@code Integer.toUnsignedLong(base) + offset}.
 */
public final class Memory {
  /** Bytes in one WebAssembly page. */
  public static final int PAGE_SIZE = 65536;

  /** Pages a Java array can hold: 32768 pages would be 2^31 bytes, one more than the limit. */
  public static final int MAX_PAGES = 32767;

  private static final VarHandle I16 =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle I32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle I64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] bytes;
  private final int limitPages;
  private final long declaredMaxPages;

  /**
   * A memory of {@code initialPages}, growable up to {@code limitPages} (already the smaller of
   * the declared maximum and the embedder's limit, at most {@link #MAX_PAGES}).
   */
  public Memory(int initialPages, int limitPages) {
    this(initialPages, limitPages, -1);
  }

  /**
   * As {@link #Memory(int, int)}, remembering the module's declared maximum ({@code -1} for
   * none), which import matching compares against.
   */
  public Memory(int initialPages, int limitPages, long declaredMaxPages) {
    if (initialPages < 0 || initialPages > MAX_PAGES) {
      throw new IllegalArgumentException(
          "memory of " + initialPages + " pages is larger than the " + MAX_PAGES + " pages supported");
    }
    this.limitPages = Math.min(Math.max(limitPages, initialPages), MAX_PAGES);
    this.bytes = new byte[initialPages * PAGE_SIZE];
    this.declaredMaxPages = declaredMaxPages;
  }

  /** The maximum the module declared, in pages, or -1 when it declared none. */
  public long declaredMaxPages() {
    return declaredMaxPages;
  }

  /** A memory holding a copy of {@code contents} (e.g. a dump), its size rounded up to pages. */
  public static Memory of(byte[] contents) {
    int pages = (contents.length + PAGE_SIZE - 1) / PAGE_SIZE;
    Memory m = new Memory(pages, pages);
    System.arraycopy(contents, 0, m.bytes, 0, contents.length);
    return m;
  }

  /** The backing array; replaced by {@link #grow}, never shrunk. */
  public byte[] bytes() {
    return bytes;
  }

  /** Current size in bytes. */
  public int size() {
    return bytes.length;
  }

  public int pages() {
    return bytes.length / PAGE_SIZE;
  }

  public int limitPages() {
    return limitPages;
  }

  /**
   * Grows by {@code deltaPages} and returns the old size in pages, or -1 (leaving the memory as it
   * was) when the new size would pass the limit. {@code deltaPages} is the unsigned operand of
   * {@code memory.grow}, hence a long.
   */
  public int grow(long deltaPages) {
    int old = pages();
    if (deltaPages < 0 || old + deltaPages > limitPages) {
      return -1;
    }
    if (deltaPages > 0) {
      bytes = Arrays.copyOf(bytes, (int) ((old + deltaPages) * PAGE_SIZE));
    }
    return old;
  }

  // ---- bounds checks ----

  /** Throws the out-of-bounds trap unless {@code [ea, ea + n)} lies inside the memory. */
  public void check(long ea, long n) {
    if (ea < 0 || n < 0 || ea + n > bytes.length) {
      throw Trap.outOfBoundsMemory(ea, (int) Math.min(n, Integer.MAX_VALUE), bytes.length);
    }
  }

  public boolean inBounds(long ea, long n) {
    return ea >= 0 && n >= 0 && ea + n <= bytes.length;
  }

  // ---- loads ----

  public byte loadI8(long ea) {
    check(ea, 1);
    return bytes[(int) ea];
  }

  public short loadI16(long ea) {
    check(ea, 2);
    return (short) I16.get(bytes, (int) ea);
  }

  public int loadI32(long ea) {
    check(ea, 4);
    return (int) I32.get(bytes, (int) ea);
  }

  public long loadI64(long ea) {
    check(ea, 8);
    return (long) I64.get(bytes, (int) ea);
  }

  /** The unsigned 32-bit value at {@code ea}, convenient for pointers. */
  public long loadU32(long ea) {
    return Integer.toUnsignedLong(loadI32(ea));
  }

  // ---- stores ----

  public void storeI8(long ea, byte v) {
    check(ea, 1);
    bytes[(int) ea] = v;
  }

  public void storeI16(long ea, short v) {
    check(ea, 2);
    I16.set(bytes, (int) ea, v);
  }

  public void storeI32(long ea, int v) {
    check(ea, 4);
    I32.set(bytes, (int) ea, v);
  }

  public void storeI64(long ea, long v) {
    check(ea, 8);
    I64.set(bytes, (int) ea, v);
  }

  // ---- bulk ----

  /** A copy of {@code [ea, ea + n)}. */
  public byte[] read(long ea, int n) {
    check(ea, n);
    return Arrays.copyOfRange(bytes, (int) ea, (int) ea + n);
  }

  /** Writes all of {@code src} at {@code ea}; traps before writing anything if it does not fit. */
  public void write(long ea, byte[] src) {
    write(ea, src, 0, src.length);
  }

  public void write(long ea, byte[] src, int from, int n) {
    check(ea, n);
    System.arraycopy(src, from, bytes, (int) ea, n);
  }

  /** {@code memory.fill}: bounds checked as a whole first, as bulk memory requires. */
  public void fill(long ea, byte value, long n) {
    check(ea, n);
    Arrays.fill(bytes, (int) ea, (int) (ea + n), value);
  }

  /** {@code memory.copy}: overlapping ranges copy as if through a temporary buffer. */
  public void copy(long dst, long src, long n) {
    check(src, n);
    check(dst, n);
    System.arraycopy(bytes, (int) src, bytes, (int) dst, (int) n);
  }

  // ---- unchecked views for callers that checked a whole range themselves ----

  /** Little-endian 32-bit read without a bounds check beyond the array's own. */
  public static int getI32(byte[] b, int index) {
    return (int) I32.get(b, index);
  }

  public static long getI64(byte[] b, int index) {
    return (long) I64.get(b, index);
  }

  public static short getI16(byte[] b, int index) {
    return (short) I16.get(b, index);
  }

  public static void setI32(byte[] b, int index, int v) {
    I32.set(b, index, v);
  }

  public static void setI64(byte[] b, int index, long v) {
    I64.set(b, index, v);
  }

  public static void setI16(byte[] b, int index, short v) {
    I16.set(b, index, v);
  }
}
