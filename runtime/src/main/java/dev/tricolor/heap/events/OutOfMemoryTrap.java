package dev.tricolor.heap.events;

import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.TrapKind;

/**
 * The host runtime's TLSF gave up: {@code memory.grow} was refused where AssemblyScript's own
 * {@code growMemory} executes {@code unreachable}. To the program it is that same trap (kind
 * {@link TrapKind#UNREACHABLE}, the spec's words); to a debugger it carries what the guest-mode
 * reading finds on the stack, so {@link TrapEvents#classify} reads both modes alike.
 */
public final class OutOfMemoryTrap extends Trap {
  private static final long serialVersionUID = 1L;

  private final long requested;
  private final long memorySize;
  private final int limitPages;

  /**
   * @param requested the size the program asked {@code __new} (else {@code __alloc}) for, -1
   *     when neither was asked (a {@code __realloc})
   * @param memorySize bytes of linear memory when growth was refused
   * @param limitPages pages memory may not grow past
   */
  public OutOfMemoryTrap(long requested, long memorySize, int limitPages) {
    super(TrapKind.UNREACHABLE);
    this.requested = requested;
    this.memorySize = memorySize;
    this.limitPages = limitPages;
  }

  public long requested() {
    return requested;
  }

  public long memorySize() {
    return memorySize;
  }

  public int limitPages() {
    return limitPages;
  }

  /** The event this trap stands for. */
  public RuntimeEvent.OutOfMemory event() {
    return new RuntimeEvent.OutOfMemory(requested, memorySize, limitPages, null, this);
  }
}
