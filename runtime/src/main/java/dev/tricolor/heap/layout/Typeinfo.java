package dev.tricolor.heap.layout;

/**
 * Runtime type information as AssemblyScript 0.28 lays it out at {@code __rtti_base}
 * ({@code std/assembly/shared/typeinfo.ts}): a count, then one flags word per runtime class id.
 * Ids 0, 1 and 2 are always Object, ArrayBuffer and String.
 */
public final class Typeinfo {
  private Typeinfo() {}

  // ╒═══════════════════ Typeinfo interpretation ═══════════════════╕
  //    3                   2                   1
  //  1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0  bits
  // ├─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┴─┤ ◄─ __rtti_base
  // │                             count                             │
  // ╞═══════════════════════════════════════════════════════════════╡ ┐
  // │                      Typeinfo#flags [id=0]                    │ id < count
  // ├───────────────────────────────────────────────────────────────┤   at __rtti_base + 4 + 4 × id
  // │                              ...                              │

  /** Offset of flags[0] from {@code __rtti_base}. */
  public static final int FLAGS_OFFSET = 4;

  public static final int ID_OBJECT = 0;
  public static final int ID_ARRAYBUFFER = 1;
  public static final int ID_STRING = 2;

  // TypeinfoFlags, by upstream name.
  public static final int NONE = 0;
  public static final int ARRAYBUFFERVIEW = 1 << 0;
  public static final int ARRAY = 1 << 1;
  public static final int STATICARRAY = 1 << 2;
  public static final int SET = 1 << 3;
  public static final int MAP = 1 << 4;
  public static final int POINTERFREE = 1 << 5;
  public static final int VALUE_ALIGN_0 = 1 << 6;
  public static final int VALUE_ALIGN_1 = 1 << 7;
  public static final int VALUE_ALIGN_2 = 1 << 8;
  public static final int VALUE_ALIGN_3 = 1 << 9;
  public static final int VALUE_ALIGN_4 = 1 << 10;
  public static final int VALUE_SIGNED = 1 << 11;
  public static final int VALUE_FLOAT = 1 << 12;
  public static final int VALUE_NULLABLE = 1 << 13;
  public static final int VALUE_MANAGED = 1 << 14;
  public static final int KEY_ALIGN_0 = 1 << 15;
  public static final int KEY_ALIGN_1 = 1 << 16;
  public static final int KEY_ALIGN_2 = 1 << 17;
  public static final int KEY_ALIGN_3 = 1 << 18;
  public static final int KEY_ALIGN_4 = 1 << 19;
  public static final int KEY_SIGNED = 1 << 20;
  public static final int KEY_FLOAT = 1 << 21;
  public static final int KEY_NULLABLE = 1 << 22;
  public static final int KEY_MANAGED = 1 << 23;

  /** Shift that moves the KEY_* flags onto the VALUE_* ones. */
  public static final int KEY_TO_VALUE_SHIFT = 9;

  /** Address of the flags word of {@code id}. */
  public static int flagsAddress(int rttiBase, int id) {
    return rttiBase + FLAGS_OFFSET + (id << 2);
  }

  /** log2 of the value size from the VALUE_ALIGN_* bits, or -1 when none is set. */
  public static int valueAlignLog2(int flags) {
    int bits = (flags >>> 6) & 0x1f;
    return bits == 0 ? -1 : Integer.numberOfTrailingZeros(bits);
  }

  /** log2 of the key size from the KEY_ALIGN_* bits, or -1 when none is set. */
  public static int keyAlignLog2(int flags) {
    return valueAlignLog2(flags >>> KEY_TO_VALUE_SHIFT);
  }

  /** The flags of the value type, in the VALUE_* positions. */
  public static int valueFlags(int flags) {
    return flags & (VALUE_ALIGN_0 | VALUE_ALIGN_1 | VALUE_ALIGN_2 | VALUE_ALIGN_3 | VALUE_ALIGN_4
        | VALUE_SIGNED | VALUE_FLOAT | VALUE_NULLABLE | VALUE_MANAGED);
  }

  /** The flags of the key type, moved to the VALUE_* positions. */
  public static int keyFlags(int flags) {
    return valueFlags(flags >>> KEY_TO_VALUE_SHIFT);
  }
}
