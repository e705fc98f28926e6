package dev.tricolor.heap.host;

import dev.tricolor.wasm.memory.Memory;

/**
 * Byte swaps, as AssemblyScript's {@code bswap<T>} ({@code std/assembly/polyfills.ts}) computes
 * them: host functions of the host runtime ({@code tricolor.bswap16/32/64}) and the big-endian
 * readings of a memory view.
 *
 * <p>What asc does with DataView's big-endian accessors ({@code getUint32(offset, false)} ...):
 * it calls the polyfill {@code bswap<T>}, an ordinary AssemblyScript function compiled into the
 * module ({@code ~lib/polyfills/bswap<u32>} in a --debug build, inlined into shifts, rotates and
 * masks by -O3). Nothing is imported, so compiled programs never call these host functions; they
 * are there for runtime files and hand-written modules that want the swap from the host, and
 * for the debugger, which shows memory big-endian with them.
 */
public final class ByteSwap {
  private ByteSwap() {}

  /** {@code bswap<u16>}: the low 16 bits swapped, zero-extended (upper bits ignored). */
  public static int bswap16(int value) {
    return ((value & 0xff) << 8) | ((value >>> 8) & 0xff);
  }

  /** {@code bswap<u32>}. */
  public static int bswap32(int value) {
    return Integer.reverseBytes(value);
  }

  /** {@code bswap<u64>}. */
  public static long bswap64(long value) {
    return Long.reverseBytes(value);
  }

  /** The big-endian u16 at {@code address} of {@code memory} (unchecked as Memory.getI16). */
  public static int loadU16BigEndian(byte[] memory, int address) {
    return bswap16(Memory.getI16(memory, address));
  }

  /** The big-endian 32-bit word at {@code address}. */
  public static int loadI32BigEndian(byte[] memory, int address) {
    return bswap32(Memory.getI32(memory, address));
  }

  /** The big-endian 64-bit word at {@code address}. */
  public static long loadI64BigEndian(byte[] memory, int address) {
    return bswap64(Memory.getI64(memory, address));
  }
}
