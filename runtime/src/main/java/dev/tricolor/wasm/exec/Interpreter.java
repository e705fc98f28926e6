package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.memory.Memory;
import java.util.Arrays;

/**
 * Runs internal code ({@link Op}) on one value stack and one frame stack shared by every frame of
 * a store. Guest-to-guest calls never recurse on the Java stack; a host function that calls back
 * into the guest starts a nested run of the loop on the same stacks, so a debugger sees its frames
 * on top of the host call.
 *
 * <pre>
 * // Value stack (long[] stack), one slot per value, growing upward:
 * //
 * //   ┌──────────────────────────┬───────────────────────────┬──────────────┬───────
 * //   │ caller's locals+operands │ callee params │ locals    │ operands     │ free
 * //   └──────────────────────────┴───────────────────────────┴──────────────┴───────
 * //                              ^ fp (callee)                              ^ sp
 * //   i32 as int (sign-extended), i64 as itself, f32/f64 as raw bits, refs as store refs.
 * //
 * // Frame stack: three parallel arrays, one record per suspended frame (index < depth):
 * //
 * //   frameFunc[i] the caller's function: its index in the instance of the run the record
 * //                belongs to (ints, not references: no GC write barrier on every call);
 * //                -1 - ref marks a host function (by store ref) that re-entered the guest
 * //                (pc = -1, fp = where the nested run's values start)
 * //   framePc[i]   pc to resume the caller at (just after its call instruction)
 * //   frameFp[i]   the caller's frame base
 * //
 * // The running frame lives in locals of the loop; it is published to the fields fn, pc,
 * // fp, sp and depth whenever something outside the loop may look (hooks, host calls, traps).
 * </pre>
 */
public final class Interpreter {
  /** Host-to-guest re-entries allowed inside one another before "call stack exhausted". */
  private static final int MAX_NESTING = 100;
  /** The results of a function without results: shared, so such calls allocate nothing for them. */
  private static final long[] NO_RESULTS = new long[0];

  private final Store store;
  private final int maxCallDepth;
  private final int maxStackSlots;

  long[] stack;
  int[] frameFunc = new int[256];
  /** Per nested run: the depth it started at and its instance (frames() needs them). */
  private final int[] runBase = new int[MAX_NESTING + 1];
  private final Instance[] runInstance = new Instance[MAX_NESTING + 1];
  int[] framePc = new int[256];
  int[] frameFp = new int[256];

  // Published state of the innermost running frame.
  GuestFunction fn;
  int pc;
  int fp;
  int sp;
  int depth;

  private int nesting;
  /** Whether the published state is that of a trapping instruction. */
  private boolean faulted;
  /** The call depth of the host call in progress (its caller's record is on top), else -1. */
  private int hostCallDepth = -1;
  private volatile boolean interrupt;
  private volatile boolean terminate;
  private volatile ExecutionHook hook;
  final Caller caller = new Caller(this);

  Interpreter(Store store, EngineLimits limits) {
    this.store = store;
    this.maxCallDepth = limits.maxCallDepth();
    this.maxStackSlots = limits.maxStackSlots();
    // never more than the limit, or a limit below the first size would not hold until it grew
    this.stack = new long[Math.min(1 << 12, maxStackSlots)];
  }

  public Store store() {
    return store;
  }

  /** Installs the debugger's hook (null to detach). */
  public void setHook(ExecutionHook hook) {
    this.hook = hook;
  }

  public ExecutionHook hook() {
    return hook;
  }

  /**
   * Asks the running program to call {@link ExecutionHook#onInterrupt} at its next loop back-edge
   * or call. Safe from any thread.
   */
  public void requestInterrupt() {
    interrupt = true;
  }

  /**
   * Ends the current run (or the next one, if none is running) at its next back-edge or call with
   * {@link Terminated}; served once. Any thread.
   */
  public void requestTerminate() {
    terminate = true;
    interrupt = true;
  }

  /** Clears a terminate request, so the store can run again. */
  public void clearTerminate() {
    terminate = false;
  }

  /** Whether a run is in progress (on the program thread: whether a hook is inside a run). */
  public boolean running() {
    return nesting > 0;
  }

  /**
   * Calls {@code f} with raw-bit arguments and returns its raw-bit results. Throws {@link Trap}
   * when the guest traps and {@link Terminated} when a terminate request ended the run. Called
   * from a host function, runs nested on the same stacks; called from a hook while the program is
   * stopped (a debugger running {@code __collect}), runs nested above the stopped frame, which
   * goes on afterwards as if nothing had run. The hook sees the nested run's breaks too: a
   * debugger that wants none detaches it for the call.
   */
  public long[] invoke(WasmFunction f, long... args) {
    FuncType params = f.type;
    if (args.length != params.paramCount()) {
      throw new IllegalArgumentException(
          "expected " + params.paramCount() + " arguments, got " + args.length + " for " + f.type);
    }
    if (f instanceof HostFunctionInstance h) {
      return callHostFromEmbedder(h, args);
    }
    GuestFunction g = (GuestFunction) f;
    GuestFunction savedFn = fn;
    int savedPc = pc;
    int savedFp = fp;
    int savedSp = sp;
    int savedDepth = depth;
    int savedBase = caller.base;
    Instance savedInstance = caller.instance;
    HostFunctionInstance savedHost = caller.function;
    boolean savedFaulted = faulted;
    if (nesting >= MAX_NESTING) {
      throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
    }
    nesting++;
    try {
      if (nesting > 1) {
        if (hostCallDepth == depth && savedHost != null) {
          // Re-entered from a host function: its frame shows between the two runs.
          pushRecord(depth, -1 - savedHost.ref, -1, sp);
        } else {
          // Called from a hook: the stopped frame is the caller (its operands stay below sp).
          // pc + 1, as a call's return pc: frames() shows a caller at the instruction before it.
          pushRecord(depth, fn.index, pc + 1, fp);
        }
        depth++;
      }
      int base = sp;
      ensureStack(base + params.paramCount() + 1);
      for (int i = 0; i < args.length; i++) {
        stack[base + i] = args[i];
      }
      sp = base + args.length;
      runAt(g, base);
      int n = g.compiled.numResults;
      return n == 0 ? NO_RESULTS : Arrays.copyOfRange(stack, base, base + n);
    } catch (Terminated t) {
      if (nesting == 1) {
        // The request is served: the store may run again.
        terminate = false;
        interrupt = false;
      }
      throw t;
    } finally {
      nesting--;
      fn = savedFn;
      pc = savedPc;
      fp = savedFp;
      sp = savedSp;
      depth = savedDepth;
      faulted = savedFaulted;
      caller.base = savedBase;
      caller.instance = savedInstance;
      caller.function = savedHost;
    }
  }

  private long[] callHostFromEmbedder(HostFunctionInstance h, long[] args) {
    int base = sp;
    ensureStack(base + args.length + h.type.resultCount() + 1);
    System.arraycopy(args, 0, stack, base, args.length);
    int savedSp = sp;
    try {
      sp = base + args.length;
      int end = callHost(h, null, base);
      return Arrays.copyOfRange(stack, base, end);
    } finally {
      sp = savedSp;
    }
  }

  /** Runs {@code g} with its arguments at {@code stack[base..]}; leaves its results there. */
  private void runAt(GuestFunction g, int base) {
    CompiledCode cc = g.compiled;
    ensureStack(base + cc.maxHeight);
    int top = base + cc.numLocals;
    Arrays.fill(stack, base + cc.numParams, top, 0);
    runBase[nesting - 1] = depth;
    runInstance[nesting - 1] = g.instance;
    execute(g, base, top, depth);
  }

  // ---- what a hook sees ----

  /**
   * The frames of the suspended program, innermost first. Valid on the program thread inside a
   * hook or a host function (or on another thread while the program thread waits in a hook).
   */
  public java.util.List<Frame> frames() {
    java.util.List<Frame> frames = new java.util.ArrayList<>();
    if (nesting == 0 || fn == null) {
      return frames;
    }
    int above;
    if (hostCallDepth == depth && caller.function != null) {
      // Inside a host function (fn is its caller, whose record is on top): the host frame is
      // innermost, its arguments as operands.
      frames.add(new Frame(this, caller.function, -1, caller.base, sp, true));
      above = caller.base;
    } else {
      Frame top = new Frame(this, fn, pc, fp, sp, true);
      if (faulted) {
        top.faultOffset = fn.compiled.faultOffset(pc);
      }
      frames.add(top);
      above = fp;
    }
    for (int i = depth - 1; i >= 0; i--) {
      frames.add(new Frame(this, recordFunction(i), framePc[i], frameFp[i], above, false));
      above = frameFp[i];
    }
    return frames;
  }

  /** The innermost running function, while a hook runs. */
  public GuestFunction currentFunction() {
    return fn;
  }

  /** Internal pc in {@link #currentFunction()}: the instruction about to run. */
  public int currentPc() {
    return pc;
  }

  /** Suspended frames below the innermost one (the call depth). */
  public int depth() {
    return depth;
  }

  /** Raw bits on the value stack {@code k} slots below the top (0 = the top value). */
  public long peek(int k) {
    return stack[sp - 1 - k];
  }

  // ---- stacks ----

  private void ensureStack(int top) {
    if (top > stack.length) {
      growStack(top);
    }
  }

  private void growStack(int top) {
    if (top > maxStackSlots) {
      throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
    }
    stack = Arrays.copyOf(stack, (int) Math.min(maxStackSlots, Math.max(2L * stack.length, top)));
  }

  /** The function of frame record {@code i}. */
  private WasmFunction recordFunction(int i) {
    int f = frameFunc[i];
    if (f < 0) {
      return store.function(-1L - f);
    }
    int run = 0;
    for (int k = 0; k < nesting; k++) {
      if (runBase[k] <= i) {
        run = k;
      }
    }
    return runInstance[run].functions[f];
  }

  private void pushRecord(int d, int function, int retPc, int callerFp) {
    if (d >= frameFunc.length) {
      growFrames(d);
    }
    frameFunc[d] = function;
    framePc[d] = retPc;
    frameFp[d] = callerFp;
  }

  private void growFrames(int d) {
    if (d >= maxCallDepth + MAX_NESTING) {
      throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
    }
    int n = Math.min(maxCallDepth + MAX_NESTING + 1, Math.max(d + 1, frameFunc.length * 2));
    frameFunc = Arrays.copyOf(frameFunc, n);
    framePc = Arrays.copyOf(framePc, n);
    frameFp = Arrays.copyOf(frameFp, n);
  }

  private static Trap exhausted() {
    return new Trap(TrapKind.CALL_STACK_EXHAUSTED);
  }

  // ---- leaving the loop: host calls, other instances, hooks ----

  /**
   * Calls an imported (or foreign) function with its arguments on top of the stack below
   * {@code sp}; the caller's state is already published. Returns the new sp.
   */
  private int callOut(WasmFunction f, int sp, int depth) {
    int base = sp - f.type.paramCount();
    pushRecord(depth, fn.index, pc, fp);
    this.depth = depth + 1;
    if (this.depth > maxCallDepth) {
      throw exhausted();
    }
    try {
      if (f instanceof HostFunctionInstance h) {
        return callHost(h, fn.instance, base);
      }
      GuestFunction g = (GuestFunction) f;
      GuestFunction savedFn = fn;
      int savedPc = pc;
      int savedFp = fp;
      if (nesting >= MAX_NESTING) {
        throw exhausted();
      }
      nesting++;
      try {
        this.sp = sp;
        runAt(g, base);
      } finally {
        nesting--;
        fn = savedFn;
        pc = savedPc;
        fp = savedFp;
      }
      return base + g.compiled.numResults;
    } finally {
      this.depth = depth;
    }
  }

  private int callHost(HostFunctionInstance h, Instance from, int base) {
    int savedBase = caller.base;
    Instance savedInstance = caller.instance;
    HostFunctionInstance savedHost = caller.function;
    int savedHostCallDepth = hostCallDepth;
    caller.base = base;
    caller.instance = from;
    caller.function = h;
    hostCallDepth = from == null ? -1 : depth;
    long r;
    try {
      r = h.body.call(caller);
    } catch (Trap | Terminated e) {
      throw e;
    } catch (StackOverflowError e) {
      throw exhausted();
    } catch (RuntimeException e) {
      throw new Trap(
          TrapKind.HOST_ERROR, "host function " + h.qualifiedName() + " failed: " + e, e);
    } finally {
      caller.base = savedBase;
      caller.instance = savedInstance;
      caller.function = savedHost;
      hostCallDepth = savedHostCallDepth;
    }
    int m = h.type.resultCount();
    ensureStack(base + m);
    if (m > 0) {
      stack[base] = r;
      for (int i = 1; i < m; i++) {
        stack[base + i] = caller.extraResults[i];
      }
    }
    return base + m;
  }

  /**
   * Serves an interrupt request at a loop back-edge, a call or a run's start: publishes the frame
   * and returns the code it goes on in (a hook may have switched it to stepping code).
   */
  private int[] interruptedAt(GuestFunction fn, int pc, int fp, int sp, int depth) {
    publish(fn, pc, fp, sp, depth);
    interrupt = false;
    if (terminate) {
      throw new Terminated();
    }
    ExecutionHook h = hook;
    if (h != null) {
      h.onInterrupt(this);
    }
    return fn.active;
  }

  private void onTrap(Trap t) {
    ExecutionHook h = hook;
    if (h != null && !t.intercepted) {
      t.intercepted = true;
      h.onTrap(this, t);
    }
  }

  // ---- the loop ----

  /**
   * Runs from pc 0 of {@code entry} (frame at {@code fp}, stack at {@code sp}) until it returns to
   * frame depth {@code base}. Kept under HotSpot's 8000-byte limit for compiling a method
   * (DontCompileHugeMethods): cold operators go to {@link Num} and {@link Mem} helpers.
   */
  private void execute(GuestFunction entry, int fp, int sp, final int base) {
    GuestFunction fn = entry;
    int[] code = fn.active;
    int pc = 0;
    int depth = base;
    long[] stack = this.stack;
    final Instance inst = fn.instance;
    final GuestFunction[] funcs = inst.guests;
    final GlobalCell[] globals = inst.globals;
    final Memory memory = inst.memoryOrEmpty;
    byte[] mem = memory.bytes();
    if (interrupt) {
      code = interruptedAt(fn, 0, fp, sp, depth);
    }
    try {
      for (;;) {
        int op = code[pc++];
        if (op == Op.BREAK) {
          publish(fn, pc - 1, fp, sp, depth);
          ExecutionHook h = hook;
          if (h != null) {
            h.onBreak(this);
          }
          code = fn.active;
          stack = this.stack;
          mem = memory.bytes();
          op = fn.compiled.pristine[pc - 1];
        }
        {
          switch (op) {
            case Opcodes.UNREACHABLE:
              throw new Trap(TrapKind.UNREACHABLE);
            case Opcodes.NOP:
              break;
            case Op.BR:
              pc = code[pc];
              break;
            case Op.BR_ADJ:
              sp = moveDown(stack, sp, fp + code[pc + 1], code[pc + 2]);
              pc = code[pc];
              break;
            case Op.BR_BACK:
              pc = code[pc];
              if (interrupt) {
                code = interruptedAt(fn, pc, fp, sp, depth);
                mem = memory.bytes();
              }
              break;
            case Op.BR_BACK_ADJ:
              sp = moveDown(stack, sp, fp + code[pc + 1], code[pc + 2]);
              pc = code[pc];
              if (interrupt) {
                code = interruptedAt(fn, pc, fp, sp, depth);
                mem = memory.bytes();
              }
              break;
            case Op.BR_IF:
              pc = (int) stack[--sp] != 0 ? code[pc] : pc + 1;
              break;
            case Op.BR_UNLESS:
              pc = (int) stack[--sp] == 0 ? code[pc] : pc + 1;
              break;
            case Op.BR_IF_CMP:
              sp -= 2;
              pc = Num.compare(code[pc], (int) stack[sp], (int) stack[sp + 1]) ? code[pc + 1]
                  : pc + 2;
              break;
            case Op.BR_UNLESS_CMP:
              sp -= 2;
              pc = Num.compare(code[pc], (int) stack[sp], (int) stack[sp + 1]) ? pc + 2
                  : code[pc + 1];
              break;
            case Op.BR_IF_BACK_CMP:
              sp -= 2;
              if (Num.compare(code[pc], (int) stack[sp], (int) stack[sp + 1])) {
                pc = code[pc + 1];
                if (interrupt) {
                  code = interruptedAt(fn, pc, fp, sp, depth);
                  mem = memory.bytes();
                }
              } else {
                pc += 2;
              }
              break;
            case Op.BR_IF_ADJ:
              if ((int) stack[--sp] != 0) {
                sp = moveDown(stack, sp, fp + code[pc + 1], code[pc + 2]);
                pc = code[pc];
              } else {
                pc += 3;
              }
              break;
            case Op.BR_IF_BACK:
            case Op.BR_IF_BACK_ADJ:
              if ((int) stack[--sp] != 0) {
                if (op == Op.BR_IF_BACK_ADJ) {
                  sp = moveDown(stack, sp, fp + code[pc + 1], code[pc + 2]);
                }
                pc = code[pc];
                if (interrupt) {
                  code = interruptedAt(fn, pc, fp, sp, depth);
                  mem = memory.bytes();
                }
              } else {
                pc += op == Op.BR_IF_BACK ? 1 : 3;
              }
              break;
            case Op.BR_TABLE: {
              int n = code[pc];
              int i = (int) stack[--sp];
              int e = pc + 1 + 3 * (Integer.compareUnsigned(i, n) < 0 ? i : n);
              sp = moveDown(stack, sp, fp + code[e + 1], code[e + 2]);
              pc = code[e];
              if (interrupt) {
                code = interruptedAt(fn, pc, fp, sp, depth);
                mem = memory.bytes();
              }
              break;
            }
            case Opcodes.RETURN: {
              int n = fn.numResults;
              int from = sp - n;
              for (int i = 0; i < n; i++) {
                stack[fp + i] = stack[from + i];
              }
              sp = fp + n;
              if (depth == base) {
                publish(fn, pc - 1, fp, sp, depth);
                return;
              }
              depth--;
              fn = funcs[frameFunc[depth]];
              pc = framePc[depth];
              fp = frameFp[depth];
              code = fn.active;
              break;
            }
            case Opcodes.CALL: {
              GuestFunction callee = funcs[code[pc++]];
              CompiledCode cc = callee.compiled;
              int newFp = sp - cc.numParams;
              if (depth >= maxCallDepth) {
                throw exhausted();
              }
              if (newFp + cc.maxHeight > stack.length) {
                growStack(newFp + cc.maxHeight);
                stack = this.stack;
              }
              pushRecord(depth, fn.index, pc, fp);
              depth++;
              int top = newFp + cc.numLocals;
              while (sp < top) {
                stack[sp++] = 0;
              }
              fn = callee;
              fp = newFp;
              code = callee.active;
              pc = 0;
              if (interrupt) {
                code = interruptedAt(fn, pc, fp, sp, depth);
                mem = memory.bytes();
              }
              break;
            }
            case Opcodes.CALL_INDIRECT: {
              Table t = inst.tables[code[pc + 1]];
              int expected = inst.typeIds[code[pc]];
              pc += 2;
              int i = (int) stack[--sp];
              WasmFunction callee = resolveIndirect(t, i, expected);
              if (callee instanceof GuestFunction g && g.instance == inst) {
                // CALL's frame entry again: it sets six locals of the loop, so no method can
                // hold it, and CALL must not pay a test for which of the two is running.
                CompiledCode cc = g.compiled;
                int newFp = sp - cc.numParams;
                if (depth >= maxCallDepth) {
                  throw exhausted();
                }
                if (newFp + cc.maxHeight > stack.length) {
                  growStack(newFp + cc.maxHeight);
                  stack = this.stack;
                }
                pushRecord(depth, fn.index, pc, fp);
                depth++;
                int top = newFp + cc.numLocals;
                while (sp < top) {
                  stack[sp++] = 0;
                }
                fn = g;
                fp = newFp;
                code = g.active;
                pc = 0;
                if (interrupt) {
                  code = interruptedAt(fn, pc, fp, sp, depth);
                  mem = memory.bytes();
                }
              } else {
                publish(fn, pc, fp, sp, depth);
                sp = callOut(callee, sp, depth);
                stack = this.stack;
                mem = memory.bytes();
              }
              break;
            }
            case Op.CALL_IMPORT: {
              WasmFunction callee = inst.functions[code[pc++]];
              publish(fn, pc, fp, sp, depth);
              sp = callOut(callee, sp, depth);
              stack = this.stack;
              mem = memory.bytes();
              break;
            }
            case Opcodes.DROP:
              sp--;
              break;
            case Opcodes.SELECT:
              sp -= 2;
              if ((int) stack[sp + 1] == 0) {
                stack[sp - 1] = stack[sp];
              }
              break;
            case Opcodes.LOCAL_GET:
              stack[sp++] = stack[fp + code[pc++]];
              break;
            case Op.LOCAL_GET2:
              stack[sp] = stack[fp + code[pc]];
              stack[sp + 1] = stack[fp + code[pc + 1]];
              sp += 2;
              pc += 2;
              break;
            case Op.LOCAL_GET_CONST:
              stack[sp] = stack[fp + code[pc]];
              stack[sp + 1] = code[pc + 1];
              sp += 2;
              pc += 2;
              break;
            case Op.LOCAL_ADD_CONST:
              stack[sp++] = (int) stack[fp + code[pc]] + code[pc + 1];
              pc += 2;
              break;
            case Op.LOCAL_LOAD32:
              stack[sp++] = Mem.i32(mem, stack[fp + code[pc]], code[pc + 1]);
              pc += 2;
              break;
            case Op.LOCAL_LOAD64:
              stack[sp++] = Mem.i64(mem, stack[fp + code[pc]], code[pc + 1]);
              pc += 2;
              break;
            case Op.LOCAL_STORE32:
              sp--;
              Mem.i32(mem, stack[sp], code[pc + 1], (int) stack[fp + code[pc]]);
              pc += 2;
              break;
            case Op.LOCAL_STORE64:
              sp--;
              Mem.i64(mem, stack[sp], code[pc + 1], stack[fp + code[pc]]);
              pc += 2;
              break;
            case Op.GLOBAL_LOCAL_STORE32:
              Mem.i32(mem, globals[code[pc]].value, code[pc + 2], (int) stack[fp + code[pc + 1]]);
              pc += 3;
              break;
            case Op.GLOBAL_GET_CONST:
              stack[sp] = globals[code[pc]].value;
              stack[sp + 1] = code[pc + 1];
              sp += 2;
              pc += 2;
              break;
            case Op.GLOBAL_ADD_CONST:
              stack[sp++] = (int) globals[code[pc]].value + code[pc + 1];
              pc += 2;
              break;
            case Op.GLOBAL_INC: {
              GlobalCell g = globals[code[pc]];
              g.value = (int) g.value + code[pc + 1];
              pc += 2;
              break;
            }
            case Opcodes.LOCAL_SET:
              stack[fp + code[pc++]] = stack[--sp];
              break;
            case Opcodes.LOCAL_TEE:
              stack[fp + code[pc++]] = stack[sp - 1];
              break;
            case Opcodes.GLOBAL_GET:
              stack[sp++] = globals[code[pc++]].value;
              break;
            case Opcodes.GLOBAL_SET:
              globals[code[pc++]].value = stack[--sp];
              break;
            case Opcodes.TABLE_GET:
              stack[sp - 1] = inst.tables[code[pc++]].get((int) stack[sp - 1]);
              break;
            case Opcodes.TABLE_SET:
              sp -= 2;
              inst.tables[code[pc++]].set((int) stack[sp], stack[sp + 1]);
              break;
            case Opcodes.I32_LOAD:
            case Opcodes.F32_LOAD:
              stack[sp - 1] = Mem.i32(mem, stack[sp - 1], code[pc++]);
              break;
            case Opcodes.I64_LOAD:
            case Opcodes.F64_LOAD:
              stack[sp - 1] = Mem.i64(mem, stack[sp - 1], code[pc++]);
              break;
            case Opcodes.I32_LOAD8_U:
              stack[sp - 1] = Mem.i8(mem, stack[sp - 1], code[pc++]) & 0xFF;
              break;
            case Opcodes.I32_LOAD16_U:
              stack[sp - 1] = Mem.i16(mem, stack[sp - 1], code[pc++]) & 0xFFFF;
              break;
            case Opcodes.I32_LOAD8_S:
            case Opcodes.I32_LOAD16_S:
            case Opcodes.I64_LOAD8_S:
            case Opcodes.I64_LOAD8_U:
            case Opcodes.I64_LOAD16_S:
            case Opcodes.I64_LOAD16_U:
            case Opcodes.I64_LOAD32_S:
            case Opcodes.I64_LOAD32_U:
              stack[sp - 1] = Mem.load(op, mem, stack[sp - 1], code[pc++]);
              break;
            case Opcodes.I32_STORE:
            case Opcodes.F32_STORE:
              sp -= 2;
              Mem.i32(mem, stack[sp], code[pc++], (int) stack[sp + 1]);
              break;
            case Opcodes.I64_STORE:
            case Opcodes.F64_STORE:
              sp -= 2;
              Mem.i64(mem, stack[sp], code[pc++], stack[sp + 1]);
              break;
            case Opcodes.I32_STORE8:
              sp -= 2;
              Mem.i8(mem, stack[sp], code[pc++], (int) stack[sp + 1]);
              break;
            case Opcodes.I32_STORE16:
            case Opcodes.I64_STORE8:
            case Opcodes.I64_STORE16:
            case Opcodes.I64_STORE32:
              sp -= 2;
              Mem.store(op, mem, stack[sp], code[pc++], stack[sp + 1]);
              break;
            case Opcodes.MEMORY_SIZE:
              stack[sp++] = memory.pages();
              break;
            case Opcodes.MEMORY_GROW:
              stack[sp - 1] = inst.growMemory(stack[sp - 1] & 0xFFFF_FFFFL);
              mem = memory.bytes();
              break;
            case Opcodes.I32_CONST:
            case Opcodes.F32_CONST:
              stack[sp++] = code[pc++];
              break;
            case Opcodes.I64_CONST:
            case Opcodes.F64_CONST:
              stack[sp++] = (code[pc] & 0xFFFF_FFFFL) | ((long) code[pc + 1] << 32);
              pc += 2;
              break;
            case Opcodes.I32_EQZ:
              stack[sp - 1] = (int) stack[sp - 1] == 0 ? 1 : 0;
              break;
            case Opcodes.I32_EQ:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] == (int) stack[sp] ? 1 : 0;
              break;
            case Opcodes.I32_NE:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] != (int) stack[sp] ? 1 : 0;
              break;
            case Opcodes.I32_LT_S:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] < (int) stack[sp] ? 1 : 0;
              break;
            case Opcodes.I32_LT_U:
              sp--;
              stack[sp - 1] = Integer.compareUnsigned((int) stack[sp - 1], (int) stack[sp]) < 0
                  ? 1 : 0;
              break;
            case Opcodes.I32_GT_S:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] > (int) stack[sp] ? 1 : 0;
              break;
            case Opcodes.I32_GT_U:
              sp--;
              stack[sp - 1] = Integer.compareUnsigned((int) stack[sp - 1], (int) stack[sp]) > 0
                  ? 1 : 0;
              break;
            case Opcodes.I32_LE_S:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] <= (int) stack[sp] ? 1 : 0;
              break;
            case Opcodes.I32_LE_U:
              sp--;
              stack[sp - 1] = Integer.compareUnsigned((int) stack[sp - 1], (int) stack[sp]) <= 0
                  ? 1 : 0;
              break;
            case Opcodes.I32_GE_S:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] >= (int) stack[sp] ? 1 : 0;
              break;
            case Opcodes.I32_GE_U:
              sp--;
              stack[sp - 1] = Integer.compareUnsigned((int) stack[sp - 1], (int) stack[sp]) >= 0
                  ? 1 : 0;
              break;
            case Opcodes.I64_EQZ:
              stack[sp - 1] = stack[sp - 1] == 0 ? 1 : 0;
              break;
            case Opcodes.I64_EQ:
              sp--;
              stack[sp - 1] = stack[sp - 1] == stack[sp] ? 1 : 0;
              break;
            case Opcodes.I64_NE:
              sp--;
              stack[sp - 1] = stack[sp - 1] != stack[sp] ? 1 : 0;
              break;
            case Opcodes.I64_LT_S:
              sp--;
              stack[sp - 1] = stack[sp - 1] < stack[sp] ? 1 : 0;
              break;
            case Opcodes.F64_EQ:
              sp--;
              stack[sp - 1] = Num.f64(stack[sp - 1]) == Num.f64(stack[sp]) ? 1 : 0;
              break;
            case Opcodes.F64_NE:
              sp--;
              stack[sp - 1] = Num.f64(stack[sp - 1]) != Num.f64(stack[sp]) ? 1 : 0;
              break;
            case Opcodes.F64_LT:
              sp--;
              stack[sp - 1] = Num.f64(stack[sp - 1]) < Num.f64(stack[sp]) ? 1 : 0;
              break;
            case Opcodes.F64_GT:
              sp--;
              stack[sp - 1] = Num.f64(stack[sp - 1]) > Num.f64(stack[sp]) ? 1 : 0;
              break;
            case Opcodes.F64_LE:
              sp--;
              stack[sp - 1] = Num.f64(stack[sp - 1]) <= Num.f64(stack[sp]) ? 1 : 0;
              break;
            case Opcodes.F64_GE:
              sp--;
              stack[sp - 1] = Num.f64(stack[sp - 1]) >= Num.f64(stack[sp]) ? 1 : 0;
              break;
            case Opcodes.I32_ADD:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] + (int) stack[sp];
              break;
            case Opcodes.I32_SUB:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] - (int) stack[sp];
              break;
            case Opcodes.I32_MUL:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] * (int) stack[sp];
              break;
            case Opcodes.I32_DIV_S:
              sp--;
              stack[sp - 1] = Num.divS((int) stack[sp - 1], (int) stack[sp]);
              break;
            case Opcodes.I32_AND:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] & (int) stack[sp];
              break;
            case Opcodes.I32_OR:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] | (int) stack[sp];
              break;
            case Opcodes.I32_XOR:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] ^ (int) stack[sp];
              break;
            case Opcodes.I32_SHL:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] << (int) stack[sp];
              break;
            case Opcodes.I32_SHR_S:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] >> (int) stack[sp];
              break;
            case Opcodes.I32_SHR_U:
              sp--;
              stack[sp - 1] = (int) stack[sp - 1] >>> (int) stack[sp];
              break;
            case Opcodes.I64_ADD:
              sp--;
              stack[sp - 1] += stack[sp];
              break;
            case Opcodes.I64_SUB:
              sp--;
              stack[sp - 1] -= stack[sp];
              break;
            case Opcodes.I64_AND:
              sp--;
              stack[sp - 1] &= stack[sp];
              break;
            case Opcodes.I64_OR:
              sp--;
              stack[sp - 1] |= stack[sp];
              break;
            case Opcodes.I64_SHL:
              sp--;
              stack[sp - 1] <<= stack[sp];
              break;
            case Opcodes.I64_SHR_U:
              sp--;
              stack[sp - 1] >>>= stack[sp];
              break;
            case Opcodes.F64_ADD:
              sp--;
              stack[sp - 1] = Num.bits(Num.f64(stack[sp - 1]) + Num.f64(stack[sp]));
              break;
            case Opcodes.F64_SUB:
              sp--;
              stack[sp - 1] = Num.bits(Num.f64(stack[sp - 1]) - Num.f64(stack[sp]));
              break;
            case Opcodes.F64_MUL:
              sp--;
              stack[sp - 1] = Num.bits(Num.f64(stack[sp - 1]) * Num.f64(stack[sp]));
              break;
            case Opcodes.F64_DIV:
              sp--;
              stack[sp - 1] = Num.bits(Num.f64(stack[sp - 1]) / Num.f64(stack[sp]));
              break;
            case Opcodes.I32_WRAP_I64:
              stack[sp - 1] = (int) stack[sp - 1];
              break;
            case Opcodes.I64_EXTEND_I32_U:
              stack[sp - 1] &= 0xFFFF_FFFFL;
              break;
            case Opcodes.REF_NULL:
              stack[sp++] = 0;
              break;
            case Opcodes.REF_IS_NULL:
              stack[sp - 1] = stack[sp - 1] == 0 ? 1 : 0;
              break;
            case Opcodes.REF_FUNC:
              stack[sp++] = inst.functions[code[pc++]].ref;
              break;
            case Op.MEMORY_INIT:
              sp -= 3;
              inst.memoryInit(code[pc++], stack[sp], stack[sp + 1], stack[sp + 2]);
              break;
            case Op.DATA_DROP:
              inst.dataDrop(code[pc++]);
              break;
            case Op.MEMORY_COPY:
              sp -= 3;
              Instance.memoryCopy(memory, stack[sp], stack[sp + 1], stack[sp + 2]);
              break;
            case Op.MEMORY_FILL:
              sp -= 3;
              Instance.memoryFill(memory, stack[sp], stack[sp + 1], stack[sp + 2]);
              break;
            case Op.TABLE_INIT:
              sp -= 3;
              inst.tableInit(code[pc], code[pc + 1], stack[sp], stack[sp + 1], stack[sp + 2]);
              pc += 2;
              break;
            case Op.ELEM_DROP:
              inst.elemDrop(code[pc++]);
              break;
            case Op.TABLE_COPY:
              sp -= 3;
              inst.tableCopy(code[pc], code[pc + 1], stack[sp], stack[sp + 1], stack[sp + 2]);
              pc += 2;
              break;
            case Op.TABLE_GROW:
              sp--;
              stack[sp - 1] =
                  inst.tables[code[pc++]].grow((int) stack[sp], stack[sp - 1]);
              break;
            case Op.TABLE_SIZE:
              stack[sp++] = inst.tables[code[pc++]].size();
              break;
            case Op.TABLE_FILL:
              sp -= 3;
              Instance.tableFill(
                  inst.tables[code[pc++]], stack[sp], stack[sp + 1], stack[sp + 2]);
              break;
            default:
              if (isBinary(op)) {
                sp--;
                stack[sp - 1] = Num.binary(op, stack[sp - 1], stack[sp]);
              } else {
                stack[sp - 1] = Num.unary(op, stack[sp - 1]);
              }
              break;
          }
        }
      }
    } catch (Trap t) {
      publish(fn, fn.compiled.instructionStart(pc - 1), fp, sp, depth);
      faulted = true;
      onTrap(t);
      throw t;
    }
  }

  private static boolean isBinary(int op) {
    return (op >= Opcodes.I32_EQ && op <= Opcodes.F64_GE && op != Opcodes.I64_EQZ)
        || (op >= Opcodes.I32_ADD && op <= Opcodes.I32_ROTR)
        || (op >= Opcodes.I64_ADD && op <= Opcodes.I64_ROTR)
        || (op >= Opcodes.F32_ADD && op <= Opcodes.F32_COPYSIGN)
        || (op >= Opcodes.F64_ADD && op <= Opcodes.F64_COPYSIGN);
  }

  private void publish(GuestFunction fn, int pc, int fp, int sp, int depth) {
    this.faulted = false;
    this.fn = fn;
    this.pc = pc;
    this.fp = fp;
    this.sp = sp;
    this.depth = depth;
  }

  /** Moves the top {@code keep} values down to {@code to}; returns the new sp. */
  private static int moveDown(long[] stack, int sp, int to, int keep) {
    int from = sp - keep;
    for (int i = 0; i < keep; i++) { // keep is small: a loop beats arraycopy's call
      stack[to + i] = stack[from + i];
    }
    return to + keep;
  }

  private WasmFunction resolveIndirect(Table t, int i, int expectedType) {
    if (i < 0 || i >= t.elements.length) {
      throw new Trap(TrapKind.UNDEFINED_ELEMENT, "undefined element " + Integer.toUnsignedString(i));
    }
    long ref = t.elements[i];
    if (ref == 0) {
      throw new Trap(TrapKind.UNINITIALIZED_ELEMENT, "uninitialized element " + i);
    }
    WasmFunction f = store.function(ref);
    if (f.typeId != expectedType) {
      throw new Trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
    }
    return f;
  }
}
