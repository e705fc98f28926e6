package dev.tricolor.wasm.debug;

import dev.tricolor.wasm.exec.GuestFunction;

/**
 * An installed breakpoint, function-entry or function-exit probe. Several clients may put probes
 * on the same instruction; each gets its own callback. {@link #remove()} takes it away (the
 * instruction is unpatched when no probe is left on it).
 */
public final class Probe {
  /** What a probe waits for. */
  public enum Kind {
    INSTRUCTION,
    ENTRY,
    EXIT
  }

  private final Debugger debugger;
  private final Kind kind;
  private final GuestFunction function;
  private final int[] pcs;
  private final int codeOffset;
  final StopListener listener;
  private volatile boolean removed;

  Probe(Debugger debugger, Kind kind, GuestFunction function, int[] pcs, int codeOffset,
      StopListener listener) {
    this.debugger = debugger;
    this.kind = kind;
    this.function = function;
    this.pcs = pcs;
    this.codeOffset = codeOffset;
    this.listener = listener;
  }

  public Kind kind() {
    return kind;
  }

  public GuestFunction function() {
    return function;
  }

  /**
   * Byte offset in the module file of the instruction the probe is on (an instruction breakpoint
   * moves to the next instruction that runs when given the offset of a block, loop or end); for
   * an entry probe, the function's first instruction; for an exit probe, its final end.
   */
  public int codeOffset() {
    return codeOffset;
  }

  int[] pcs() {
    return pcs;
  }

  public boolean removed() {
    return removed;
  }

  public void remove() {
    if (!removed) {
      removed = true;
      debugger.remove(this);
    }
  }

  @Override
  public String toString() {
    return kind + " probe on " + function + " @0x" + Integer.toHexString(codeOffset);
  }
}
