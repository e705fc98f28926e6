package dev.tricolor.dap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tricolor.dap.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A session on the real engine, driven through the server by the lsp4j.debug client over pipes,
 * with what the tests on the real programs of {@code test-programs/} share: waiting for events,
 * breakpoints by {@code // @bp:} label, the stack, locals, evaluation, exception filters.
 */
abstract class EngineSessionHarness {
  static final Path PROGRAMS = TestPaths.repositoryRoot().resolve("test-programs");

  final BlockingQueue<Object[]> events = new LinkedBlockingQueue<>();
  IDebugProtocolServer server;
  dev.tricolor.dap.session.DapServer dap;
  java.nio.channels.Pipe c2s;
  java.nio.channels.Pipe s2c;

  @BeforeEach
  void open() throws Exception {
    assumeTrue(Files.isDirectory(PROGRAMS.resolve("build/debug")),
        "SKIPPED: no compiled test programs in test-programs/build/debug");
    c2s = java.nio.channels.Pipe.open();
    s2c = java.nio.channels.Pipe.open();
    dap = dev.tricolor.dap.session.DapServer.create(
        java.nio.channels.Channels.newInputStream(c2s.source()),
        java.nio.channels.Channels.newOutputStream(s2c.sink()),
        new EngineDebuggeeFactory(), PROGRAMS, () -> {});
    dap.start();
    IDebugProtocolClient client = new IDebugProtocolClient() {
      @Override public void initialized() { events.add(new Object[] {"initialized", null}); }
      @Override public void stopped(StoppedEventArguments a) { events.add(new Object[] {"stopped", a}); }
      @Override public void exited(ExitedEventArguments a) { events.add(new Object[] {"exited", a}); }
      @Override public void terminated(org.eclipse.lsp4j.debug.TerminatedEventArguments a) {
        events.add(new Object[] {"terminated", a});
      }
      @Override public void output(OutputEventArguments a) { events.add(new Object[] {"output", a}); }
      @Override public void breakpoint(org.eclipse.lsp4j.debug.BreakpointEventArguments a) {
        events.add(new Object[] {"breakpoint", a});
      }
      @Override public void invalidated(org.eclipse.lsp4j.debug.InvalidatedEventArguments a) {
        events.add(new Object[] {"invalidated", a});
      }
    };
    Launcher<HeapMapClient> l = new org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher.Builder<HeapMapClient>()
        .setLocalService(client)
        .setRemoteInterface(HeapMapClient.class)
        .setInput(java.nio.channels.Channels.newInputStream(s2c.source()))
        .setOutput(java.nio.channels.Channels.newOutputStream(c2s.sink()))
        // a restart's configuration goes out whole, as a client written in JavaScript sends it
        .configureGson(g -> g.registerTypeAdapterFactory(
            new dev.tricolor.dap.session.RestartArgumentsAdapter()))
        .create();
    l.startListening();
    server = l.getRemoteProxy();
    InitializeRequestArguments a = new InitializeRequestArguments();
    a.setAdapterID("tricolor");
    a.setSupportsInvalidatedEvent(true);
    get(server.initialize(a));
  }

  @AfterEach
  void close() throws IOException {
    if (dap != null) {
      dap.shutdown();
      c2s.sink().close();
      s2c.sink().close();
    }
  }

  static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  static String error(CompletableFuture<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
    assertInstanceOf(ResponseErrorException.class, e.getCause());
    return e.getCause().getMessage();
  }

  /** The next event named {@code name}, collecting output text on the way. */
  Object next(String name, List<String> outputs) throws InterruptedException {
    while (true) {
      Object[] e = events.poll(20, TimeUnit.SECONDS);
      assertNotNull(e, "no '" + name + "' event within 20 s");
      if (e[0].equals(name)) {
        return e[1];
      }
      if (e[0].equals("output") && outputs != null) {
        outputs.add(((OutputEventArguments) e[1]).getOutput());
      }
    }
  }

  Object next(String name) throws InterruptedException {
    return next(name, null);
  }

  static int lineOf(String program, String label) throws IOException {
    List<String> lines = Files.readAllLines(PROGRAMS.resolve("programs/" + program + ".ts"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// @bp:" + label)) {
        return i + 1;
      }
    }
    throw new AssertionError("no // @bp:" + label + " in " + program);
  }

  static Source source(String program) {
    Source s = new Source();
    s.setPath(PROGRAMS.resolve("programs/" + program + ".ts").toString());
    return s;
  }

  Map<String, Object> launchArgs(String program, Object... kv) {
    Map<String, Object> m = new HashMap<>();
    m.put("program", "build/debug/" + program + ".wasm");
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  Breakpoint[] lineBreakpoints(String program, SourceBreakpoint... bps) throws Exception {
    SetBreakpointsArguments a = new SetBreakpointsArguments();
    a.setSource(source(program));
    a.setBreakpoints(bps);
    return get(server.setBreakpoints(a)).getBreakpoints();
  }

  /**
   * Launches {@code program} with {@code args}, a line breakpoint on each of {@code lines}, and
   * starts it; returns at the first stop.
   */
  void launchStoppedAt(String program, Map<String, Object> args, int... lines) throws Exception {
    get(server.launch(args));
    lineBreakpoints(program, Arrays.stream(lines).mapToObj(EngineSessionHarness::at)
        .toArray(SourceBreakpoint[]::new));
    get(server.configurationDone(new ConfigurationDoneArguments()));
    next("stopped");
  }

  /** Waits for the program's end: {@code code}, with {@code line} among its output. */
  void exitsWith(int code, String line) throws InterruptedException {
    List<String> out = new java.util.ArrayList<>();
    assertEquals(code, ((ExitedEventArguments) next("exited", out)).getExitCode());
    assertTrue(out.contains(line), out.toString());
  }

  static SourceBreakpoint at(int line) {
    SourceBreakpoint b = new SourceBreakpoint();
    b.setLine(line);
    return b;
  }

  StackFrame[] stack() throws Exception {
    return get(server.stackTrace(new StackTraceArguments())).getStackFrames();
  }

  Map<String, String> locals(int frameId) throws Exception {
    ScopesArguments sa = new ScopesArguments();
    sa.setFrameId(frameId);
    VariablesArguments va = new VariablesArguments();
    va.setVariablesReference(get(server.scopes(sa)).getScopes()[0].getVariablesReference());
    Map<String, String> out = new HashMap<>();
    for (Variable v : get(server.variables(va)).getVariables()) {
      out.put(v.getName(), v.getValue());
    }
    return out;
  }

  void launch(Map<String, Object> args) throws Exception {
    get(server.launch(args));
    get(server.configurationDone(new ConfigurationDoneArguments()));
  }

  /** The scope named {@code name} of the innermost frame. */
  int scope(String name) throws Exception {
    ScopesArguments sa = new ScopesArguments();
    sa.setFrameId(stack()[0].getId());
    return Arrays.stream(get(server.scopes(sa)).getScopes()).filter(s -> s.getName().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no scope " + name)).getVariablesReference();
  }

  /** All children of {@code reference} (named, then indexed). */
  Variable[] children(int reference) throws Exception {
    VariablesArguments va = new VariablesArguments();
    va.setVariablesReference(reference);
    return get(server.variables(va)).getVariables();
  }

  /** Indexed children {@code start .. start + count - 1} of {@code reference}. */
  Variable[] page(int reference, int start, int count) throws Exception {
    VariablesArguments va = new VariablesArguments();
    va.setVariablesReference(reference);
    va.setFilter(org.eclipse.lsp4j.debug.VariablesArgumentsFilter.INDEXED);
    va.setStart(start);
    va.setCount(count);
    return get(server.variables(va)).getVariables();
  }

  /** The child of {@code reference} named {@code name}. */
  Variable child(int reference, String name) throws Exception {
    return Arrays.stream(children(reference)).filter(v -> v.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no variable " + name + " in " + reference));
  }

  String evaluate(String expression) throws Exception {
    EvaluateArguments ea = new EvaluateArguments();
    ea.setExpression(expression);
    ea.setFrameId(stack()[0].getId());
    return get(server.evaluate(ea)).getResult();
  }

  void exceptionFilters(String filterId, String condition) throws Exception {
    SetExceptionBreakpointsArguments ea = new SetExceptionBreakpointsArguments();
    ea.setFilters(new String[0]);
    if (filterId == null) {
      ea.setFilterOptions(new ExceptionFilterOptions[0]);
    } else {
      ExceptionFilterOptions o = new ExceptionFilterOptions();
      o.setFilterId(filterId);
      o.setCondition(condition);
      ea.setFilterOptions(new ExceptionFilterOptions[] {o});
    }
    assertTrue(Arrays.stream(get(server.setExceptionBreakpoints(ea)).getBreakpoints()).allMatch(Breakpoint::isVerified));
  }

  /** The server's custom request, as a client declares it. */
  interface HeapMapClient extends IDebugProtocolServer {
    @org.eclipse.lsp4j.jsonrpc.services.JsonRequest("tricolor/heapMap")
    CompletableFuture<Object> heapMap();

    @org.eclipse.lsp4j.jsonrpc.services.JsonRequest("tricolor/reveal")
    CompletableFuture<Object> reveal(Map<String, Object> args);
  }
}
