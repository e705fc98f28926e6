package dev.tricolor.heap.read;

import java.util.Map;

/**
 * The values of the AssemblyScript runtime's globals at one moment: what the readers need besides
 * linear memory. Taken from a live instance (through the module's symbols) or from a dump's JSON,
 * so the readers work the same on both.
 *
 * <p>Every value is the global's u32 value as a non-negative long, or {@link #UNKNOWN} (-1) when
 * the module does not reveal the global (an -O3 build without names). The lazily initialized
 * runtime globals are 0 until the first allocation: {@code root} 0 means TLSF is not initialized,
 * {@code fromSpace} 0 means ITCMS is not.
 */
public record RuntimeGlobals(
    long root,
    long state,
    long white,
    long total,
    long threshold,
    long fromSpace,
    long toSpace,
    long pinSpace,
    long iter,
    long heapBase,
    long dataEnd,
    long stackPointer,
    long rttiBase) {

  public static final long UNKNOWN = -1;

  // The globals' names in an asc 0.28 --debug build's name section.
  public static final String ROOT = "~lib/rt/tlsf/ROOT";
  public static final String STATE = "~lib/rt/itcms/state";
  public static final String WHITE = "~lib/rt/itcms/white";
  public static final String TOTAL = "~lib/rt/itcms/total";
  public static final String THRESHOLD = "~lib/rt/itcms/threshold";
  public static final String FROM_SPACE = "~lib/rt/itcms/fromSpace";
  public static final String TO_SPACE = "~lib/rt/itcms/toSpace";
  public static final String PIN_SPACE = "~lib/rt/itcms/pinSpace";
  public static final String ITER = "~lib/rt/itcms/iter";
  public static final String HEAP_BASE = "~lib/memory/__heap_base";
  public static final String DATA_END = "~lib/memory/__data_end";
  public static final String STACK_POINTER = "~lib/memory/__stack_pointer";
  public static final String RTTI_BASE = "~lib/rt/__rtti_base";

  /** Every name above, in record component order. */
  public static final java.util.List<String> NAMES =
      java.util.List.of(
          ROOT, STATE, WHITE, TOTAL, THRESHOLD, FROM_SPACE, TO_SPACE, PIN_SPACE, ITER, HEAP_BASE,
          DATA_END, STACK_POINTER, RTTI_BASE);

  /**
   * The globals from a map of full names (as above) to values; a value is taken as u32 (so an
   * i32 -1 becomes 0xffffffff), a missing name is {@link #UNKNOWN}.
   */
  public static RuntimeGlobals fromNamed(Map<String, ? extends Number> values) {
    long[] v = new long[NAMES.size()];
    for (int i = 0; i < v.length; i++) {
      Number n = values.get(NAMES.get(i));
      v[i] = n == null ? UNKNOWN : n.longValue() & 0xffffffffL;
    }
    return new RuntimeGlobals(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
        v[11], v[12]);
  }

  /** Whether a value is known. */
  public static boolean known(long value) {
    return value != UNKNOWN;
  }

  /** A known value as the int address the readers use; UNKNOWN and values past 2^31 give -1. */
  static int address(long value) {
    return value < 0 || value > Integer.MAX_VALUE ? -1 : (int) value;
  }
}
