package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.model.FuncType;
/** A function defined by a module instance, with its translated code. */
public final class GuestFunction extends WasmFunction {
  final Instance instance;
  final int index;
  final CompiledCode compiled;
  /** compiled.numResults, one load nearer for RETURN. */
  final int numResults;
  /** The code the interpreter runs: {@code compiled.patched}, or the stepping copy. */
  int[] active;

  GuestFunction(Store store, Instance instance, int index, FuncType type, CompiledCode code) {
    super(store, type);
    this.instance = instance;
    this.index = index;
    this.compiled = code;
    this.numResults = code.numResults;
    this.active = store.stepping() ? code.stepping() : code.patched;
  }

  public Instance instance() {
    return instance;
  }

  /** Index in the module's function index space (imports first). */
  public int index() {
    return index;
  }

  public CompiledCode code() {
    return compiled;
  }

  /**
   * Switches between the stepping code (BREAK before every instruction) and the patched code (BREAK
   * only where probes are). The running loop picks the change up at its next call, return or hook.
   */
  public void setStepping(boolean stepping) {
    active = stepping ? compiled.stepping() : compiled.patched;
  }

  /** Puts a BREAK at the instruction starting at internal {@code pc}, or takes it away. */
  public void setBreak(int pc, boolean on) {
    if (java.util.Arrays.binarySearch(compiled.instructionPcs, pc) < 0) {
      throw new IllegalArgumentException("no instruction starts at pc " + pc);
    }
    compiled.patched[pc] = on ? Op.BREAK : compiled.pristine[pc];
  }

  /** Internal pcs of every RETURN: where an exit probe goes. */
  public int[] returnPcs() {
    return java.util.Arrays.stream(compiled.instructionPcs)
        .filter(pc -> compiled.pristine[pc] == Opcodes.RETURN)
        .toArray();
  }

  /** The opcode ({@link Op}) of the instruction at {@code pc}, whatever is patched over it. */
  public int opcodeAt(int pc) {
    return compiled.pristine[pc];
  }

  /** Immediate {@code i} of the instruction at {@code pc}. */
  public int immediateAt(int pc, int i) {
    return compiled.pristine[pc + 1 + i];
  }

  @Override
  public String toString() {
    return "func " + index + " " + type;
  }
}
