package dev.tricolor.dap.session;

import java.util.List;
import java.util.Optional;

/**
 * A loaded program as the session drives it. The engine side implements it (phase 2: over
 * {@code dev.tricolor.wasm.exec} and {@code dev.tricolor.wasm.debug}).
 *
 * <p>Threading: {@link #run} and {@link #view} are called only on the session's program thread;
 * {@link #requestPause} and {@link #requestTerminate} from any thread, while {@link #run} is
 * executing, and must make it return promptly (at the next instruction), even in an infinite
 * guest loop.
 */
public interface Debuggee {
  /**
   * Runs guest code until a stop or the end. The first call starts the program (its start
   * function, then the invoked export); with {@code stopOnEntry} it returns {@code Stopped} with
   * reason {@code entry} before the first instruction. Later calls go on as {@code how} says.
   */
  RunOutcome run(Resume how);

  /** Asks a running program to stop with reason {@code pause}. */
  void requestPause();

  /** Asks a running or stopped program to end: the current or next {@link #run} returns Ended. */
  void requestTerminate();

  /** The module's {@code sourceMappingURL} custom section, if it has one. */
  Optional<String> sourceMappingUrl();

  /** The stopped program's state: valid until the next {@link #run}. */
  ProgramView view();

  /** What a stopped program shows. */
  interface ProgramView {
    /** The guest call stack, innermost frame first. */
    List<Frame> frames();

    /** Locals of frame {@code frameIndex} (0 = innermost), parameters first, named. */
    List<dev.tricolor.dap.expr.Value.Named> locals(int frameIndex);

    /** The module's globals, named. */
    List<dev.tricolor.dap.expr.Value.Named> globals();

    /** What expressions evaluated in frame {@code frameIndex} can see. */
    dev.tricolor.dap.expr.EvalContext evalContext(int frameIndex);
  }

  /**
   * A guest frame.
   *
   * @param functionIndex index in the module's function index space
   * @param functionName from the name section ({@code programs/list/build}), else {@code $func12}
   * @param codeOffset byte offset in the module file of the frame's current instruction
   */
  record Frame(int functionIndex, String functionName, long codeOffset) {}
}
