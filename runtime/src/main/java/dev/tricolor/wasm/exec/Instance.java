package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.memory.Memory;
import java.util.Arrays;
import java.util.Map;
import dev.tricolor.wasm.model.WasmModule;

/**
 * A module instance: its functions, globals, tables, memory and segments, as the interpreter runs
 * them. Imported globals, tables and memories are the exporter's own objects, so writes are seen
 * on both sides.
 */
public final class Instance {
  private static final Memory NO_MEMORY = new Memory(0, 0);

  final Store store;
  /** Every function by index, imports first. */
  WasmFunction[] functions;
  /** The same index space, with null for imports: what {@code call} reaches directly. */
  GuestFunction[] guests;
  GlobalCell[] globals;
  Table[] tables;
  Memory memory;
  Memory memoryOrEmpty = NO_MEMORY;
  /** Store type id of each type index, for call_indirect. */
  int[] typeIds;
  /** Passive data segments' bytes; an empty array once dropped (active ones start dropped). */
  byte[][] data;
  /** Element segments' refs; an empty array once dropped. */
  long[][] elements;
  Map<String, Object> exports = Map.of();
  /** The module it was made from, for names and code offsets. */
  WasmModule module;

  Instance(Store store) {
    this.store = store;
  }

  /**
   * Instantiates a validated module in {@code store}: resolves imports (failing with a
   * {@link LinkException} that names a missing or mismatched one), initializes tables, memory
   * and globals, applies active segments and runs the start function (whose trap propagates).
   */
  public static Instance instantiate(Store store, WasmModule module, Imports imports) {
    return new Instantiator(store, module, imports).run();
  }

  /** The module this instance was made from (null for hand-built test instances). */
  public WasmModule module() {
    return module;
  }

  public Store store() {
    return store;
  }

  /** The memory, or null when the module has none. */
  public Memory memory() {
    return memory;
  }

  void setMemory(Memory m) {
    memory = m;
    memoryOrEmpty = m == null ? NO_MEMORY : m;
  }

  public int functionCount() {
    return functions.length;
  }

  public WasmFunction function(int index) {
    return functions[index];
  }

  /** The function whose body contains module byte offset {@code offset}, or null. */
  public GuestFunction functionAtOffset(int offset) {
    for (GuestFunction g : guests) {
      if (g != null && offset >= g.compiled.startOffset && offset <= g.compiled.endOffset) {
        return g;
      }
    }
    return null;
  }

  public int globalCount() {
    return globals.length;
  }

  public GlobalCell global(int index) {
    return globals[index];
  }

  public int tableCount() {
    return tables.length;
  }

  public Table table(int index) {
    return tables[index];
  }

  /** An export by name: a WasmFunction, GlobalCell, Table or Memory; null if none. */
  public Object export(String name) {
    return exports.get(name);
  }

  public Map<String, Object> exports() {
    return exports;
  }

  /** The exported function {@code name}; throws naming it when there is none. */
  public WasmFunction exportedFunction(String name) {
    if (exports.get(name) instanceof WasmFunction f) {
      return f;
    }
    throw new IllegalArgumentException("no exported function '" + name + "'");
  }

  /** Calls exported function {@code name} with raw-bit arguments (see {@link Values}). */
  public long[] call(String name, long... args) {
    return store.interpreter().invoke(exportedFunction(name), args);
  }

  // ---- operations of the interpreter's cold path ----

  int growMemory(long deltaPages) {
    return memory == null ? -1 : memory.grow(deltaPages);
  }

  void memoryInit(int segment, long dst, long src, long n) {
    byte[] d = data[segment];
    long s = src & 0xFFFF_FFFFL;
    long len = n & 0xFFFF_FFFFL;
    long to = dst & 0xFFFF_FFFFL;
    if (s + len > d.length) {
      throw Trap.outOfBoundsMemory(s + len, 0, d.length);
    }
    Memory m = memoryOrEmpty;
    m.check(to, len);
    System.arraycopy(d, (int) s, m.bytes(), (int) to, (int) len);
  }

  void dataDrop(int segment) {
    data[segment] = new byte[0];
  }

  static void memoryCopy(Memory m, long dst, long src, long n) {
    m.copy(dst & 0xFFFF_FFFFL, src & 0xFFFF_FFFFL, n & 0xFFFF_FFFFL);
  }

  static void memoryFill(Memory m, long dst, long value, long n) {
    m.fill(dst & 0xFFFF_FFFFL, (byte) value, n & 0xFFFF_FFFFL);
  }

  void tableInit(int segment, int table, long dst, long src, long n) {
    long[] e = elements[segment];
    Table t = tables[table];
    long s = src & 0xFFFF_FFFFL;
    long d = dst & 0xFFFF_FFFFL;
    long len = n & 0xFFFF_FFFFL;
    if (s + len > e.length || d + len > t.elements.length) {
      throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    }
    System.arraycopy(e, (int) s, t.elements, (int) d, (int) len);
  }

  void elemDrop(int segment) {
    elements[segment] = new long[0];
  }

  void tableCopy(int dstTable, int srcTable, long dst, long src, long n) {
    Table dt = tables[dstTable];
    Table st = tables[srcTable];
    long s = src & 0xFFFF_FFFFL;
    long d = dst & 0xFFFF_FFFFL;
    long len = n & 0xFFFF_FFFFL;
    if (s + len > st.elements.length || d + len > dt.elements.length) {
      throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    }
    System.arraycopy(st.elements, (int) s, dt.elements, (int) d, (int) len);
  }

  static void tableFill(Table t, long index, long ref, long n) {
    long i = index & 0xFFFF_FFFFL;
    long len = n & 0xFFFF_FFFFL;
    if (i + len > t.elements.length) {
      throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    }
    Arrays.fill(t.elements, (int) i, (int) (i + len), ref);
  }
}
