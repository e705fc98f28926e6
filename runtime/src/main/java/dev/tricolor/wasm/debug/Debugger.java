package dev.tricolor.wasm.debug;

import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.binary.OperatorTypes;
import dev.tricolor.wasm.exec.ExecutionHook;
import dev.tricolor.wasm.exec.Frame;
import dev.tricolor.wasm.exec.GuestFunction;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Interpreter;
import dev.tricolor.wasm.exec.Op;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.Terminated;
import dev.tricolor.wasm.exec.Trap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine-level debugger of one store: probes (instruction breakpoints, function entry and
 * exit), stepping, pause and terminate from other threads, data watchpoints, trap interception.
 * See the package documentation for an example.
 *
 * <p>Costs nothing while unused: a probe patches one instruction of the internal code into a
 * BREAK; only stepping, a pending pause or a watchpoint switch the functions to their stepping
 * code, where every instruction passes through {@link #onBreak}.
 *
 * <p>Listeners run on the program thread. When several listeners see the same instruction, each
 * is called once, with the most specific reason (a probe before a data write before a pause before
 * a finished step); the program goes on as the strongest answer says (terminate, step in, step
 * over, step out, continue). A step belongs to the listener that asked for it: it ends when that
 * listener is next called, whatever the reason, so another client's probes (which answer
 * continue) never cut a user's step short.
 */
public final class Debugger {
  private final Store store;
  private final Interpreter interpreter;
  private volatile StopListener stopListener = (stop, state) -> Resume.CONTINUE;

  private final Map<GuestFunction, Map<Integer, Probe[]>> probes = new ConcurrentHashMap<>();
  private final List<Watchpoint> watchpoints = new CopyOnWriteArrayList<>();

  // Requests from any thread, taken over by the program thread at its next interrupt check.
  private volatile boolean pauseRequested;
  private volatile boolean stopAtNextRequested;
  private volatile boolean refreshRequested;

  // Program-thread state.
  private boolean pausePending;
  private Resume stepMode;
  private int stepDepth;
  private StopListener stepOwner;
  private Watchpoint pendingWatch;
  private long pendingAddress;
  private long pendingLength;
  private boolean stepping;
  /** Functions switched to stepping code for a step over or out (stepping is false). */
  private Set<GuestFunction> partlyStepping = Set.of();
  /** What updateStepping last decided on, and whether a step began since (new frames). */
  private int steppingState = -1;
  private boolean newStep;

  private final ExecutionHook hook =
      new ExecutionHook() {
        @Override
        public void onBreak(Interpreter in) {
          Debugger.this.onBreak(in);
        }

        @Override
        public void onInterrupt(Interpreter in) {
          Debugger.this.onInterrupt();
        }

        @Override
        public void onTrap(Interpreter in, Trap trap) {
          Debugger.this.onTrap(in, trap);
        }
      };

  private Debugger(Store store) {
    this.store = store;
    this.interpreter = store.interpreter();
  }

  /** Attaches a debugger to {@code store} (one per store; replaces any earlier one). */
  public static Debugger attach(Store store) {
    Debugger d = new Debugger(store);
    store.interpreter().setHook(d.hook);
    return d;
  }

  /** Removes every probe and watchpoint and lets the program run as if never debugged. */
  public void detach() {
    for (Map<Integer, Probe[]> m : probes.values()) {
      for (Probe[] ps : m.values()) {
        for (Probe p : ps) {
          p.remove();
        }
      }
    }
    for (Watchpoint w : watchpoints) {
      w.remove();
    }
    stepMode = null;
    for (GuestFunction g : partlyStepping) {
      g.setStepping(false);
    }
    partlyStepping = Set.of();
    steppingState = -1;
    setStepping(false);
    interpreter.setHook(null);
  }

  /** Where steps, pauses and traps are reported. */
  public void setStopListener(StopListener listener) {
    this.stopListener = listener;
  }

  public StopListener stopListener() {
    return stopListener;
  }

  // ---- probes ----

  /**
   * An instruction breakpoint at byte offset {@code codeOffset} of {@code instance}'s module
   * file; an offset of an instruction that does not run (block, loop, end of a block) moves to
   * the next one that does ({@link Probe#codeOffset()} says where).
   *
   * @throws IllegalArgumentException when no function body contains the offset
   */
  public Probe breakAt(Instance instance, int codeOffset, StopListener listener) {
    GuestFunction f = instance.functionAtOffset(codeOffset);
    int pc = f == null ? -1 : f.code().pcAt(codeOffset);
    if (pc < 0) {
      throw new IllegalArgumentException(
          "no code at offset 0x" + Integer.toHexString(codeOffset) + " of the module");
    }
    return install(Probe.Kind.INSTRUCTION, f, new int[] {pc}, f.code().offsetOf(pc), listener);
  }

  /** A probe before the first instruction of {@code function}, the arguments in its locals. */
  public Probe onEntry(GuestFunction function, StopListener listener) {
    return install(Probe.Kind.ENTRY, function, new int[] {0}, function.code().offsetOf(0),
        listener);
  }

  /**
   * A probe at each return of {@code function} (explicit returns, branches out of the body and
   * the final end), before the frame goes: the listener gets the results in
   * {@link Stop.FunctionExiting}. Not called when the function traps.
   */
  public Probe onExit(GuestFunction function, StopListener listener) {
    return install(Probe.Kind.EXIT, function, function.returnPcs(), function.code().endOffset(),
        listener);
  }

  private synchronized Probe install(
      Probe.Kind kind, GuestFunction f, int[] pcs, int offset, StopListener listener) {
    Probe p = new Probe(this, kind, f, pcs, offset, listener);
    Map<Integer, Probe[]> byPc = probes.computeIfAbsent(f, k -> new ConcurrentHashMap<>());
    for (int pc : pcs) {
      Probe[] old = byPc.get(pc);
      Probe[] now = old == null ? new Probe[] {p} : Arrays.copyOf(old, old.length + 1);
      now[now.length - 1] = p;
      byPc.put(pc, now);
      f.setBreak(pc, true);
    }
    return p;
  }

  synchronized void remove(Probe p) {
    Map<Integer, Probe[]> byPc = probes.get(p.function());
    if (byPc == null) {
      return;
    }
    for (int pc : p.pcs()) {
      Probe[] old = byPc.get(pc);
      if (old == null) {
        continue;
      }
      Probe[] now = Arrays.stream(old).filter(q -> q != p).toArray(Probe[]::new);
      if (now.length == 0) {
        byPc.remove(pc);
        p.function().setBreak(pc, false);
      } else {
        byPc.put(pc, now);
      }
    }
  }

  // ---- watchpoints ----

  /** Stops after every guest instruction that writes into {@code [address, address+length)}. */
  public Watchpoint watch(Instance instance, long address, long length, StopListener listener) {
    if (instance.memory() == null || length <= 0) {
      throw new IllegalArgumentException("nothing to watch: " + length + " bytes at 0x"
          + Long.toHexString(address) + (instance.memory() == null ? " (no memory)" : ""));
    }
    Watchpoint w = new Watchpoint(this, instance, address, length, listener);
    watchpoints.add(w);
    refresh();
    return w;
  }

  void remove(Watchpoint w) {
    watchpoints.remove(w);
    refresh();
  }

  // ---- requests from any thread ----

  /** Stops the running program before its next instruction after a back-edge or call. */
  public void requestPause() {
    pauseRequested = true;
    interpreter.requestInterrupt();
  }

  /** Stops before the next instruction that runs (e.g. before a run starts: stop on entry). */
  public void stopAtNextInstruction() {
    stopAtNextRequested = true;
    interpreter.requestInterrupt();
  }

  /**
   * Ends the run promptly with {@link Terminated}. A listener blocked in a stop must return
   * {@link Resume#TERMINATE} itself.
   */
  public void requestTerminate() {
    interpreter.requestTerminate();
  }

  private void refresh() {
    refreshRequested = true;
    interpreter.requestInterrupt();
  }

  // ---- the hook, on the program thread ----

  private void onInterrupt() {
    if (pauseRequested) {
      pauseRequested = false;
      pausePending = true;
    }
    newStep = true;
    if (stopAtNextRequested) {
      stopAtNextRequested = false;
      stepMode = Resume.STEP_IN;
      stepOwner = stopListener;
      stepDepth = interpreter.depth();
    }
    refreshRequested = false;
    updateStepping();
  }

  private void onBreak(Interpreter in) {
    if (refreshRequested) {
      onInterrupt();
    }
    GuestFunction fn = in.currentFunction();
    int pc = in.currentPc();
    int depth = in.depth();
    Map<StopListener, Stop> stops = null;

    Map<Integer, Probe[]> byPc = probes.get(fn);
    Probe[] here = byPc == null ? null : byPc.get(pc);
    if (here != null) {
      for (Probe p : here) {
        Stop s = switch (p.kind()) {
          case INSTRUCTION -> new Stop.BreakpointHit(p);
          case ENTRY -> new Stop.FunctionEntered(p);
          case EXIT -> new Stop.FunctionExiting(p, results(in, fn));
        };
        stops = add(stops, p.listener, s);
      }
    }
    if (pendingWatch != null) {
      Watchpoint w = pendingWatch;
      pendingWatch = null;
      stops = add(stops, w.listener, new Stop.DataWritten(w, pendingAddress, pendingLength));
    }
    if (pausePending) {
      pausePending = false;
      stops = add(stops, stopListener, new Stop.Paused());
    }
    if (stepMode != null && stepReached(depth)) {
      stops = add(stops, stepOwner, new Stop.Stepped(stepMode));
    }
    if (!watchpoints.isEmpty()) {
      checkWrite(in, fn, pc);
    }
    if (stops != null) {
      deliver(in, stops, depth);
    }
    updateStepping();
  }

  private boolean stepReached(int depth) {
    return switch (stepMode) {
      case STEP_IN -> true;
      case STEP_OVER -> depth <= stepDepth;
      case STEP_OUT -> depth < stepDepth;
      default -> false;
    };
  }

  private static Map<StopListener, Stop> add(
      Map<StopListener, Stop> stops, StopListener l, Stop s) {
    if (stops == null) {
      stops = new LinkedHashMap<>();
    }
    stops.putIfAbsent(l, s); // the first reason added for a listener is the most specific
    return stops;
  }

  private void deliver(Interpreter in, Map<StopListener, Stop> stops, int depth) {
    ProgramState state = new ProgramState(in);
    Resume strongest = Resume.CONTINUE;
    StopListener strongestBy = null;
    for (Map.Entry<StopListener, Stop> e : stops.entrySet()) {
      StopListener l = e.getKey();
      if (l == stepOwner) {
        stepMode = null; // the owner of a step hears from us: its step is over
        stepOwner = null;
      }
      Resume r = l.onStop(e.getValue(), state);
      if (r == null) {
        r = Resume.CONTINUE;
      }
      if (strength(r) > strength(strongest)) {
        strongest = r;
        strongestBy = l;
      }
    }
    apply(strongest, strongestBy, depth);
  }

  private static int strength(Resume r) {
    return switch (r) {
      case CONTINUE -> 0;
      case STEP_OUT -> 1;
      case STEP_OVER -> 2;
      case STEP_IN -> 3;
      case TERMINATE -> 4;
    };
  }

  private void apply(Resume r, StopListener by, int depth) {
    switch (r) {
      case TERMINATE -> {
        stepMode = null;
        pendingWatch = null;
        updateStepping();
        throw new Terminated();
      }
      case STEP_IN, STEP_OVER, STEP_OUT -> {
        stepMode = r;
        stepOwner = by;
        stepDepth = depth;
        newStep = true;
      }
      case CONTINUE -> {}
    }
  }

  private static long[] results(Interpreter in, GuestFunction fn) {
    int n = fn.code().numResults();
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = in.peek(n - 1 - i);
    }
    return r;
  }

  /**
   * If the instruction about to run writes a watched range, stop after it. Host functions' writes
   * are not seen.
   */
  private void checkWrite(Interpreter in, GuestFunction fn, int pc) {
    int op = fn.opcodeAt(pc);
    long address;
    long length;
    if (op >= Opcodes.I32_STORE && op <= Opcodes.I64_STORE32) {
      address = (in.peek(1) & 0xFFFF_FFFFL) + (fn.immediateAt(pc, 0) & 0xFFFF_FFFFL);
      length = 1 << OperatorTypes.naturalAlign(op);
    } else if (op == Op.LOCAL_STORE32 || op == Op.LOCAL_STORE64) {
      // local.get + store fused: the value comes from the local, the address is on top
      address = (in.peek(0) & 0xFFFF_FFFFL) + (fn.immediateAt(pc, 1) & 0xFFFF_FFFFL);
      length = op == Op.LOCAL_STORE64 ? 8 : 4;
    } else if (op == Op.GLOBAL_LOCAL_STORE32) {
      // global.get + local.get + i32.store fused: the address is the global's value
      long base = fn.instance().global(fn.immediateAt(pc, 0)).get();
      address = (base & 0xFFFF_FFFFL) + (fn.immediateAt(pc, 2) & 0xFFFF_FFFFL);
      length = 4;
    } else if (op == Op.MEMORY_FILL || op == Op.MEMORY_COPY || op == Op.MEMORY_INIT) {
      address = in.peek(2) & 0xFFFF_FFFFL;
      length = in.peek(0) & 0xFFFF_FFFFL;
    } else {
      return;
    }
    if (length == 0) {
      return;
    }
    Instance inst = fn.instance();
    for (Watchpoint w : watchpoints) {
      if (w.overlaps(inst, address, length)) {
        pendingWatch = w;
        pendingAddress = address;
        pendingLength = length;
        return;
      }
    }
  }

  private void onTrap(Interpreter in, Trap trap) {
    stepMode = null;
    stepOwner = null;
    pendingWatch = null;
    pausePending = false;
    try {
      stopListener.onStop(new Stop.Trapped(trap), new ProgramState(in));
    } finally {
      updateStepping();
    }
  }

  /**
   * Chooses which functions run their stepping code. Stepping in, a pending pause and data
   * watchpoints need every instruction everywhere; a step over or out only needs the functions
   * of the frames it can stop in (the current one and its callers), so the calls it steps over
   * run at full speed.
   */
  private void updateStepping() {
    int state = (stepMode == null ? 0 : 1 + stepMode.ordinal()) | (pausePending ? 16 : 0)
        | (pendingWatch != null ? 32 : 0) | (watchpoints.isEmpty() ? 0 : 64);
    if (state == steppingState && !newStep) {
      return; // the common case while stepping: nothing changed since the last instruction
    }
    steppingState = state;
    newStep = false;
    boolean everywhere = stepMode == Resume.STEP_IN || pausePending || pendingWatch != null
        || !watchpoints.isEmpty();
    if (everywhere != stepping) {
      setStepping(everywhere);
    }
    Set<GuestFunction> wanted = new HashSet<>();
    if (!everywhere && (stepMode == Resume.STEP_OVER || stepMode == Resume.STEP_OUT)) {
      for (Frame f : interpreter.frames()) {
        if (f.guest() != null) {
          wanted.add(f.guest());
        }
      }
    }
    if (wanted.equals(partlyStepping)) {
      return;
    }
    for (GuestFunction g : partlyStepping) {
      if (!wanted.contains(g)) {
        g.setStepping(everywhere);
      }
    }
    for (GuestFunction g : wanted) {
      g.setStepping(true);
    }
    partlyStepping = wanted;
  }

  private void setStepping(boolean on) {
    stepping = on;
    store.setStepping(on);
  }

  /** All probes installed now, for tests and listings. */
  public List<Probe> probes() {
    List<Probe> all = new ArrayList<>();
    for (Map<Integer, Probe[]> m : probes.values()) {
      for (Probe[] ps : m.values()) {
        for (Probe p : ps) {
          if (!all.contains(p)) {
            all.add(p);
          }
        }
      }
    }
    return all;
  }
}
