package dev.tricolor.dap.bench;

import dev.tricolor.dap.TestPaths;
import dev.tricolor.dap.engine.EngineDebuggeeFactory;
import dev.tricolor.dap.session.DapServer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.InstructionBreakpoint;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/**
 * The debug adapter's speed figures of issue 5, measured in process over the real protocol
 * (lsp4j client, NIO pipes, the real engine and test programs), with warm-up; medians of many
 * rounds. Not a test: run it by hand, from the repository root, after {@code mvn -B -q -pl
 * dap-server -am package -DskipTests} (which builds the jar and the test classes):
 *
 * <pre>
 *   java -cp dap-server/target/dap-server.jar:dap-server/target/test-classes \
 *       dev.tricolor.dap.bench.DapBenchmark [ROUNDS]
 * </pre>
 *
 * <ol>
 *   <li>launch to first stop (stopOnEntry) on {@code big}, the corpus' ~100 KB module (its -O3
 *       build; the --debug build too);
 *   <li>one step over a line;
 *   <li>the Heap scope's first page (100 objects) for a heap of 100 000 objects;
 *   <li>{@code :collect} at a stop with 100 000 live objects;
 *   <li>the strings workload with 50 breakpoints in code it never reaches, against none (ratio).
 * </ol>
 */
public final class DapBenchmark {
  static final Path PROGRAMS = TestPaths.repositoryRoot().resolve("test-programs");

  /** One server and one client over pipes. */
  static final class Session implements AutoCloseable {
    final BlockingQueue<Object[]> events = new LinkedBlockingQueue<>();
    final List<String> outputs = new java.util.concurrent.CopyOnWriteArrayList<>();
    final IDebugProtocolServer server;
    final DapServer dap;
    final Pipe c2s = Pipe.open();
    final Pipe s2c = Pipe.open();

    Session() throws Exception {
      dap = DapServer.create(Channels.newInputStream(c2s.source()), Channels.newOutputStream(s2c.sink()),
          new EngineDebuggeeFactory(), PROGRAMS, () -> {});
      dap.start();
      IDebugProtocolClient client = new IDebugProtocolClient() {
        @Override public void stopped(StoppedEventArguments a) { events.add(new Object[] {"stopped", a}); }
        @Override public void exited(ExitedEventArguments a) { events.add(new Object[] {"exited", a}); }
        @Override public void output(org.eclipse.lsp4j.debug.OutputEventArguments a) { outputs.add(a.getOutput()); }
      };
      Launcher<IDebugProtocolServer> l = DSPLauncher.createClientLauncher(client,
          Channels.newInputStream(s2c.source()), Channels.newOutputStream(c2s.sink()));
      l.startListening();
      server = l.getRemoteProxy();
      InitializeRequestArguments a = new InitializeRequestArguments();
      a.setAdapterID("tricolor");
      get(server.initialize(a));
    }

    Object next(String name) throws InterruptedException {
      while (true) {
        Object[] e = events.poll(600, TimeUnit.SECONDS);
        if (e == null) {
          throw new IllegalStateException("no " + name);
        }
        if (e[0].equals(name)) {
          return e[1];
        }
      }
    }

    /** Launches list.build(100000) with a breakpoint on the line labelled {@code label}; at its stop. */
    void buildStoppedAt(String label) throws Exception {
      get(server.launch(launch("build/debug/list.wasm", "build", List.of(100000.0))));
      SetBreakpointsArguments b = new SetBreakpointsArguments();
      Source src = new Source();
      src.setPath(PROGRAMS.resolve("programs/list.ts").toString());
      b.setSource(src);
      SourceBreakpoint bp = new SourceBreakpoint();
      bp.setLine(lineOf("list", label));
      b.setBreakpoints(new SourceBreakpoint[] {bp});
      get(server.setBreakpoints(b));
      get(server.configurationDone(new ConfigurationDoneArguments()));
      next("stopped");
    }

    @Override
    public void close() throws Exception {
      get(server.disconnect(new DisconnectArguments()));
      dap.shutdown();
      c2s.sink().close();
      s2c.sink().close();
    }
  }

  static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(120, TimeUnit.SECONDS);
  }

  static Map<String, Object> launch(String program, String invoke, List<Double> args) {
    Map<String, Object> m = new HashMap<>();
    m.put("program", program);
    m.put("invoke", invoke);
    m.put("args", args);
    return m;
  }

  static int lineOf(String program, String label) throws Exception {
    List<String> lines = Files.readAllLines(PROGRAMS.resolve("programs/" + program + ".ts"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// @bp:" + label)) {
        return i + 1;
      }
    }
    throw new IllegalStateException(label);
  }

  static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** Launch request sent → first stopped event received (stopOnEntry). */
  static double launchToFirstStop(String program) throws Exception {
    try (Session s = new Session()) {
      Map<String, Object> args = launch(program, "selfTest", List.of());
      args.put("stopOnEntry", true);
      long t0 = System.nanoTime();
      get(s.server.launch(args));
      get(s.server.configurationDone(new ConfigurationDoneArguments()));
      s.next("stopped");
      return ms(System.nanoTime() - t0);
    }
  }

  /** At the after-alloc line of list.ts: next → stopped. */
  static List<Double> stepOver(int rounds) throws Exception {
    List<Double> out = new ArrayList<>();
    try (Session s = new Session()) {
      s.buildStoppedAt("after-alloc");
      for (int i = 0; i < rounds; i++) {
        NextArguments n = new NextArguments();
        long t0 = System.nanoTime();
        get(s.server.next(n));
        s.next("stopped");
        out.add(ms(System.nanoTime() - t0));
        get(s.server.continue_(new ContinueArguments())); // to the breakpoint again
        s.next("stopped");
      }
    }
    return out;
  }

  /** list.build(100000) stopped after it, in a fresh session: the REPL's :collect. */
  static double fullCollection() throws Exception {
    try (Session s = new Session()) {
      s.buildStoppedAt("after-build");
      EvaluateArguments e = new EvaluateArguments();
      e.setExpression(":collect");
      e.setContext("repl");
      long t0 = System.nanoTime();
      String answer = get(s.server.evaluate(e)).getResult();
      double took = ms(System.nanoTime() - t0);
      if (!answer.contains("live: 100001 objects")) { // the items and the list
        throw new IllegalStateException("unexpected :collect answer: " + answer);
      }
      return took;
    }
  }

  /**
   * list.build(100000) stopped after it, in a fresh session each time (so the heap is read anew):
   * scopes → Heap → class groups → the first page (100) of Item.
   */
  static double heapFirstPage() throws Exception {
    try (Session s = new Session()) {
      s.buildStoppedAt("after-build");
      int frameId = get(s.server.stackTrace(new StackTraceArguments())).getStackFrames()[0].getId();
      long t0 = System.nanoTime();
      ScopesArguments sa = new ScopesArguments();
      sa.setFrameId(frameId);
      int heapRef = Arrays.stream(get(s.server.scopes(sa)).getScopes())
          .filter(x -> x.getName().equals("Heap")).findFirst().orElseThrow().getVariablesReference();
      VariablesArguments va = new VariablesArguments();
      va.setVariablesReference(heapRef);
      Variable item = Arrays.stream(get(s.server.variables(va)).getVariables())
          .filter(v -> v.getName().equals("Item")).findFirst().orElseThrow();
      va.setVariablesReference(item.getVariablesReference());
      va.setFilter(VariablesArgumentsFilter.INDEXED);
      va.setStart(0);
      va.setCount(100);
      int n = get(s.server.variables(va)).getVariables().length;
      double t = ms(System.nanoTime() - t0);
      if (item.getIndexedVariables() < 100_000 || n != 100) {
        throw new IllegalStateException("expected 100000 Items and a page of 100: " + item.getValue() + ", " + n);
      }
      return t;
    }
  }

  /** A source line, named for a breakpoint request: by path, or by reference for ~lib sources. */
  record Line(Source source, int line) {}

  /** Every line with code in the workload's source map, as a client would address it. */
  static List<Line> linesWithCode(String wasm, Session s) throws Exception {
    Path program = PROGRAMS.resolve(wasm);
    var map = dev.tricolor.dap.sourcemap.SourceMapLocator.load(java.util.Optional.empty(), program,
        java.util.Optional.empty()).orElseThrow();
    var mapped = new dev.tricolor.dap.sourcemap.MappedSources(map, PROGRAMS);
    List<Line> out = new ArrayList<>();
    for (var ms : mapped.all()) {
      Source src = new Source();
      if (ms.sourceReference() > 0) {
        src.setSourceReference(ms.sourceReference());
        src.setName(ms.name());
      } else {
        src.setPath(ms.path().orElseThrow().toString());
      }
      for (var lc : map.breakpointLocations(ms.index(), 1, 1_000_000)) {
        if (out.isEmpty() || !out.get(out.size() - 1).equals(new Line(src, lc.line()))) {
          out.add(new Line(src, lc.line()));
        }
      }
    }
    return out;
  }

  static void setLines(Session s, List<Line> lines, boolean log) throws Exception {
    Map<Source, List<SourceBreakpoint>> bySource = new java.util.LinkedHashMap<>();
    for (Line l : lines) {
      SourceBreakpoint bp = new SourceBreakpoint();
      bp.setLine(l.line());
      if (log) {
        bp.setLogMessage("hit " + lines.indexOf(l));
      }
      bySource.computeIfAbsent(l.source(), k -> new ArrayList<>()).add(bp);
    }
    for (var e : bySource.entrySet()) {
      SetBreakpointsArguments a = new SetBreakpointsArguments();
      a.setSource(e.getKey());
      a.setBreakpoints(e.getValue().toArray(new SourceBreakpoint[0]));
      get(s.server.setBreakpoints(a));
    }
  }

  /** Lines the workload never reaches: every line with code, less those a logpoint run hit. */
  static List<Line> unreachedLines(String wasm, int n, int count) throws Exception {
    List<Line> all;
    java.util.Set<Integer> hit = new java.util.HashSet<>();
    try (Session s = new Session()) {
      get(s.server.launch(launch(wasm, "run", List.of((double) n))));
      all = linesWithCode(wasm, s);
      setLines(s, all, true);
      get(s.server.configurationDone(new ConfigurationDoneArguments()));
      s.next("exited");
      for (String text : s.outputs) {
        if (text.startsWith("hit ")) {
          hit.add(Integer.parseInt(text.trim().substring(4)));
        }
      }
    }
    List<Line> unreached = new ArrayList<>();
    for (int i = 0; i < all.size() && unreached.size() < count; i++) {
      // The runtime's allocator and collector run more often in a long run: leave them out.
      String name = all.get(i).source().getName();
      if (!hit.contains(i) && (name == null || !name.startsWith("~lib/rt/"))) {
        unreached.add(all.get(i));
      }
    }
    if (unreached.size() < count) {
      throw new IllegalStateException("only " + unreached.size() + " unreached lines");
    }
    return unreached;
  }

  /**
   * A workload from configurationDone to exited, with line breakpoints on {@code lines} (lines it
   * never reaches; a stop fails the run).
   */
  static double workloadRun(String wasm, int n, List<Line> lines) throws Exception {
    try (Session s = new Session()) {
      Map<String, Object> args = launch(wasm, "run", List.of((double) n));
      args.put("stopOnEntry", true); // probes go in at the entry stop: time the run from there
      get(s.server.launch(args));
      setLines(s, lines, false);
      get(s.server.configurationDone(new ConfigurationDoneArguments()));
      s.next("stopped");
      long t0 = System.nanoTime();
      get(s.server.continue_(new ContinueArguments()));
      while (true) {
        Object[] e = s.events.poll(300, TimeUnit.SECONDS);
        if (e == null || e[0].equals("stopped")) {
          throw new IllegalStateException("the run stopped or hung: a breakpoint was reached");
        }
        if (e[0].equals("exited")) {
          return ms(System.nanoTime() - t0);
        }
      }
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    for (String big : List.of("build/release/big.wasm", "build/debug/big.wasm")) {
      long bytes = Files.size(PROGRAMS.resolve(big));
      List<Double> launch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        launchToFirstStop(big); // warm-up
      }
      for (int i = 0; i < rounds; i++) {
        launch.add(launchToFirstStop(big));
      }
      System.out.printf(Locale.ROOT, "launch to first stop (%s, %d bytes, map %d bytes): median %.1f ms%n",
          big, bytes, Files.size(PROGRAMS.resolve(big + ".map")), median(launch));
    }

    stepOver(10);
    System.out.printf(Locale.ROOT, "step over one line: median %.2f ms%n", median(stepOver(rounds * 4)));

    List<Double> page = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      heapFirstPage();
    }
    for (int i = 0; i < Math.max(5, rounds / 3); i++) {
      page.add(heapFirstPage());
    }
    System.out.printf(Locale.ROOT, "Heap scope first page, 100000 objects (heap read included): median %.1f ms%n",
        median(page));

    List<Double> collect = new ArrayList<>();
    fullCollection();
    for (int i = 0; i < Math.max(5, rounds / 3); i++) {
      collect.add(fullCollection());
    }
    System.out.printf(Locale.ROOT, ":collect at a stop, 100000 live objects (the guest's __collect"
        + " interpreted, heap read before and after): median %.1f ms%n", median(collect));

    // strings (std lib: String, Map) has library code enough that a run never reaches; the lines
    // are found by a logpoint run at the same n, so the measured runs reach none of them.
    String wasm = "build/debug/bench/strings.wasm";
    int n = 100;
    List<Line> fifty = unreachedLines(wasm, n, 50);
    for (int i = 0; i < 3; i++) {
      workloadRun(wasm, n, List.of());
      workloadRun(wasm, n, fifty);
    }
    List<Double> none = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    for (int i = 0; i < rounds; i++) { // interleaved, so machine noise hits both alike
      none.add(workloadRun(wasm, n, List.of()));
      with.add(workloadRun(wasm, n, fifty));
    }
    System.out.printf(Locale.ROOT,
        "strings(%d) under the debugger: no breakpoints median %.1f ms, 50 unreached line breakpoints"
            + " median %.1f ms, ratio %.3f%n", n, median(none), median(with), median(with) / median(none));
  }
}
