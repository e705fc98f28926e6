package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.model.ValType;
/**
 * One frame of a suspended program, as a debugger sees it: valid while the program thread is
 * stopped in a hook (the values live on the interpreter's stack and change once it runs on).
 *
 * <p>A guest frame has locals (parameters first) at {@code fp} and operands up to {@code top}. A
 * host frame stands for a host function that called back into the guest; it has no locals.
 */
public final class Frame {
  private final Interpreter interpreter;
  private final WasmFunction function;
  private final int pc;
  private final int fp;
  private final int top;
  private final boolean innermost;
  /** In the innermost frame of a trap, the offset of the instruction that trapped, else -1. */
  int faultOffset = -1;

  Frame(Interpreter interpreter, WasmFunction function, int pc, int fp, int top, boolean innermost) {
    this.interpreter = interpreter;
    this.function = function;
    this.pc = pc;
    this.fp = fp;
    this.top = top;
    this.innermost = innermost;
  }

  public WasmFunction function() {
    return function;
  }

  public boolean isHost() {
    return function instanceof HostFunctionInstance;
  }

  /** The guest function, or null for a host frame. */
  public GuestFunction guest() {
    return function instanceof GuestFunction g ? g : null;
  }

  /** Function index in its instance, or -1 for a host frame. */
  public int functionIndex() {
    return function instanceof GuestFunction g ? g.index : -1;
  }

  public Instance instance() {
    return function instanceof GuestFunction g ? g.instance : null;
  }

  /**
   * Internal pc: of the next instruction to run in the innermost frame, just after the call
   * instruction in a caller's frame.
   */
  public int pc() {
    return pc;
  }

  /**
   * Byte offset in the module file of the instruction this frame is at: the next to run in the
   * innermost frame (the one that trapped, at a trap), the pending call in the others; -1 for a
   * host frame.
   */
  public int codeOffset() {
    if (!(function instanceof GuestFunction g)) {
      return -1;
    }
    if (faultOffset >= 0) {
      return faultOffset;
    }
    return g.compiled.offsetOf(innermost ? pc : Math.max(0, pc - 1));
  }

  public boolean isInnermost() {
    return innermost;
  }

  public int localCount() {
    return function instanceof GuestFunction g ? g.compiled.numLocals : 0;
  }

  /** Type of local {@code i}. */
  public ValType localType(int i) {
    return ValType.fromCode(((GuestFunction) function).compiled.localTypes[checkLocal(i)]);
  }

  /** Raw bits of local {@code i}. */
  public long local(int i) {
    return interpreter.stack[fp + checkLocal(i)];
  }

  public void setLocal(int i, long bits) {
    interpreter.stack[fp + checkLocal(i)] = bits;
  }

  /** The operand stack above the locals, bottom first, as raw bits. */
  public long[] operands() {
    int from = fp + localCount();
    if (top <= from) {
      return new long[0];
    }
    long[] v = new long[top - from];
    System.arraycopy(interpreter.stack, from, v, 0, v.length);
    return v;
  }

  private int checkLocal(int i) {
    if (i < 0 || i >= localCount()) {
      throw new IndexOutOfBoundsException("no local " + i + " in a frame of " + localCount());
    }
    return i;
  }

  @Override
  public String toString() {
    return isHost() ? function.toString()
        : "func " + functionIndex() + " @0x" + Integer.toHexString(codeOffset());
  }
}
