package dev.tricolor.wasm.debug;

import dev.tricolor.wasm.exec.Trap;

/** Why the program stopped. The program is always before an instruction, except for a trap. */
public sealed interface Stop {
  /** An instruction breakpoint. */
  record BreakpointHit(Probe probe) implements Stop {}

  /** A function-entry probe: before the function's first instruction, arguments in the locals. */
  record FunctionEntered(Probe probe) implements Stop {}

  /**
   * A function-exit probe: before the function returns, its results on top of the operand stack
   * (also given here, raw bits, first result first).
   */
  record FunctionExiting(Probe probe, long[] results) implements Stop {}

  /** A step (in, over or out) or a "stop before the next instruction" request completed. */
  record Stepped(Resume how) implements Stop {}

  /** A pause requested from another thread. */
  record Paused() implements Stop {}

  /** An instruction wrote into a watched range; the program is after that instruction. */
  record DataWritten(Watchpoint watchpoint, long address, long length) implements Stop {}

  /** A trap, before unwinding: every frame of the trapping state is still there. */
  record Trapped(Trap trap) implements Stop {}
}
