package dev.tricolor.wasm.host;

import dev.tricolor.wasm.memory.Memory;

/**
 * Reads AssemblyScript strings from linear memory, for host functions that receive them.
 *
 * <pre>
 * // ptr - 20                    ptr - 4      ptr
 * //  ┌─────────────── header ───┬──────────┬──────────────────────────────┐
 * //  │ mmInfo gcInfo gcInfo2 rtId│ rtSize   │ UTF-16LE code units ...      │
 * //  └──────────────────────────┴──────────┴──────────────────────────────┘
 * //                               byte length of the text (2 per code unit)
 * </pre>
 */
public final class AscStrings {
  /** Longest text decoded, in code units; longer strings are cut with a note. */
  public static final int MAX_UNITS = 1 << 20;

  private AscStrings() {}

  /**
   * The string at payload address {@code ptr}; null for a null pointer. A pointer or length
   * that does not fit the memory gives a bracketed note instead of failing: the guest's bad data
   * must not take the host down.
   */
  public static String read(Memory memory, int ptr) {
    if (ptr == 0) {
      return null;
    }
    long p = Integer.toUnsignedLong(ptr);
    if (memory == null || p < 4 || !memory.inBounds(p - 4, 4)) {
      return "<string pointer 0x" + Long.toHexString(p) + " outside memory>";
    }
    long bytes = memory.loadU32(p - 4);
    long units = bytes / 2;
    boolean cut = units > MAX_UNITS;
    units = Math.min(units, MAX_UNITS);
    if (!memory.inBounds(p, units * 2)) {
      return "<string at 0x" + Long.toHexString(p) + " of " + bytes + " bytes runs past memory>";
    }
    char[] chars = new char[(int) units];
    byte[] m = memory.bytes();
    for (int i = 0; i < units; i++) {
      int at = (int) p + 2 * i;
      chars[i] = (char) ((m[at] & 0xFF) | (m[at + 1] & 0xFF) << 8);
    }
    String s = new String(chars);
    return cut ? s + "<... " + (bytes / 2 - units) + " more code units>" : s;
  }
}
