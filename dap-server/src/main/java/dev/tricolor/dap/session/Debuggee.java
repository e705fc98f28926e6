package dev.tricolor.dap.session;

import dev.tricolor.dap.expr.EvalContext;
import dev.tricolor.dap.expr.Value;
import dev.tricolor.dap.sourcemap.SourceMap;
import java.util.List;
import java.util.Optional;

/**
 * A loaded program as the session drives it. The engine side implements it (phase 2: over
 * {@code dev.tricolor.wasm.exec} and {@code dev.tricolor.wasm.debug}).
 *
 * <p>Threading: {@link #run} is called on the session's program thread; {@link #requestPause}
 * and {@link #requestTerminate} from any thread while it runs, and must take effect promptly
 * (at the next instruction), even in an endless guest loop.
 */
public interface Debuggee {
  /**
   * Runs the program on the calling thread (the session's program thread) to its end: the start
   * function, then the invoked export. At each stop it calls {@code stops} on the same thread,
   * which blocks until the user goes on and says how ({@link Resume#TERMINATE} to end). With
   * {@code stopOnEntry} the first stop is reason {@code entry}, before the first instruction.
   *
   * @return how the program ended: exit code 0 normal end (or terminated on request), 2 trap or
   *     abort; the program's own output went to the factory's {@code ProgramOutput}
   */
  RunOutcome.Ended run(StopHandler stops);

  /** Asks a running program to stop with reason {@code pause}. */
  void requestPause();

  /** Asks a running or stopped program to end: {@link #run} returns promptly. */
  void requestTerminate();

  /** The program's source map, if it has one (found by the contract's rules at load). */
  Optional<SourceMap> sourceMap();

  /**
   * Installs a code breakpoint; from any thread, before or while the program runs. The program
   * then stops with the returned id in {@link RunOutcome.Stopped#breakpointIds()}.
   *
   * @throws RequestException naming the problem: no code at that offset, no such function
   */
  Installed addBreakpoint(BreakTarget target);

  /** Removes a breakpoint {@link #addBreakpoint} installed; unknown ids are ignored. */
  void removeBreakpoint(int id);

  /**
   * Stops after each guest instruction that writes into {@code [address, address + length)},
   * with the returned id in {@link RunOutcome.Stopped#breakpointIds()}; any thread.
   *
   * @throws RequestException when the range is empty or the program has no memory
   */
  int addWatch(long address, long length);

  /**
   * Which of the runtime event filters ({@code alloc}, {@code free}, {@code collect}) to stop on;
   * any thread. The program then stops with reason = the filter id and an {@link
   * RunOutcome.ExceptionStop} carrying the condition names' values.
   */
  void setRuntimeEvents(java.util.Set<ExceptionFilter> filters);

  /**
   * Why filter {@code f} can never stop in this program, if it cannot: the runtime functions its
   * events come from are not there (an -O3 build keeps no names to find them by).
   */
  default java.util.Optional<String> unavailable(ExceptionFilter f) {
    return java.util.Optional.empty();
  }

  /** Where a code breakpoint goes. */
  sealed interface BreakTarget {
    /** Before the instruction at a byte offset of the module file (a line's entry, or as given). */
    record Offset(long offset) implements BreakTarget {}

    /** Before the first instruction of a function named as in the name section or its last part. */
    record FunctionEntry(String name) implements BreakTarget {}
  }

  /**
   * An installed breakpoint.
   *
   * @param id what stops report
   * @param codeOffset where it is (an offset of an instruction that does not run moves to the next)
   * @param function the function it is in, named
   */
  record Installed(int id, long codeOffset, String function) {}

  /** Where the program thread parks at a stop. */
  @FunctionalInterface
  interface StopHandler {
    /**
     * The program stopped; {@code view} is valid until this returns. Blocks while the user looks
     * around, then returns how to go on.
     */
    Resume stopped(RunOutcome.Stopped stop, ProgramView view);
  }

  /** What a stopped program shows. */
  interface ProgramView {
    /** The guest call stack, innermost frame first. */
    List<Frame> frames();

    /** Locals of frame {@code frameIndex} (0 = innermost), parameters first, named. */
    List<Value.Named> locals(int frameIndex);

    /** The module's globals, named. */
    List<Value.Named> globals();

    /** What expressions evaluated in frame {@code frameIndex} can see. */
    EvalContext evalContext(int frameIndex);

    /**
     * Sets local {@code name} of frame {@code frameIndex}; returns the value stored (converted to
     * the local's type).
     *
     * @throws RequestException when there is no such local or the value does not fit its type
     */
    Value setLocal(int frameIndex, String name, Value value);

    /** Sets a global; as {@link #setLocal}, and refused for an immutable global. */
    Value setGlobal(String name, Value value);

    /** Linear memory's size in bytes (0 without memory). */
    long memorySize();

    /** Up to {@code count} bytes from {@code address}, fewer at the end of memory. */
    byte[] readMemory(long address, int count);

    /** Writes {@code data} at {@code address}; returns how many bytes fit in memory. */
    int writeMemory(long address, byte[] data);

    /**
     * The AssemblyScript heap as it is at this stop, read once per stop.
     *
     * @throws RequestException saying why when there is no heap to read (no memory, no runtime)
     */
    dev.tricolor.heap.read.HeapSnapshot heap();

    /**
     * Runs a full garbage collection now, with the program's own collector, as if the program
     * called {@code __collect} where it stopped; what the stopped frames hold stays alive. The
     * next {@link #heap()} reads the heap anew.
     *
     * @return how many values of the stopped frames were kept alive as roots
     * @throws RequestException saying why it cannot: stopped on a trap, no collector, no heap
     */
    int collectGarbage();

    /** Instructions around {@code address}: see {@link Instruction}. */
    List<Instruction> disassemble(long address, int instructionOffset, int count);
  }

  /**
   * One instruction of the module's code, for {@code disassemble}.
   *
   * @param address byte offset in the module file; -1 for a filler past either end of the code
   * @param bytes its encoding, hex
   * @param text the instruction in the text format ({@code i32.add}, {@code local.get 2})
   * @param function the function it belongs to, named
   */
  record Instruction(long address, String bytes, String text, String function) {}

  /**
   * A guest frame.
   *
   * @param functionIndex index in the module's function index space
   * @param functionName from the name section ({@code programs/list/build}), else {@code $func12}
   * @param codeOffset byte offset in the module file of the frame's current instruction
   * @param functionStart byte offset of the function's first instruction (0 when unknown)
   */
  record Frame(int functionIndex, String functionName, long codeOffset, long functionStart) {}
}
