package dev.tricolor.wasm.debug;

import dev.tricolor.wasm.exec.Frame;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Interpreter;
import java.util.List;

/**
 * The suspended program, for inspection and changes while a stop listener runs: frames (with
 * locals and operands, writable), and through each frame's instance its globals, tables and
 * memory. Valid until the listener returns.
 */
public final class ProgramState {
  private final Interpreter interpreter;
  private List<Frame> frames;

  ProgramState(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  /**
   * The program as it stands inside a host function (the host call's caller innermost), for a
   * host function that reports a stop of its own, such as the host runtime's allocation events.
   * Valid until the host function returns.
   */
  public static ProgramState inHostCall(Interpreter interpreter) {
    return new ProgramState(interpreter);
  }

  /** The frames, innermost first. */
  public List<Frame> frames() {
    if (frames == null) {
      frames = interpreter.frames();
    }
    return frames;
  }

  /** The innermost frame. */
  public Frame top() {
    return frames().get(0);
  }

  /** The instance of the innermost guest frame. */
  public Instance instance() {
    for (Frame f : frames()) {
      if (f.instance() != null) {
        return f.instance();
      }
    }
    return null;
  }

  public Interpreter interpreter() {
    return interpreter;
  }
}
