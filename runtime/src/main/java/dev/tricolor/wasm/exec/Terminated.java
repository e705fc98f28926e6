package dev.tricolor.wasm.exec;

/** The run was ended on request (a debugger's terminate): not a trap, nothing went wrong. */
public final class Terminated extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Terminated() {
    super("terminated on request", null, false, false);
  }
}
