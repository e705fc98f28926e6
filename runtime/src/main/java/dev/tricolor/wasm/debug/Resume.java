package dev.tricolor.wasm.debug;

/** How the program goes on after a stop: what a stop listener returns. */
public enum Resume {
  /** Run until the next probe, watchpoint, pause or trap. */
  CONTINUE,
  /** Stop before the next instruction that runs, in whatever frame. */
  STEP_IN,
  /** Stop before the next instruction in this frame or a caller (calls run through). */
  STEP_OVER,
  /** Stop before the next instruction in a caller of this frame. */
  STEP_OUT,
  /** End the run now: the invocation throws {@link dev.tricolor.wasm.exec.Terminated}. */
  TERMINATE
}
