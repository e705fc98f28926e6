package dev.tricolor.heap.read;

import dev.tricolor.wasm.memory.Memory;

/**
 * Reads an AssemblyScript 0.28 heap (TLSF + ITCMS, as compiled into the guest) into a
 * {@link HeapSnapshot}: the TLSF root, every block, every free list and every GC space. Works
 * from linear memory and the runtime's globals only, so a live instance and a memory dump read
 * the same. Never throws on guest data and always ends: corrupt structures end a walk early and
 * say where (the checker turns that into findings).
 */
public final class HeapReader {
  private HeapReader() {}

  /** Reads the heap in {@code memory} as it is now. */
  public static HeapSnapshot read(Memory memory, RuntimeGlobals globals, RuntimeTypes types) {
    return read(memory.bytes(), globals, types);
  }

  /** Reads the heap in {@code bytes} (a memory's contents or a dump). */
  public static HeapSnapshot read(byte[] bytes, RuntimeGlobals globals, RuntimeTypes types) {
    int rootAddress = RuntimeGlobals.address(globals.root());
    TlsfRoot root = rootAddress > 0 ? TlsfRoot.read(bytes, rootAddress) : null;
    Blocks blocks = root != null ? Blocks.walk(bytes, root) : Blocks.none();
    FreeLists freeLists = root != null ? FreeLists.walk(bytes, root, blocks) : FreeLists.none();
    GcSpaces spaces = GcSpaces.walk(bytes, globals, blocks);
    return new HeapSnapshot(bytes, globals, types, root, blocks, freeLists, spaces);
  }
}
