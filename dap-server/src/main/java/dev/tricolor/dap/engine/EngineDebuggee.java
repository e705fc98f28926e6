package dev.tricolor.dap.engine;

import dev.tricolor.dap.session.Debuggee;
import dev.tricolor.dap.session.DebuggeeFactory;
import dev.tricolor.dap.session.RequestException;
import dev.tricolor.dap.session.Resume;
import dev.tricolor.dap.session.RunOutcome;
import dev.tricolor.dap.sourcemap.SourceMap;
import dev.tricolor.dap.sourcemap.SourcePosition;
import dev.tricolor.wasm.debug.Debugger;
import dev.tricolor.wasm.debug.ProgramState;
import dev.tricolor.wasm.debug.Probe;
import dev.tricolor.wasm.debug.Stop;
import dev.tricolor.wasm.debug.StopListener;
import dev.tricolor.wasm.exec.GuestFunction;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.LinkException;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.Terminated;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.host.AbortTrap;
import dev.tricolor.wasm.host.AscHost;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.WasmModule;
import dev.tricolor.dap.expr.Value;
import dev.tricolor.dap.session.ExceptionFilter;
import dev.tricolor.heap.events.EventKind;
import dev.tricolor.dap.launch.RuntimeMode;
import dev.tricolor.heap.events.GuestRuntimeEvents;
import dev.tricolor.heap.events.RuntimeEventSource;
import dev.tricolor.heap.host.HostRuntime;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.wasm.exec.Imports;
import dev.tricolor.wasm.exec.WasmFunction;
import dev.tricolor.heap.read.HeapReader;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.events.RuntimeEvent;
import dev.tricolor.heap.events.RuntimeEventListener;
import dev.tricolor.heap.symbols.RuntimeFunction;
import dev.tricolor.heap.symbols.RuntimeSymbols;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;

/**
 * A program on Tricolor's engine, driven by the session: the start function, then the invoked
 * export, with the engine's debugger attached. Engine stops become session stops; steps by line
 * are made of engine steps by instruction until the source line changes.
 */
final class EngineDebuggee implements Debuggee {
  private final LoadedModule loaded;
  private final boolean stopOnEntry;
  private final DebuggeeFactory.ProgramOutput output;
  private final Store store;
  private final Debugger debugger;
  private final StopListener listener = this::onStop;
  private final Disassembler disassembler;
  private final HostRuntime hostRuntime;
  /** The host runtime's {@code __collect}, for :collect in host mode; null in guest mode. */
  private WasmFunction hostCollect;
  private RuntimeSymbols symbols;
  /** While :collect runs: the collection's runtime events stop nothing. */
  private volatile boolean collecting;
  private final Map<Integer, long[]> watchRanges = new LinkedHashMap<>();
  private final Map<dev.tricolor.wasm.debug.Watchpoint, Integer> idOfWatch = new ConcurrentHashMap<>();

  private volatile Instance instance;
  private volatile boolean terminateRequested;
  private boolean started;
  private StopHandler stops;
  private LineStep lineStep;
  private long[] results;

  // Breakpoints: ids to targets (to install once the instance exists) and to probes.
  private int nextId = 1;
  private final Map<Integer, BreakTarget> targets = new LinkedHashMap<>();
  private final Map<Integer, List<Probe>> probes = new LinkedHashMap<>();
  private final Map<Probe, Integer> idOfProbe = new ConcurrentHashMap<>();

  EngineDebuggee(LoadedModule loaded, boolean stopOnEntry, DebuggeeFactory.ProgramOutput output) {
    this.loaded = loaded;
    this.stopOnEntry = stopOnEntry;
    this.output = output;
    this.store = new Store(loaded.limits());
    this.disassembler = new Disassembler(loaded.module());
    // Host mode: the Java TLSF/ITCMS allocate and collect; their globals live in Java.
    this.hostRuntime = loaded.runtime() == RuntimeMode.HOST ? new HostRuntime() : null;
    this.debugger = Debugger.attach(store);
    debugger.setStopListener(listener);
  }

  /**
   * A step by source line or statement in progress: engine steps repeat until the line changes,
   * or (by statement) until the next statement of the same line begins.
   */
  private record LineStep(Resume.Kind kind, int depth, SourcePosition from, boolean byStatement) {}

  @Override
  public Optional<SourceMap> sourceMap() {
    return loaded.sourceMap();
  }

  /** What the invoked export returned, after a normal end; else null. */
  long[] results() {
    return results;
  }

  /** The instance, once instantiation began (null before). */
  Instance instance() {
    return instance;
  }

  /** The runtime's symbols in the module, resolved once. */
  RuntimeSymbols symbols() {
    if (symbols == null) {
      symbols = RuntimeSymbols.resolve(loaded.module());
    }
    return symbols;
  }

  /**
   * The heap of {@code inst} as it is now: read in place in guest mode, with the host runtime's
   * globals (which live in Java) in host mode.
   */
  HeapSnapshot readHeap(Instance inst) {
    RuntimeGlobals globals = hostRuntime != null ? hostRuntime.globals() : symbols().globals(inst);
    return HeapReader.read(inst.memory(), globals, symbols().types(inst.memory().bytes(), globals));
  }

  @Override
  public Optional<String> unavailable(ExceptionFilter f) {
    if (hostRuntime != null) {
      return Optional.empty(); // the Java runtime reports its own events
    }
    List<RuntimeFunction> from = switch (f) {
      case ALLOC -> List.of(RuntimeFunction.NEW);
      case FREE -> List.of(RuntimeFunction.ITCMS_FREE, RuntimeFunction.FREE);
      case COLLECT -> List.of(RuntimeFunction.STEP, RuntimeFunction.COLLECT);
      default -> List.of();
    };
    RuntimeSymbols s = symbols();
    if (from.isEmpty() || from.stream().anyMatch(r -> s.functionIndex(r) >= 0)) {
      return Optional.empty();
    }
    List<String> names = from.stream().map(RuntimeFunction::symbol).toList();
    return Optional.of("'" + f.id() + "' can never stop in this program: it has no "
        + String.join(" or ", names) + (s.named()
            ? " (it never allocates a managed object, so asc left that part of the runtime out)"
            : " by name (an -O3 build keeps no names to find it by; build with --debug)"));
  }

  /** :collect at a stop: see {@link FullCollection}; returns the frames' values kept alive. */
  int collectGarbage(ProgramState state, Instance inst, HeapSnapshot heap) {
    collecting = true;
    try {
      return new FullCollection(state.interpreter(), inst, symbols(), hostCollect)
          .run(heap, state.frames());
    } finally {
      collecting = false;
    }
  }

  Disassembler disassembler() {
    return disassembler;
  }

  @Override
  public RunOutcome.Ended run(StopHandler stops) {
    this.stops = stops;
    if (terminateRequested) {
      return new RunOutcome.Ended(0);
    }
    // The first instruction that runs stops silently: breakpoints go in then (the instance
    // exists from the start function on), and a stop on entry is reported from there.
    debugger.stopAtNextInstruction();
    AscHost host =
        new AscHost()
            .out(s -> output.print(OutputEventArgumentsCategory.STDOUT, s))
            .err(s -> output.print(OutputEventArgumentsCategory.STDERR, s));
    try {
      Imports imports = host.imports(store);
      if (hostRuntime != null) {
        Imports runtime = hostRuntime.imports(store);
        hostCollect = (WasmFunction) runtime.get(HostRuntime.MODULE, "__collect");
        imports.addAll(runtime);
      }
      Instance inst = Instance.instantiate(store, loaded.module(), imports);
      if (hostRuntime != null) {
        hostRuntime.bind(inst);
      }
      instance = inst;
      installAll();
      Optional<Invocation> inv = loaded.invocation();
      if (inv.isPresent()) {
        results = store.interpreter().invoke(inst.exportedFunction(inv.get().export()), inv.get().args());
        output.print(OutputEventArgumentsCategory.CONSOLE,
            inv.get().export() + " returned " + describe(inv.get(), results) + "\n");
      }
      return new RunOutcome.Ended(0);
    } catch (Terminated t) {
      return new RunOutcome.Ended(0);
    } catch (AbortTrap a) {
      output.print(OutputEventArgumentsCategory.STDERR, a.getMessage() + "\n");
      return new RunOutcome.Ended(2);
    } catch (Trap t) {
      output.print(OutputEventArgumentsCategory.STDERR, "trap: " + t.getMessage() + "\n");
      return new RunOutcome.Ended(2);
    } catch (LinkException e) {
      output.print(OutputEventArgumentsCategory.STDERR, "cannot instantiate: " + e.getMessage() + "\n");
      return new RunOutcome.Ended(2);
    }
  }

  /** The results as the CLI prints them: decimal, floats as Java prints them, one per line. */
  static String describe(Invocation inv, long[] results) {
    if (results.length == 0) {
      return "nothing";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < results.length; i++) {
      sb.append(i > 0 ? ", " : "")
          .append(WasmValues.of(inv.type().result(i), results[i]).display(false));
    }
    return sb.toString();
  }

  @Override
  public void requestPause() {
    debugger.requestPause();
  }

  @Override
  public void requestTerminate() {
    terminateRequested = true;
    debugger.requestTerminate();
  }

  // ---- breakpoints (any thread) ----

  @Override
  public synchronized Installed addBreakpoint(BreakTarget target) {
    int id = nextId++;
    Installed where = check(id, target);
    targets.put(id, target);
    if (instance != null) {
      install(id, target);
      List<Probe> ps = probes.get(id);
      if (ps != null && !ps.isEmpty()) {
        where = new Installed(id, ps.get(0).codeOffset(), where.function());
      }
    }
    return where;
  }

  @Override
  public synchronized void removeBreakpoint(int id) {
    targets.remove(id);
    watchRanges.remove(id);
    dev.tricolor.wasm.debug.Watchpoint w = watches.remove(id);
    if (w != null) {
      idOfWatch.remove(w);
      w.remove();
    }
    List<Probe> ps = probes.remove(id);
    if (ps != null) {
      for (Probe p : ps) {
        idOfProbe.remove(p);
        p.remove();
      }
    }
  }

  // Runtime events (alloc, free, collect) from the heap model's probes on the runtime.
  private RuntimeEventSource events;
  private Set<EventKind> eventKinds = Set.of();
  private final RuntimeEventListener eventListener = this::onEvent;

  @Override
  public synchronized void setRuntimeEvents(Set<ExceptionFilter> filters) {
    Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
    if (filters.contains(ExceptionFilter.ALLOC)) {
      kinds.add(EventKind.ALLOC);
    }
    if (filters.contains(ExceptionFilter.FREE)) {
      kinds.add(EventKind.FREE);
    }
    if (filters.contains(ExceptionFilter.COLLECT)) {
      kinds.add(EventKind.COLLECT);
    }
    eventKinds = kinds;
    if (events != null) {
      events.enable(kinds);
    }
  }

  private void startEvents() {
    if (events != null || instance == null) {
      return;
    }
    try {
      events = hostRuntime != null
          ? hostRuntime.events(eventListener, debugger)
          : new GuestRuntimeEvents(
              debugger, instance, RuntimeSymbols.resolve(loaded.module()), eventListener);
      events.enable(eventKinds);
    } catch (RuntimeException e) {
      output.print(OutputEventArgumentsCategory.CONSOLE,
          "heap events (alloc, free, collect) are not available for this program: " + e + "\n");
    }
  }

  private dev.tricolor.wasm.debug.Resume onEvent(RuntimeEvent event, ProgramState state) {
    if (collecting) {
      return dev.tricolor.wasm.debug.Resume.CONTINUE;
    }
    RunOutcome.Stopped stop;
    if (event instanceof RuntimeEvent.Allocated a) {
      String d = name(a.className(), a.id()) + " allocated at 0x" + Integer.toHexString(a.address())
          + " (" + a.size() + " bytes)";
      stop = eventStop(ExceptionFilter.ALLOC, d, List.of(
          new Value.Named("size", Value.Int.i32(a.size())), new Value.Named("id", Value.Int.i32(a.id())),
          new Value.Named("className", new Value.Str(name(a.className(), a.id())))));
    } else if (event instanceof RuntimeEvent.Free f) {
      String d = (f.className() == null ? "block" : f.className()) + " freed at 0x"
          + Integer.toHexString(f.address()) + " (" + f.size() + " bytes)";
      stop = eventStop(ExceptionFilter.FREE, d, List.of(
          new Value.Named("size", Value.Int.i32(f.size())), new Value.Named("id", Value.Int.i32(f.id())),
          new Value.Named("className", new Value.Str(f.className() == null ? "" : f.className()))));
    } else if (event instanceof RuntimeEvent.Collect c) {
      String d = "garbage collection: " + c.phase().label()
          + (c.total() >= 0 ? " (total " + c.total() + " bytes)" : "");
      stop = eventStop(ExceptionFilter.COLLECT, d,
          List.of(new Value.Named("phase", new Value.Str(c.phase().label()))));
    } else {
      return dev.tricolor.wasm.debug.Resume.CONTINUE; // Alloc (entry): the stop is at Allocated
    }
    // An alloc stop is at __new's end, the allocation done: a collection may run there. A free
    // or collect stop is inside a collector step, which would go on over what :collect changed.
    String noCollection = event instanceof RuntimeEvent.Allocated ? "" : ":collect: the program is"
        + " stopped inside the collector (a " + stop.reason() + " stop); a collection now would run"
        + " inside the one in progress; continue or step to the program's own code first";
    Resume how = stops.stopped(stop, new EngineProgramView(state, instanceOf(state), this, noCollection));
    switch (how.kind()) {
      case TERMINATE:
        lineStep = null;
        return dev.tricolor.wasm.debug.Resume.TERMINATE;
      case UNCHANGED:
        return dev.tricolor.wasm.debug.Resume.CONTINUE; // a step in progress is not this probe's
      case CONTINUE:
        lineStep = null;
        return dev.tricolor.wasm.debug.Resume.CONTINUE;
      default:
        // A step must belong to the program's own stop listener, not to the event probe: ask
        // for a stop at the next instruction and go on stepping from there.
        lineStep = sourceStep(how, state);
        debugger.stopAtNextInstruction();
        return dev.tricolor.wasm.debug.Resume.CONTINUE;
    }
  }

  private static String name(String className, int id) {
    return className != null ? className : "class #" + id;
  }

  private static RunOutcome.Stopped eventStop(ExceptionFilter f, String description, List<Value.Named> values) {
    return new RunOutcome.Stopped(f.id(), description,
        new RunOutcome.ExceptionStop(List.of(f), description, null, values));
  }

  @Override
  public synchronized int addWatch(long address, long length) {
    if (length <= 0) {
      throw new RequestException("a data breakpoint needs at least one byte");
    }
    if (loaded.module().allMemories().isEmpty()) {
      throw new RequestException("the module has no linear memory to watch");
    }
    int id = nextId++;
    watchRanges.put(id, new long[] {address, length});
    if (instance != null) {
      installWatch(id, address, length);
    }
    return id;
  }

  private void installWatch(int id, long address, long length) {
    dev.tricolor.wasm.debug.Watchpoint w = debugger.watch(instance, address, length, listener);
    idOfWatch.put(w, id);
    watches.put(id, w);
  }

  private final Map<Integer, dev.tricolor.wasm.debug.Watchpoint> watches = new LinkedHashMap<>();

  /** Where {@code target} is in the module, checked before there is an instance. */
  private Installed check(int id, BreakTarget target) {
    WasmModule m = loaded.module();
    if (target instanceof BreakTarget.Offset o) {
      for (FunctionBody b : m.bodies()) {
        if (o.offset() >= b.codeStart() && o.offset() < b.end()) {
          return new Installed(id, o.offset(), functionName(b.functionIndex()));
        }
      }
      throw new RequestException(
          "no code at offset 0x" + Long.toHexString(o.offset()) + " of the module");
    }
    String name = ((BreakTarget.FunctionEntry) target).name();
    int index = functionIndex(name);
    FunctionBody body = m.body(index);
    return new Installed(id, body.codeStart(), functionName(index));
  }

  private String functionName(int index) {
    String n = loaded.module().names().functionName(index);
    return n != null ? n : "$func" + index;
  }

  /** The defined function called {@code name}, or whose name ends in {@code /name}. */
  private int functionIndex(String name) {
    WasmModule m = loaded.module();
    List<Integer> suffix = new ArrayList<>();
    for (int i = m.importedFunctionCount(); i < m.functionCount(); i++) {
      String n = m.names().functionName(i);
      if (name.equals(n) || ("$func" + i).equals(name)) {
        return i;
      }
      if (n != null && (n.endsWith("/" + name) || n.endsWith("#" + name))) {
        suffix.add(i);
      }
    }
    if (suffix.size() == 1) {
      return suffix.get(0);
    }
    if (suffix.isEmpty()) {
      throw new RequestException("the module has no function named '" + name + "'");
    }
    List<String> names = new ArrayList<>();
    for (int i : suffix) {
      names.add(functionName(i));
    }
    throw new RequestException(
        "'" + name + "' names several functions; use the full name: " + String.join(", ", names));
  }

  private synchronized void installAll() {
    startEvents();
    for (Map.Entry<Integer, BreakTarget> e : targets.entrySet()) {
      if (!probes.containsKey(e.getKey())) {
        install(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<Integer, long[]> e : watchRanges.entrySet()) {
      if (!watches.containsKey(e.getKey()) && instance != null && instance.memory() != null) {
        installWatch(e.getKey(), e.getValue()[0], e.getValue()[1]);
      }
    }
  }

  private void install(int id, BreakTarget target) {
    Instance inst = instance;
    Probe p;
    try {
      if (target instanceof BreakTarget.Offset o) {
        p = debugger.breakAt(inst, (int) o.offset(), listener);
      } else {
        int index = functionIndex(((BreakTarget.FunctionEntry) target).name());
        p = debugger.onEntry((GuestFunction) inst.function(index), listener);
      }
    } catch (IllegalArgumentException | RequestException e) {
      return; // checked when added; an offset of a body that compiles to no code stays unset
    }
    probes.put(id, List.of(p));
    idOfProbe.put(p, id);
  }

  // ---- stops (program thread) ----

  private dev.tricolor.wasm.debug.Resume onStop(Stop stop, ProgramState state) {
    if (instance == null) {
      instance = state.instance();
    }
    if (!started) {
      started = true;
      installAll();
      if (stop instanceof Stop.Stepped && !stopOnEntry) {
        return dev.tricolor.wasm.debug.Resume.CONTINUE;
      }
      if (stop instanceof Stop.Stepped) {
        return report(new RunOutcome.Stopped(StoppedEventArgumentsReason.ENTRY, null, null), state);
      }
    }
    RunOutcome.Stopped outcome;
    if (stop instanceof Stop.Stepped) {
      if (lineStep != null && !lineStepDone(state)) {
        return engineMode(lineStep.kind());
      }
      outcome = new RunOutcome.Stopped(StoppedEventArgumentsReason.STEP, null, null);
    } else if (stop instanceof Stop.Paused) {
      outcome = new RunOutcome.Stopped(StoppedEventArgumentsReason.PAUSE, null, null);
    } else if (stop instanceof Stop.BreakpointHit hit) {
      outcome = breakpoint(StoppedEventArgumentsReason.BREAKPOINT, hit.probe());
    } else if (stop instanceof Stop.FunctionEntered entered) {
      outcome = breakpoint(StoppedEventArgumentsReason.FUNCTION_BREAKPOINT, entered.probe());
    } else if (stop instanceof Stop.DataWritten w) {
      Integer id = idOfWatch.get(w.watchpoint());
      outcome = new RunOutcome.Stopped(
          StoppedEventArgumentsReason.DATA_BREAKPOINT,
          w.length() + " bytes written at 0x" + Long.toHexString(w.address()), null,
          id == null ? List.of() : List.of(id));
    } else if (stop instanceof Stop.Trapped t) {
      return trapped(t.trap(), state);
    } else {
      return dev.tricolor.wasm.debug.Resume.CONTINUE; // function exits: not asked for here
    }
    return report(outcome, state);
  }

  /**
   * The engine reports one probe per listener at an instruction; every breakpoint of ours on that
   * instruction was hit (a line's entry on a block moves onto the next line's first instruction,
   * and an instruction breakpoint may sit where a line breakpoint is).
   */
  private RunOutcome.Stopped breakpoint(String reason, Probe probe) {
    List<Integer> ids = new ArrayList<>();
    for (Map.Entry<Probe, Integer> e : idOfProbe.entrySet()) {
      Probe p = e.getKey();
      if (p.function() == probe.function() && p.codeOffset() == probe.codeOffset()
          && p.kind() == probe.kind()) {
        ids.add(e.getValue());
      }
    }
    ids.sort(null);
    return new RunOutcome.Stopped(reason, null, null, ids);
  }

  private dev.tricolor.wasm.debug.Resume trapped(Trap t, ProgramState state) {
    EngineProgramView view = new EngineProgramView(state, instanceOf(state), this,
        ":collect: the program stopped on a trap and cannot run any more code; the heap is shown"
            + " as the trap left it");
    String fn = view.frames().isEmpty() ? null : view.frames().get(0).functionName();
    Instance inst = instanceOf(state);
    long memorySize = inst.memory() == null ? 0 : inst.memory().size();
    RunOutcome.ExceptionStop ex =
        TrapClassifier.classify(t, fn, memorySize, loaded.limits().memoryLimitPages());
    lineStep = null;
    stops.stopped(
        new RunOutcome.Stopped(StoppedEventArgumentsReason.EXCEPTION, ex.description(), ex), view);
    return dev.tricolor.wasm.debug.Resume.CONTINUE; // the trap goes on and ends the run
  }

  private Instance instanceOf(ProgramState state) {
    Instance i = state.instance();
    return i != null ? i : instance;
  }

  private dev.tricolor.wasm.debug.Resume report(RunOutcome.Stopped outcome, ProgramState state) {
    Resume how = stops.stopped(outcome, new EngineProgramView(state, instanceOf(state), this, null));
    switch (how.kind()) {
      case TERMINATE:
        lineStep = null;
        return dev.tricolor.wasm.debug.Resume.TERMINATE;
      case CONTINUE:
        lineStep = null;
        return dev.tricolor.wasm.debug.Resume.CONTINUE;
      case UNCHANGED:
        return lineStep == null
            ? dev.tricolor.wasm.debug.Resume.CONTINUE
            : engineMode(lineStep.kind());
      default:
        lineStep = sourceStep(how, state);
        return engineMode(how.kind());
    }
  }

  /** The step by source {@code how} asks for from here; null for one by instruction. */
  private LineStep sourceStep(Resume how, ProgramState state) {
    if (how.granularity() == Resume.Granularity.INSTRUCTION || sourceMap().isEmpty()) {
      return null;
    }
    return new LineStep(how.kind(), state.interpreter().depth(), position(state),
        how.granularity() == Resume.Granularity.STATEMENT);
  }

  private static dev.tricolor.wasm.debug.Resume engineMode(Resume.Kind kind) {
    return switch (kind) {
      case STEP_IN -> dev.tricolor.wasm.debug.Resume.STEP_IN;
      case STEP_OUT -> dev.tricolor.wasm.debug.Resume.STEP_OUT;
      default -> dev.tricolor.wasm.debug.Resume.STEP_OVER;
    };
  }

  private SourcePosition position(ProgramState state) {
    return sourceMap().flatMap(m -> m.positionAt(state.top().codeOffset())).orElse(null);
  }

  /**
   * Whether a step by line has arrived: at mapped code on another line than where it began, or
   * (after a return or a call) at mapped code in another frame. A step by statement also arrives
   * at mapped code of another column of the same line where the frame's operand stack is empty:
   * asc's map gives each expression its column, and an empty operand stack tells a statement's
   * first instruction from the operands of one in progress ({@code a[0] = x; a[1] = y;}).
   */
  private boolean lineStepDone(ProgramState state) {
    SourcePosition here = position(state);
    if (here == null) {
      return false;
    }
    LineStep s = lineStep;
    int depth = state.interpreter().depth();
    if (s.kind() == Resume.Kind.STEP_OUT || depth != s.depth() || s.from() == null) {
      return true;
    }
    if (here.source() != s.from().source() || here.line() != s.from().line()) {
      return true;
    }
    return s.byStatement() && here.column() != s.from().column()
        && state.top().operands().length == 0;
  }
}
