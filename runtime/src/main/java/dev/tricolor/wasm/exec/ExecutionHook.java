package dev.tricolor.wasm.exec;

/**
 * What the interpreter calls when a debugger is attached. All calls come on the program thread
 * with the interpreter's state published ({@link Interpreter#frames()} is valid); a hook may block
 * there, inspect and write the state, and switch functions between their patched and stepping
 * code. To end the run it throws {@link Terminated}.
 */
public interface ExecutionHook {
  /** A BREAK instruction is about to run the instruction it replaced at the current pc. */
  void onBreak(Interpreter interpreter);

  /** {@link Interpreter#requestInterrupt} was seen at a loop back-edge or a call. */
  void onInterrupt(Interpreter interpreter);

  /** A trap is about to unwind the stack; every frame of the trapping state is still there. */
  void onTrap(Interpreter interpreter, Trap trap);
}
