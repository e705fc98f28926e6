package dev.tricolor.dap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.dap.sourcemap.SourceMapException;
import dev.tricolor.dap.sourcemap.SourceMapLocator;
import java.io.IOException;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.ValueFormat;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.BreakpointLocationsArguments;
import org.eclipse.lsp4j.debug.BreakpointLocation;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session driven end to end by the lsp4j.debug client over pipes, on a scripted program
 * (the engine is not there yet): the state machine, the ordering of events after responses, the
 * requests served at a stop on the program thread, and error responses that keep the session up.
 */
class SessionTest {
  @TempDir Path dir;
  ScriptedDebuggee debuggee = new ScriptedDebuggee();
  PipedSession s;

  // A map for a module whose code is at offsets 0x20 (itcms.ts line 10), 0x5a (list.ts 5:3),
  // 0x70 (list.ts 7:5) and 0x300 (list.ts 20:1).
  static String map() {
    return "{\"version\":3,\"sources\":[\"~lib/rt/itcms.ts\",\"programs/list.ts\"],"
        + "\"sourceRoot\":\"./list\",\"sourcesContent\":[\"// itcms source\",null],\"names\":[],"
        + "\"mappings\":\"" + mappings() + "\"}";
  }

  static String mappings() {
    // {offset, source, line0, col0}, written with the test's own VLQ encoder.
    return dev.tricolor.dap.sourcemap.VlqForTests.mappings(
        new int[] {0x20, 0, 9, 0},
        new int[] {0x5a, 1, 4, 2},
        new int[] {0x70, 1, 6, 4},
        new int[] {0x300, 1, 19, 0});
  }

  @BeforeEach
  void files() throws IOException {
    Files.createDirectories(dir.resolve("build"));
    Files.createDirectories(dir.resolve("programs"));
    Files.write(dir.resolve("build/list.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    Files.writeString(dir.resolve("build/list.wasm.map"), map());
    Files.writeString(dir.resolve("programs/list.ts"), "// list source\n".repeat(30));
  }

  @AfterEach
  void close() throws IOException {
    if (s != null) {
      s.close();
    }
  }

  private void open() throws IOException {
    s = new PipedSession((config, output) -> {
      output.print("stdout", "loaded " + config.program().getFileName() + "\n");
      try {
        debuggee.map = SourceMapLocator.load(config.sourceMap(), config.program(), Optional.empty());
      } catch (SourceMapException e) {
        throw new RequestException(e.getMessage(), e);
      }
      return debuggee;
    }, dir);
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  private static String error(CompletableFuture<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    assertInstanceOf(ResponseErrorException.class, e.getCause(), "an error response");
    return e.getCause().getMessage();
  }

  private Map<String, Object> launchArgs(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    m.put("program", "build/list.wasm");
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private Capabilities initialize() throws Exception {
    InitializeRequestArguments a = new InitializeRequestArguments();
    a.setAdapterID("tricolor");
    return get(s.server.initialize(a));
  }

  /** initialize, launch, configurationDone: the program runs its script from here. */
  private void start(Object... launchArgs) throws Exception {
    initialize();
    get(s.server.launch(launchArgs(launchArgs)));
    s.client.next("initialized");
    get(s.server.configurationDone(new ConfigurationDoneArguments()));
  }

  @Test
  void initializeAnnouncesTheContractAndInitializedFollowsTheLaunchResponse() throws Exception {
    open();
    Capabilities c = initialize();
    error(s.server.launch(launchArgs("program", "none.wasm")));
    get(s.server.launch(launchArgs()));
    s.client.next("initialized");
    assertEquals(
        List.of("response:initialize", "response:launch", "response:launch", "event:initialized"),
        s.client.wire.stream().filter(w -> !w.equals("event:output")).toList(),
        "initialized comes once the program is loaded, after the successful launch's response");
    for (Boolean b :
        List.of(
            c.getSupportsConfigurationDoneRequest(), c.getSupportsFunctionBreakpoints(),
            c.getSupportsConditionalBreakpoints(), c.getSupportsHitConditionalBreakpoints(),
            c.getSupportsLogPoints(), c.getSupportsEvaluateForHovers(), c.getSupportsSetVariable(),
            c.getSupportsReadMemoryRequest(), c.getSupportsWriteMemoryRequest(),
            c.getSupportsDisassembleRequest(), c.getSupportsInstructionBreakpoints(),
            c.getSupportsSteppingGranularity(), c.getSupportsDataBreakpoints(),
            c.getSupportsExceptionFilterOptions(), c.getSupportsExceptionInfoRequest(),
            c.getSupportsTerminateRequest(), c.getSupportsLoadedSourcesRequest(),
            c.getSupportsValueFormattingOptions(), c.getSupportsBreakpointLocationsRequest())) {
      assertEquals(Boolean.TRUE, b);
    }
    ExceptionBreakpointsFilter[] f = c.getExceptionBreakpointFilters();
    assertEquals(
        List.of("trap", "bounds", "oom", "abort", "alloc", "free", "collect"),
        Arrays.stream(f).map(ExceptionBreakpointsFilter::getFilter).toList());
    assertEquals(
        List.of(true, true, true, true, false, false, false),
        Arrays.stream(f).map(ExceptionBreakpointsFilter::getDefault_).toList());
    for (ExceptionBreakpointsFilter x : f) {
      assertFalse(x.getLabel().isEmpty());
      assertFalse(x.getDescription().isEmpty());
      boolean takesCondition = List.of("abort", "alloc", "free", "collect").contains(x.getFilter());
      assertEquals(takesCondition ? Boolean.TRUE : null, x.getSupportsCondition(), x.getFilter());
      assertEquals(takesCondition, x.getConditionDescription() != null, x.getFilter());
    }
    assertTrue(f[4].getConditionDescription().contains("className"));
  }

  @Test
  void aBadLaunchFailsWithTheReasonAndTheSessionGoesOn() throws Exception {
    open();
    initialize();
    assertEquals(
        "launch argument 'memoryLimitPages' must be a positive integer (at most 32767), got \"abc\"",
        error(s.server.launch(launchArgs("memoryLimitPages", "abc"))));
    assertTrue(error(s.server.launch(launchArgs("program", "build/none.wasm")))
        .startsWith("launch argument 'program': no such file "));
    Files.writeString(dir.resolve("build/list.wasm.map"), "{\"version\":3,\"sources\":[],\"mappings\":\"A!\"}");
    assertEquals(
        "bad source map " + dir.resolve("build/list.wasm.map").toAbsolutePath().normalize()
            + ": mappings has '!' at position 1, not a Base64 VLQ digit",
        error(s.server.launch(launchArgs())));
    assertEquals("no program is launched yet", error(s.server.stackTrace(new StackTraceArguments())));
    Files.writeString(dir.resolve("build/list.wasm.map"), map());
    get(s.server.launch(launchArgs()));
    assertEquals("this session has already launched a program", error(s.server.launch(launchArgs())));
  }

  @Test
  void stopOnEntryThenInspectThenRunToTheEnd() throws Exception {
    open();
    debuggee.then(new RunOutcome.Stopped("entry", null, null)).then(new RunOutcome.Ended(0));
    start("stopOnEntry", true);
    StoppedEventArguments stopped = (StoppedEventArguments) s.client.next("stopped").body();
    assertEquals("entry", stopped.getReason());
    assertEquals(DebugSession.THREAD_ID, stopped.getThreadId());
    assertTrue(
        s.client.wire.indexOf("response:configurationDone") < s.client.wire.indexOf("event:stopped"),
        "the first stop follows the configurationDone response: " + s.client.wire);

    ThreadsResponse threads = get(s.server.threads());
    assertEquals(1, threads.getThreads().length);
    assertEquals("main", threads.getThreads()[0].getName());

    StackFrame[] frames = get(s.server.stackTrace(new StackTraceArguments())).getStackFrames();
    assertEquals(3, frames.length);
    assertEquals("programs/list/build", frames[0].getName());
    assertEquals(dir.resolve("programs/list.ts").toString(), frames[0].getSource().getPath());
    assertEquals(5, frames[0].getLine());
    assertEquals(3, frames[0].getColumn());
    assertEquals("0x5a", frames[0].getInstructionPointerReference());
    Source lib = frames[1].getSource();
    assertEquals("~lib/rt/itcms.ts", lib.getName());
    assertEquals(10, frames[1].getLine());
    assertTrue(lib.getSourceReference() > 0, "library sources come by reference");
    assertEquals(20, frames[2].getLine());

    SourceArguments sa = new SourceArguments();
    sa.setSource(lib);
    sa.setSourceReference(lib.getSourceReference());
    assertEquals("// itcms source", get(s.server.source(sa)).getContent());
    sa.setSource(null);
    sa.setSourceReference(77);
    assertEquals("sourceReference 77 is not a source of this program", error(s.server.source(sa)));

    ScopesArguments scopesArgs = new ScopesArguments();
    scopesArgs.setFrameId(frames[0].getId());
    Scope[] scopes = get(s.server.scopes(scopesArgs)).getScopes();
    assertEquals(List.of("Locals", "Globals", "Heap", "GC", "Allocator"),
        Arrays.stream(scopes).map(Scope::getName).toList());
    assertTrue(scopes[2].isExpensive());
    VariablesArguments va = new VariablesArguments();
    va.setVariablesReference(scopes[0].getVariablesReference());
    Variable[] locals = get(s.server.variables(va)).getVariables();
    assertEquals(List.of("depth", "ptr", "ratio"), Arrays.stream(locals).map(Variable::getName).toList());
    assertEquals("3", locals[0].getValue());
    assertEquals("i32", locals[0].getType());
    ValueFormat hex = new ValueFormat();
    hex.setHex(true);
    va.setFormat(hex);
    assertEquals("0x40", get(s.server.variables(va)).getVariables()[1].getValue());
    va.setVariablesReference(scopes[1].getVariablesReference());
    va.setFormat(null);
    assertEquals("~lib/rt/itcms/total", get(s.server.variables(va)).getVariables()[1].getName());

    assertEquals("6", evaluate("depth * 2", null).getResult());
    assertEquals("1024", evaluate("~lib/rt/itcms/total", null).getResult());
    assertEquals("24", evaluate("size", 2).getResult(), "evaluated in the frame asked for");
    debuggee.memory.storeI32(64, 0x1234);
    EvaluateArguments ea = new EvaluateArguments();
    ea.setExpression("load<i32>(ptr)");
    ea.setFormat(hex);
    assertEquals("0x1234", get(s.server.evaluate(ea)).getResult());
    assertEquals("expected a value but found ')' at column 9", error(evaluateFuture("depth + )")));
    assertEquals("frameId 9 is not a frame of this stop (there are 3)", error(evaluateFuture("depth", 9)));
    assertEquals(
        "the program did not stop on an exception (it stopped for 'entry')",
        error(s.server.exceptionInfo(new ExceptionInfoArguments())));

    get(s.server.continue_(new ContinueArguments()));
    ExitedEventArguments exited = (ExitedEventArguments) s.client.next("exited").body();
    assertEquals(0, exited.getExitCode());
    s.client.next("terminated");
    assertEquals("the program has ended", error(s.server.stackTrace(new StackTraceArguments())));
    OutputEventArguments out = (OutputEventArguments) s.client.events.stream()
        .filter(e -> e.name().equals("output")).findFirst().map(TestClient.Event::body).orElse(null);
    assertEquals(null, out, "output events were consumed while waiting; checked in their own test");
  }

  private EvaluateResponse evaluate(String text, Integer frameId) throws Exception {
    return get(evaluateFuture(text, frameId));
  }

  private CompletableFuture<EvaluateResponse> evaluateFuture(String text) {
    return evaluateFuture(text, null);
  }

  private CompletableFuture<EvaluateResponse> evaluateFuture(String text, Integer frameId) {
    EvaluateArguments ea = new EvaluateArguments();
    ea.setExpression(text);
    if (frameId != null) {
      ea.setFrameId(frameId);
    }
    return s.server.evaluate(ea);
  }

  @Test
  void requestsThatNeedAStopSaySoWhileRunningAndPauseStopsAnEndlessLoop() throws Exception {
    open();
    debuggee.then(ScriptedDebuggee.RUN_UNTIL_ASKED).then(ScriptedDebuggee.RUN_UNTIL_ASKED);
    start();
    VariablesArguments va = new VariablesArguments();
    va.setVariablesReference(1);
    assertEquals("the program is running; pause it first", error(s.server.variables(va)));
    assertEquals("the program is running; pause it first", error(s.server.stackTrace(new StackTraceArguments())));
    assertEquals("the program is running; pause it first", error(s.server.continue_(new ContinueArguments())));
    assertEquals("the program is running; pause it first", error(evaluateFuture("depth")));

    get(s.server.pause(new PauseArguments()));
    assertEquals("pause", ((StoppedEventArguments) s.client.next("stopped").body()).getReason());
    assertEquals(3, get(s.server.stackTrace(new StackTraceArguments())).getStackFrames().length);

    // A reference handed out at this stop is refused after the program resumed and stopped again.
    ScopesArguments sc = new ScopesArguments();
    sc.setFrameId(1);
    int localsRef = get(s.server.scopes(sc)).getScopes()[0].getVariablesReference();
    NextArguments next = new NextArguments();
    next.setGranularity(SteppingGranularity.INSTRUCTION);
    get(s.server.next(next));
    assertTrue(s.client.wire.lastIndexOf("response:next") >= 0);
    assertEquals(new Resume(Resume.Kind.STEP_OVER, Resume.Granularity.INSTRUCTION),
        debuggee.resumes.poll(10, TimeUnit.SECONDS));
    get(s.server.pause(new PauseArguments()));
    s.client.next("stopped");
    int wireStopped = s.client.wire.lastIndexOf("event:stopped");
    assertTrue(s.client.wire.lastIndexOf("response:next") < wireStopped);
    va.setVariablesReference(localsRef);
    assertEquals(
        "variablesReference " + localsRef
            + " is not valid at this stop (references are released when the program resumes)",
        error(s.server.variables(va)));
    int newRef = get(s.server.scopes(sc)).getScopes()[0].getVariablesReference();
    assertTrue(newRef > localsRef, "references are not reused");
  }

  @Test
  void terminateEndsARunningProgramWithoutAnExitCode() throws Exception {
    open();
    debuggee.then(ScriptedDebuggee.RUN_UNTIL_ASKED);
    start();
    get(s.server.terminate(new TerminateArguments()));
    s.client.next("terminated");
    assertTrue(s.client.events.stream().noneMatch(e -> e.name().equals("exited")));
    assertEquals("the program has ended", error(s.server.continue_(new ContinueArguments())));
  }

  @Test
  void anEngineFailureEndsTheProgramAndTheServerKeepsServing() throws Exception {
    open();
    debuggee.thenCrash(new IllegalStateException("interpreter bug"));
    start();
    List<String> outputs = new ArrayList<>();
    TestClient.Event e;
    while (!(e = s.client.events.poll(10, TimeUnit.SECONDS)).name().equals("exited")) {
      if (e.body() instanceof OutputEventArguments o) {
        outputs.add(o.getCategory() + ": " + o.getOutput());
      }
    }
    assertEquals(70, ((ExitedEventArguments) e.body()).getExitCode());
    s.client.next("terminated");
    assertEquals(
        List.of(
            "important: Tricolor's engine failed while running the program: "
                + "java.lang.IllegalStateException: interpreter bug (the server log has the details)\n"),
        outputs);
    assertEquals(1, get(s.server.threads()).getThreads().length, "the server still answers");
  }

  @Test
  void exceptionStopsAnswerExceptionInfo() throws Exception {
    open();
    debuggee.then(
        new RunOutcome.Stopped(
            "exception",
            "Index out of range",
            new RunOutcome.ExceptionStop(
                List.of(ExceptionFilter.BOUNDS, ExceptionFilter.ABORT, ExceptionFilter.TRAP),
                "abort: Index out of range in ~lib/array.ts:106:42",
                null,
                List.of())));
    start();
    StoppedEventArguments st = (StoppedEventArguments) s.client.next("stopped").body();
    assertEquals("exception", st.getReason());
    assertEquals("abort: Index out of range in ~lib/array.ts:106:42", st.getText());
    var info = get(s.server.exceptionInfo(new ExceptionInfoArguments()));
    assertEquals("bounds", info.getExceptionId());
    assertEquals("abort: Index out of range in ~lib/array.ts:106:42", info.getDescription());
  }

  @Test
  void exceptionFiltersAreCheckedWhenSet() throws Exception {
    open();
    initialize();
    SetExceptionBreakpointsArguments a = new SetExceptionBreakpointsArguments();
    a.setFilters(new String[] {"trap", "nosuch"});
    ExceptionFilterOptions alloc = new ExceptionFilterOptions();
    alloc.setFilterId("alloc");
    alloc.setCondition("className == \"Node\" && size > 16");
    ExceptionFilterOptions typo = new ExceptionFilterOptions();
    typo.setFilterId("free");
    typo.setCondition("sz > 16");
    ExceptionFilterOptions broken = new ExceptionFilterOptions();
    broken.setFilterId("collect");
    broken.setCondition("phase ==");
    ExceptionFilterOptions noCond = new ExceptionFilterOptions();
    noCond.setFilterId("oom");
    noCond.setCondition("size > 1");
    a.setFilterOptions(new ExceptionFilterOptions[] {alloc, typo, broken, noCond});
    var bps = get(s.server.setExceptionBreakpoints(a)).getBreakpoints();
    assertEquals(6, bps.length);
    assertTrue(bps[0].isVerified());
    assertFalse(bps[1].isVerified());
    assertEquals(
        "unknown exception filter 'nosuch'; the filters are trap, bounds, oom, abort, alloc, free,"
            + " collect",
        bps[1].getMessage());
    assertTrue(bps[2].isVerified());
    assertNull(bps[2].getMessage());
    assertEquals("condition of 'free' uses 'sz' at column 1; it can use size, id, className",
        bps[3].getMessage());
    assertEquals("condition of 'collect': expression ends early: expected a value at column 9",
        bps[4].getMessage());
    assertEquals("the 'oom' filter takes no condition", bps[5].getMessage());
    ExceptionBreakpoints settings = s.dap.session().exceptionBreakpoints();
    assertTrue(settings.isEnabled(ExceptionFilter.TRAP));
    assertTrue(settings.isEnabled(ExceptionFilter.ALLOC));
    assertTrue(settings.condition(ExceptionFilter.ALLOC).isPresent());
    assertFalse(settings.isEnabled(ExceptionFilter.BOUNDS), "the client's list replaces the defaults");
    assertFalse(settings.isEnabled(ExceptionFilter.FREE), "a filter with a bad condition stays off");
  }

  @Test
  void sourcesAndBreakpointLocationsComeFromTheMap() throws Exception {
    open();
    initialize();
    get(s.server.launch(launchArgs()));
    Source[] sources = get(s.server.loadedSources(new LoadedSourcesArguments())).getSources();
    assertEquals(List.of("itcms.ts", "list.ts").size(), sources.length);
    assertEquals("~lib/rt/itcms.ts", sources[0].getName());
    assertEquals(dir.resolve("programs/list.ts").toString(), sources[1].getPath());
    BreakpointLocationsArguments bl = new BreakpointLocationsArguments();
    Source src = new Source();
    src.setPath(dir.resolve("programs/list.ts").toString());
    bl.setSource(src);
    bl.setLine(1);
    bl.setEndLine(10);
    BreakpointLocation[] locs = get(s.server.breakpointLocations(bl)).getBreakpoints();
    assertEquals(List.of(5, 7), Arrays.stream(locs).map(BreakpointLocation::getLine).toList());
    assertEquals(List.of(3, 5), Arrays.stream(locs).map(BreakpointLocation::getColumn).toList());
  }

  @Test
  void replHelpWorksInAnyStateAndUnknownCommandsSaySo() throws Exception {
    open();
    initialize();
    assertTrue(evaluate(":help", null).getResult().contains(":object ADDR"));
    assertEquals("unknown command ':frob'; :help lists the commands", error(evaluateFuture(":frob")));
  }

  @Test
  void disconnectEndsTheProgramAndThenTheConnection() throws Exception {
    open();
    debuggee.then(ScriptedDebuggee.RUN_UNTIL_ASKED);
    start();
    get(s.server.disconnect(new DisconnectArguments()));
    assertTrue(s.disconnected.await(10, TimeUnit.SECONDS), "the server's disconnect action ran");
    assertEquals(SessionState.TERMINATED, s.dap.session().state());
  }
}
