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
