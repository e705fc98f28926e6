package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.memory.Memory;

/**
 * What a {@link HostFunction} sees of its call: the arguments, the calling instance (its memory),
 * and the way back into the guest. One object per store, reused for every host call: read the
 * arguments before calling back into the guest, which reuses it.
 */
public final class Caller {
  private final Interpreter interpreter;
  int base;
  Instance instance;
  HostFunctionInstance function;
  final long[] extraResults = new long[16];

  Caller(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  /** Raw bits of argument {@code i}. */
  public long arg(int i) {
    return interpreter.stack[base + i];
  }

  public int argI32(int i) {
    return (int) arg(i);
  }

  public long argI64(int i) {
    return arg(i);
  }

  public float argF32(int i) {
    return Float.intBitsToFloat((int) arg(i));
  }

  public double argF64(int i) {
    return Double.longBitsToDouble(arg(i));
  }

  /** The instance whose code made the call (null when the embedder called the host function). */
  public Instance instance() {
    return instance;
  }

  /** The calling instance's memory, or null. */
  public Memory memory() {
    return instance == null ? null : instance.memory();
  }

  /** The function being called. */
  public HostFunctionInstance function() {
    return function;
  }

  /** Result {@code i >= 1} of a host function with several results (result 0 is returned). */
  public void setResult(int i, long bits) {
    extraResults[i] = bits;
  }

  /**
   * Calls a guest function from inside this host call (e.g. a host collector calling the guest's
   * {@code __visit_members}). Runs on the same stacks: a debugger sees its frames above this
   * host call.
   */
  public long[] call(WasmFunction f, long... args) {
    return interpreter.invoke(f, args);
  }

  public Interpreter interpreter() {
    return interpreter;
  }
}
