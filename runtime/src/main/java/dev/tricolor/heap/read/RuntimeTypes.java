package dev.tricolor.heap.read;

import dev.tricolor.heap.layout.Typeinfo;
import dev.tricolor.wasm.memory.Memory;
import java.util.Arrays;
import java.util.Map;

/**
 * What the program says about its classes: the RTTI flags per runtime id (read from memory at
 * {@code __rtti_base}) and the class names per id (from the module's symbols, when known).
 */
public final class RuntimeTypes {
  /** Most ids a sane RTTI table has; a larger count is read as corrupt. */
  public static final int MAX_COUNT = 1 << 16;

  private static final String[] FIXED = {"Object", "ArrayBuffer", "String"};

  private final int[] flags;
  private final String[] names;
  private final boolean readable;

  private RuntimeTypes(int[] flags, String[] names, boolean readable) {
    this.flags = flags;
    this.names = names;
    this.readable = readable;
  }

  /**
   * Reads the RTTI table at {@code rttiBase} and attaches {@code names} (runtime id to class name,
   * as the user writes it). An unreadable or implausible table gives no flags ({@link #count()} 0,
   * {@link #readable()} false) rather than an exception.
   */
  public static RuntimeTypes read(Memory memory, long rttiBase, Map<Integer, String> names) {
    return read(memory.bytes(), rttiBase, names);
  }

  /** As {@link #read(Memory, long, Map)}, on a memory's bytes or a dump. */
  public static RuntimeTypes read(byte[] bytes, long rttiBase, Map<Integer, String> names) {
    int[] flags = new int[0];
    boolean readable = false;
    if (rttiBase >= 0 && rttiBase <= bytes.length - 4L) {
      int base = (int) rttiBase;
      int count = Memory.getI32(bytes, base);
      if (count >= 0 && count <= MAX_COUNT && base + 4L + 4L * count <= bytes.length) {
        flags = new int[count];
        for (int id = 0; id < count; id++) {
          flags[id] = Memory.getI32(bytes, Typeinfo.flagsAddress(base, id));
        }
        readable = true;
      }
    }
    int max = Math.max(flags.length, FIXED.length);
    for (Integer id : names.keySet()) {
      if (id != null && id >= 0 && id < MAX_COUNT) {
        max = Math.max(max, id + 1);
      }
    }
    String[] n = new String[max];
    System.arraycopy(FIXED, 0, n, 0, FIXED.length);
    names.forEach(
        (id, name) -> {
          if (id != null && id >= 0 && id < n.length && name != null) {
            n[id] = name;
          }
        });
    return new RuntimeTypes(flags, n, readable);
  }

  /** Whether the RTTI table could be read. */
  public boolean readable() {
    return readable;
  }

  /** Number of runtime ids in the RTTI table. */
  public int count() {
    return flags.length;
  }

  /** The RTTI flags of {@code id}, 0 for an id outside the table. */
  public int flags(int id) {
    return id >= 0 && id < flags.length ? flags[id] : 0;
  }

  /** Whether {@code id} has an RTTI entry. */
  public boolean isValid(int id) {
    return id >= 0 && id < flags.length;
  }

  /** The class name of {@code id}, or null when no symbol names it. */
  public String knownName(int id) {
    return id >= 0 && id < names.length ? names[id] : null;
  }

  /** The class name of {@code id}, or {@code "#id"} when no symbol names it. */
  public String name(int id) {
    String n = knownName(id);
    return n != null ? n : "#" + Integer.toUnsignedString(id);
  }

  @Override
  public String toString() {
    return "RuntimeTypes" + Arrays.toString(names);
  }
}
