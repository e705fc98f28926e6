package dev.tricolor.dap.variables;

/**
 * Bytes of linear memory a row stands for (a header word, a field, an array element): what a data
 * breakpoint on that row watches.
 *
 * @param address the first byte
 * @param length how many bytes, at least 1
 */
public record MemoryRange(long address, int length) {
  public MemoryRange {
    if (address < 0 || length < 1) {
      throw new IllegalArgumentException(length + " bytes at " + address);
    }
  }
}
