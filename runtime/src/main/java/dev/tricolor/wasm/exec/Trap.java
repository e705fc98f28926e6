package dev.tricolor.wasm.exec;

/**
 * A WebAssembly trap: execution cannot go on. One type for every kind, so a debugger can stop on
 * any of them and read what happened from {@link #kind()} and the details, never from the text.
 *
 * <p>For out-of-bounds memory accesses the faulting effective address, the access size and the
 * memory size at the time are kept, so the user sees "out of bounds memory access: 4 bytes at
 * 0x10000 (memory is 65536 bytes)" rather than a bare kind.
 */
public class Trap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final TrapKind kind;
  private final long address;
  private final int accessSize;
  private final long memorySize;
  /** Set once a debugger hook has seen this trap, so nested runs report it only once. */
  transient boolean intercepted;

  public Trap(TrapKind kind) {
    this(kind, kind.specText());
  }

  public Trap(TrapKind kind, String message) {
    this(kind, message, -1, 0, -1, null);
  }

  public Trap(TrapKind kind, String message, Throwable cause) {
    this(kind, message, -1, 0, -1, cause);
  }

  private Trap(
      TrapKind kind, String message, long address, int accessSize, long memorySize, Throwable cause) {
    // Traps are control flow for the guest; a Java stack trace of the interpreter says nothing.
    super(message, cause, false, false);
    this.kind = kind;
    this.address = address;
    this.accessSize = accessSize;
    this.memorySize = memorySize;
  }

  /**
   * An access of {@code accessSize} bytes at effective address {@code address} (the unsigned sum
   * of the base operand and the static offset, so it may exceed 2^32) past the end of a memory of
   * {@code memorySize} bytes.
   */
  public static Trap outOfBoundsMemory(long address, int accessSize, long memorySize) {
    String msg =
        String.format(
            "%s: %d byte%s at 0x%x (memory is %d bytes)",
            TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS.specText(),
            accessSize,
            accessSize == 1 ? "" : "s",
            address,
            memorySize);
    return new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, msg, address, accessSize, memorySize, null);
  }

  public TrapKind kind() {
    return kind;
  }

  /** Faulting effective address of an out-of-bounds memory access, else -1. */
  public long address() {
    return address;
  }

  /** Bytes the faulting access touched, else 0. */
  public int accessSize() {
    return accessSize;
  }

  /** Memory size in bytes when an out-of-bounds access faulted, else -1. */
  public long memorySize() {
    return memorySize;
  }
}
