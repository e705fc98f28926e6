package dev.tricolor.dap.session;

import dev.tricolor.dap.launch.LaunchConfig;
import dev.tricolor.dap.sourcemap.MappedSources;
import dev.tricolor.dap.expr.Evaluator;
import dev.tricolor.dap.expr.Expr;
import dev.tricolor.dap.expr.ExpressionException;
import dev.tricolor.dap.expr.MemoryEvalContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.BreakpointEventArgumentsReason;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.InvalidatedAreas;
import org.eclipse.lsp4j.debug.InvalidatedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

/**
 * One debug session: the state machine of {@link SessionState} and the program thread.
 *
 * <p>Every method here is called on lsp4j's reader thread, one request at a time, and never
 * blocks it (except {@code disconnect}, which waits a bounded time for the program to end). The
 * program thread reports stops and the end through {@link ProgramThread.Listener}.
 */
public final class DebugSession implements ProgramThread.Listener {
  /** The one thread a WebAssembly program has. */
  public static final int THREAD_ID = 1;

  private final DebuggeeFactory factory;
  private final ResponseHooks hooks;
  private final Path serverDirectory;
  private IDebugProtocolClient client;

  private volatile SessionState state = SessionState.NEW;
  private volatile boolean terminateRequested;
  private volatile boolean clientInvalidates;
  private boolean configurationDone;
  private LaunchConfig config;
  private Debuggee debuggee;
  private Optional<MappedSources> sources = Optional.empty();
  private ProgramThread program;
  private final ExceptionBreakpoints exceptionBreakpoints = new ExceptionBreakpoints();
  private final BreakpointTable breakpoints = new BreakpointTable();
  /** Breakpoint requests that came before the program was loaded: replayed at launch. */
  /**
   * The last breakpoint request of each kind (per source for line breakpoints), to set again in
   * a program loaded later: requests made before launch, and all of them at a restart.
   */
  private final Map<String, Runnable> breakpointRequests = new LinkedHashMap<>();
  private Map<String, Object> launchArguments;
  /** A program being ended by a restart: its end is not the session's. */
  private volatile ProgramThread replaced;

  public DebugSession(DebuggeeFactory factory, ResponseHooks hooks, Path serverDirectory) {
    this.factory = factory;
    this.hooks = hooks;
    this.serverDirectory = serverDirectory;
  }

  public void connect(IDebugProtocolClient client) {
    this.client = client;
  }

  public ResponseHooks hooks() {
    return hooks;
  }

  public SessionState state() {
    return state;
  }

  public Optional<MappedSources> sources() {
    return sources;
  }

  public ExceptionBreakpoints exceptionBreakpoints() {
    return exceptionBreakpoints;
  }

  /**
   * {@code initialize}. The {@code initialized} event, which invites the configuration requests
   * (breakpoints), is sent after the first successful {@code launch} response: then the program
   * and its source map are loaded and every breakpoint can be resolved at once, whatever order
   * the client sends launch and configuration in.
   */
  public void initialize(InitializeRequestArguments args) {
    clientInvalidates = args != null && Boolean.TRUE.equals(args.getSupportsInvalidatedEvent());
  }

  /**
   * The program's variables changed while it stayed stopped ({@code :collect}): a client that
   * understands the {@code invalidated} event fetches them again.
   */
  public void variablesChanged() {
    if (clientInvalidates) {
      InvalidatedEventArguments e = new InvalidatedEventArguments();
      e.setAreas(new String[] {InvalidatedAreas.VARIABLES});
      e.setThreadId(THREAD_ID);
      client.invalidated(e);
    }
  }

  /** {@code launch}: parses the arguments, loads the program and its source map; runs nothing. */
  public void launch(Map<String, Object> arguments) throws Exception {
    if (state != SessionState.NEW) {
      throw new RequestException("this session has already launched a program");
    }
    use(load(arguments));
    boolean start = configurationDone;
    hooks.afterResponse("launch", () -> {
      replayBreakpoints();
      client.initialized();
      if (start) {
        startProgram();
      }
    });
  }

  /**
   * {@code restart}: ends the program (without {@code exited} or {@code terminated}) and launches
   * it again, with {@code arguments} when the client sends a new configuration, else with the
   * launch's; the breakpoints the client set are set again in the new program, under the same ids.
   * A configuration that cannot be loaded fails the request and leaves the program as it was.
   */
  public void restart(Map<String, Object> arguments) throws Exception {
    if (state == SessionState.NEW) {
      throw new RequestException("no program is launched yet, so there is nothing to restart");
    }
    Loaded next = load(arguments != null ? arguments : launchArguments);
    ProgramThread p = program;
    if (p != null && p.isAlive()) {
      replaced = p;
      debuggee.requestTerminate();
      p.end();
      if (!p.join(5_000)) {
        Log.info("the restarted program's thread did not end within 5 s; leaving it behind");
      }
    }
    program = null;
    use(next);
    terminateRequested = false;
    breakpoints.forgetInstalled();
    boolean start = configurationDone;
    hooks.afterResponse("restart", () -> {
      replayBreakpoints();
      if (start) {
        startProgram();
      }
    });
  }

  private record Loaded(Map<String, Object> arguments, LaunchConfig config, Debuggee debuggee,
      Optional<MappedSources> sources) {}

  /** Loads the program {@code arguments} name; on failure nothing of the session changes. */
  private Loaded load(Map<String, Object> arguments) throws Exception {
    LaunchConfig c = LaunchConfig.parse(arguments, serverDirectory);
    Debuggee d = factory.load(c, this::output);
    return new Loaded(arguments, c, d, d.sourceMap().map(m -> new MappedSources(m, c.sourceRoot())));
  }

  /** Makes {@code l} the session's program, ready to start. */
  private void use(Loaded l) {
    l.debuggee().setRuntimeEvents(exceptionBreakpoints.enabledEvents());
    launchArguments = l.arguments();
    config = l.config();
    debuggee = l.debuggee();
    sources = l.sources();
    state = SessionState.LAUNCHING;
    Log.info("launched " + l.config().program());
  }

  private void replayBreakpoints() {
    List.copyOf(breakpointRequests.values()).forEach(Runnable::run);
  }

  /** {@code setExceptionBreakpoints}: the filters, and the runtime events the program must report. */
  public Breakpoint[] setExceptionBreakpoints(org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments args) {
    Debuggee d = debuggee;
    Breakpoint[] out = d == null ? exceptionBreakpoints.set(args) : exceptionBreakpoints.set(args, d::unavailable);
    if (debuggee != null) {
      debuggee.setRuntimeEvents(exceptionBreakpoints.enabledEvents());
    }
    return out;
  }

  /** {@code setBreakpoints} for one source. */
  public Breakpoint[] setBreakpoints(SetBreakpointsArguments args) {
    return remember(BreakpointTable.sourceKey(args.getSource()),
        () -> breakpoints.setSource(debuggee, sources, args.getSource(), args.getBreakpoints()));
  }

  public Breakpoint[] setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
    return remember("functions", () -> breakpoints.setFunctions(debuggee, args.getBreakpoints()));
  }

  public Breakpoint[] setInstructionBreakpoints(SetInstructionBreakpointsArguments args) {
    return remember("instructions",
        () -> breakpoints.setInstructions(debuggee, args.getBreakpoints()));
  }

  public Breakpoint[] setDataBreakpoints(SetDataBreakpointsArguments args) {
    return remember("data", () -> breakpoints.setData(debuggee, args.getBreakpoints()));
  }

  /**
   * Sets breakpoints now (pending when no program is loaded yet) and keeps the request, to set
   * it again in a program loaded later, telling the client under the ids it got now.
   */
  private Breakpoint[] remember(String key, Supplier<Breakpoint[]> set) {
    Breakpoint[] out = set.get();
    breakpointRequests.put(key, () -> changed(out, set.get()));
    return out;
  }

  /** Tells the client how pending breakpoints resolved, under the ids it was first given. */
  private void changed(Breakpoint[] before, Breakpoint[] now) {
    for (int i = 0; i < now.length && i < before.length; i++) {
      now[i].setId(before[i].getId());
      BreakpointEventArguments e = new BreakpointEventArguments();
      e.setReason(BreakpointEventArgumentsReason.CHANGED);
      e.setBreakpoint(now[i]);
      client.breakpoint(e);
    }
  }

  /** {@code configurationDone}: the program starts after this response (or after launch's). */
  public void configurationDone() {
    configurationDone = true;
    if (state == SessionState.LAUNCHING) {
      hooks.afterResponse("configurationDone", this::startProgram);
    }
  }

  private void startProgram() {
    program =
        new ProgramThread(
            debuggee, (stop, view, handles) -> new StopContext(view, handles, sources, stop), this);
    state = SessionState.RUNNING;
    program.start();
  }

  /** {@code continue}, {@code next}, {@code stepIn}, {@code stepOut}: resumes after the response. */
  public void resume(Resume how, String method) {
    requireStopped();
    state = SessionState.RUNNING;
    ProgramThread p = program;
    hooks.afterResponse(method, () -> p.resume(how));
  }

  /** {@code pause}: a running program stops with reason {@code pause}; a stopped one stays. */
  public void pause() {
    switch (state) {
      case RUNNING -> debuggee.requestPause();
      case STOPPED -> { }
      default -> throw new RequestException(notRunning());
    }
  }

  /** {@code terminate}: ends the program; the session then sends {@code terminated}. */
  public void terminate() {
    terminateRequested = true;
    switch (state) {
      case RUNNING, STOPPED -> {
        debuggee.requestTerminate();
        program.end();
      }
      case LAUNCHING, NEW -> {
        state = SessionState.TERMINATED;
        hooks.afterResponse("terminate", () -> client.terminated(new TerminatedEventArguments()));
      }
      case TERMINATED -> { }
    }
  }

  /**
   * {@code disconnect}: ends the program if it runs and waits (bounded) for the program thread,
   * so nothing of the guest outlives the session.
   */
  public void disconnect() throws InterruptedException {
    terminateRequested = true;
    ProgramThread p = program;
    if (p != null && p.isAlive()) {
      debuggee.requestTerminate();
      p.end();
      if (!p.join(5_000)) {
        Log.info("the program thread did not end within 5 s of disconnect; leaving it behind");
      }
    }
    state = SessionState.TERMINATED;
  }

  /**
   * Runs {@code work} on the program thread at the current stop. Fails at once, with a message
   * that says what to do, when the program is not stopped.
   */
  public <T> CompletableFuture<T> atStop(Function<StopContext, T> work) {
    requireStopped();
    return program.atStop(work);
  }

  private void requireStopped() {
    if (state != SessionState.STOPPED) {
      throw new RequestException(
          state == SessionState.RUNNING ? "the program is running; pause it first" : notRunning());
    }
  }

  private String notRunning() {
    return switch (state) {
      case NEW -> "no program is launched yet";
      case LAUNCHING -> "the program has not started yet (it starts at configurationDone)";
      case TERMINATED -> "the program has ended";
      default -> "the program is " + state.name().toLowerCase();
    };
  }

  // ---- program thread ----

  @Override
  public RunOutcome.Stopped filter(RunOutcome.Stopped stop, Debuggee.ProgramView view) {
    RunOutcome.ExceptionStop ex = stop.exception();
    if (ex != null) {
      for (ExceptionFilter f : ex.filters()) {
        if (exceptionBreakpoints.isEnabled(f) && conditionHolds(f, ex)) {
          RunOutcome.ExceptionStop chosen =
              new RunOutcome.ExceptionStop(List.of(f), ex.description(), ex.details(), ex.conditionValues());
          return new RunOutcome.Stopped(stop.reason(), stop.description(), chosen, stop.breakpointIds());
        }
      }
      return null;
    }
    if (!stop.breakpointIds().isEmpty()) {
      String reason =
          breakpoints.decide(stop.breakpointIds(), view.evalContext(0), text -> output("console", text));
      if (reason == null) {
        return null;
      }
      return new RunOutcome.Stopped(reason, stop.description(), null,
          breakpoints.clientIds(stop.breakpointIds()));
    }
    return stop;
  }

  private boolean conditionHolds(ExceptionFilter f, RunOutcome.ExceptionStop ex) {
    Optional<Expr> c = exceptionBreakpoints.condition(f);
    if (c.isEmpty()) {
      return true;
    }
    try {
      return new Evaluator(new MemoryEvalContext(null).scope(ex.conditionValues())).eval(c.get()).truthy();
    } catch (ExpressionException e) {
      output("console", "condition of the '" + f.id() + "' filter failed: " + e.getMessage() + "\n");
      return true;
    }
  }

  @Override
  public void stopped(RunOutcome.Stopped stop, StopContext context) {
    ProgramThread r = replaced;
    if (r != null && r.isCurrentThread()) {
      return; // a restart is ending it
    }
    state = SessionState.STOPPED;
    StoppedEventArguments e = new StoppedEventArguments();
    e.setReason(stop.reason());
    e.setDescription(stop.description());
    e.setThreadId(THREAD_ID);
    e.setAllThreadsStopped(true);
    if (stop.exception() != null) {
      e.setText(stop.exception().description());
    }
    if (!stop.breakpointIds().isEmpty()) {
      e.setHitBreakpointIds(stop.breakpointIds().toArray(new Integer[0]));
    }
    client.stopped(e);
  }

  @Override
  public void ended(RunOutcome.Ended end, Throwable crash) {
    ProgramThread r = replaced;
    if (r != null && r.isCurrentThread()) {
      return; // a restart ended it; the session goes on with the new program
    }
    state = SessionState.TERMINATED;
    if (crash != null) {
      Log.error("the engine failed while running the program", crash);
      output("important", "Tricolor's engine failed while running the program: " + crash
          + " (the server log has the details)\n");
    }
    if (!terminateRequested || crash != null) {
      ExitedEventArguments exited = new ExitedEventArguments();
      exited.setExitCode(end.exitCode());
      client.exited(exited);
    }
    client.terminated(new TerminatedEventArguments());
  }

  private void output(String category, String text) {
    OutputEventArguments o = new OutputEventArguments();
    o.setCategory(category);
    o.setOutput(text);
    client.output(o);
  }

  LaunchConfig config() {
    return config;
  }
}
