package dev.tricolor.heap.read;

import static dev.tricolor.heap.layout.Tlsf.FL_BITS;
import static dev.tricolor.heap.layout.Tlsf.SL_BITS;
import static dev.tricolor.heap.layout.Tlsf.SL_SIZE;

import dev.tricolor.heap.layout.Tlsf;
import dev.tricolor.wasm.memory.Memory;

/**
 * The TLSF root structure as read from memory (layout in {@link Tlsf}): the first-level map, the
 * 23 second-level maps, the 23 × 16 free-list heads and the tail block.
 */
public final class TlsfRoot {
  private final int address;
  private final int flMap;
  private final int[] slMap;
  private final int[] heads;
  private final int tail;

  private TlsfRoot(int address, int flMap, int[] slMap, int[] heads, int tail) {
    this.address = address;
    this.flMap = flMap;
    this.slMap = slMap;
    this.heads = heads;
    this.tail = tail;
  }

  /** The root at {@code address}, or null when it does not lie inside {@code bytes}. */
  static TlsfRoot read(byte[] bytes, int address) {
    if (address <= 0 || address > bytes.length - Tlsf.ROOT_SIZE) {
      return null;
    }
    int[] slMap = new int[FL_BITS];
    for (int fl = 0; fl < FL_BITS; fl++) {
      slMap[fl] = Memory.getI32(bytes, Tlsf.slMapAddress(address, fl));
    }
    int[] heads = new int[FL_BITS * SL_SIZE];
    for (int i = 0; i < heads.length; i++) {
      heads[i] = Memory.getI32(bytes, address + Tlsf.HL_START + (i << 2));
    }
    int tail = Memory.getI32(bytes, Tlsf.tailAddress(address));
    return new TlsfRoot(address, Memory.getI32(bytes, address), slMap, heads, tail);
  }

  public int address() {
    return address;
  }

  /** The first-level bitmap: bit fl set when some list of first level fl is not empty. */
  public int flMap() {
    return flMap;
  }

  /** The second-level bitmap of first level {@code fl}: bit sl set when list (fl, sl) is not empty. */
  public int slMap(int fl) {
    return slMap[fl];
  }

  /** The head of free list (fl, sl): a block address, 0 when empty. */
  public int head(int fl, int sl) {
    return heads[(fl << SL_BITS) + sl];
  }

  /** The tail block: the zero-size used block that ends the managed memory. */
  public int tail() {
    return tail;
  }

  /** Where the first block after the root starts. */
  public int firstBlock() {
    return Tlsf.firstBlock(address);
  }
}
