package dev.tricolor.dap.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tricolor.dap.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.InstructionBreakpoint;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.junit.jupiter.api.Test;

/**
 * The real programs of {@code test-programs/} (asc 0.28.20, --debug builds) on the real engine,
 * driven through the server by the lsp4j.debug client: launch, breakpoints by line (found by
 * their {@code // @bp:} labels), by function and by instruction, conditions and logpoints,
 * stepping, the stack with AssemblyScript names and source lines, locals, exception stops.
 */
class EngineSessionTest extends EngineSessionHarness {
  @Test
  void lineBreakpointStopsEachIterationWithLocalsThenTheProgramEnds() throws Exception {
    int line = lineOf("list", "after-alloc");
    get(server.launch(launchArgs("list", "invoke", "build", "args", List.of(3.0))));
    Breakpoint[] bps = lineBreakpoints("list", at(line));
    assertTrue(bps[0].isVerified(), String.valueOf(bps[0].getMessage()));
    assertEquals(line, bps[0].getLine());
    get(server.configurationDone(new ConfigurationDoneArguments()));
    for (int i = 0; i < 3; i++) {
      StoppedEventArguments st = (StoppedEventArguments) next("stopped");
      assertEquals("breakpoint", st.getReason());
      assertEquals(List.of(bps[0].getId()).size(), st.getHitBreakpointIds().length);
      StackFrame top = stack()[0];
      assertTrue(top.getName().endsWith("List#append"), top.getName());
      assertEquals(source("list").getPath(), top.getSource().getPath());
      assertEquals(line, top.getLine());
      assertEquals(String.valueOf(i), locals(top.getId()).get("value"));
      EvaluateArguments ea = new EvaluateArguments();
      ea.setExpression("value * 10 + 1");
      ea.setFrameId(top.getId());
      assertEquals(String.valueOf(i * 10 + 1), get(server.evaluate(ea)).getResult());
      get(server.continue_(new ContinueArguments()));
    }
    exitsWith(0, "build returned 3\n");
    next("terminated");
  }

  @Test
  void stepOverGoesToTheNextLineAndStepOutToTheCaller() throws Exception {
    int line = lineOf("list", "after-alloc");
    launchStoppedAt("list", launchArgs("list", "invoke", "build", "args", List.of(2.0)), line);
    lineBreakpoints("list"); // removed: the steps below must not be cut short by it
    get(server.next(new NextArguments()));
    StoppedEventArguments st = (StoppedEventArguments) next("stopped");
    assertEquals("step", st.getReason());
    assertEquals(line + 1, stack()[0].getLine());
    int depth = stack().length;
    get(server.stepOut(new StepOutArguments()));
    next("stopped");
    StackFrame[] after = stack();
    assertEquals(depth - 1, after.length, "one frame less after step out");
    assertTrue(after[0].getName().endsWith("build"), after[0].getName());
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  /**
   * hitBreakpointIds are the client's ids: a breakpoint on a for line is two debuggee breakpoints
   * (init and test, then i++), so the next one's debuggee id is not the id the client got.
   */
  @Test
  void aStopNamesTheBreakpointByTheClientsId() throws Exception {
    int forLine = lineOf("stepping", "sum-start") + 1;
    get(server.launch(launchArgs("stepping", "invoke", "sumOfSquares", "args", List.of(2.0))));
    Breakpoint[] set = lineBreakpoints("stepping", at(forLine), at(lineOf("stepping", "loop-body")));
    get(server.configurationDone(new ConfigurationDoneArguments()));
    StoppedEventArguments first = (StoppedEventArguments) next("stopped");
    assertEquals(forLine, stack()[0].getLine());
    assertArrayEquals(new Integer[] {set[0].getId()}, first.getHitBreakpointIds());
    get(server.continue_(new ContinueArguments()));
    StoppedEventArguments second = (StoppedEventArguments) next("stopped");
    assertEquals(forLine + 1, stack()[0].getLine());
    assertArrayEquals(new Integer[] {set[1].getId()}, second.getHitBreakpointIds());
    lineBreakpoints("stepping");
    get(server.continue_(new ContinueArguments()));
    exitsWith(0, "sumOfSquares returned 1\n");
  }

  /**
   * An -O3 build keeps no names, so its runtime's __new, free and step cannot be found: the alloc,
   * free and collect filters say they can never stop there; the --debug build's can.
   */
  @Test
  void heapEventFiltersAnOptimizedBuildCannotStopOnAreUnverified() throws Exception {
    get(server.launch(launchArgs("list", "program", "build/release/list.wasm", "invoke", "build",
        "args", List.of(3.0))));
    SetExceptionBreakpointsArguments ea = new SetExceptionBreakpointsArguments();
    ea.setFilters(new String[] {"trap", "alloc", "free", "collect"});
    Breakpoint[] answer = get(server.setExceptionBreakpoints(ea)).getBreakpoints();
    assertTrue(answer[0].isVerified(), "trap needs no runtime function");
    for (int i = 1; i < 4; i++) {
      assertFalse(answer[i].isVerified(), ea.getFilters()[i]);
      assertTrue(answer[i].getMessage().startsWith("'" + ea.getFilters()[i] + "' can never stop in this program"),
          answer[i].getMessage());
      assertTrue(answer[i].getMessage().endsWith("build with --debug)"), answer[i].getMessage());
    }
    get(server.configurationDone(new ConfigurationDoneArguments()));
    exitsWith(0, "build returned 3\n");
  }

  /** configurationDone may come before launch; the program then starts after launch's response. */
  @Test
  void configurationDoneBeforeLaunchStartsTheProgramAfterTheLaunch() throws Exception {
    get(server.configurationDone(new ConfigurationDoneArguments()));
    get(server.launch(launchArgs("list", "invoke", "build", "args", List.of(2.0))));
    exitsWith(0, "build returned 2\n");
  }

  @Test
  void stopOnEntryStopsBeforeTheFirstInstruction() throws Exception {
    launch(launchArgs("list", "invoke", "sum", "stopOnEntry", true));
    StoppedEventArguments st = (StoppedEventArguments) next("stopped");
    assertEquals("entry", st.getReason());
    StackFrame[] frames = stack();
    assertEquals(1, frames.length);
    assertTrue(frames[0].getName().contains("start"), frames[0].getName());
    get(server.continue_(new ContinueArguments()));
    List<String> out = new ArrayList<>();
    next("exited", out);
    assertTrue(out.contains("sum returned 0\n"), out.toString());
  }

  @Test
  void functionAndInstructionBreakpoints() throws Exception {
    get(server.launch(launchArgs("list", "invoke", "build", "args", List.of(1.0))));
    SetFunctionBreakpointsArguments fa = new SetFunctionBreakpointsArguments();
    FunctionBreakpoint fb = new FunctionBreakpoint();
    fb.setName("build");
    FunctionBreakpoint none = new FunctionBreakpoint();
    none.setName("nosuchfunction");
    fa.setBreakpoints(new FunctionBreakpoint[] {fb, none});
    Breakpoint[] fbs = get(server.setFunctionBreakpoints(fa)).getBreakpoints();
    assertTrue(fbs[0].isVerified());
    assertFalse(fbs[1].isVerified());
    assertEquals("the module has no function named 'nosuchfunction'", fbs[1].getMessage());
    get(server.configurationDone(new ConfigurationDoneArguments()));
    StoppedEventArguments st = (StoppedEventArguments) next("stopped");
    assertEquals("function breakpoint", st.getReason());
    StackFrame top = stack()[0];
    assertTrue(top.getName().endsWith("/build"), top.getName());
    assertEquals("1", locals(top.getId()).get("n"));

    // An instruction breakpoint at the code of the labelled line in List#append, found in the map.
    var map = dev.tricolor.dap.sourcemap.SourceMapLocator.load(
        java.util.Optional.empty(), PROGRAMS.resolve("build/debug/list.wasm"), java.util.Optional.empty())
        .orElseThrow();
    int line = lineOf("list", "after-alloc");
    int offset = map.lineEntries(map.sources().indexOf("programs/list.ts"), line)[0];
    SetInstructionBreakpointsArguments ia = new SetInstructionBreakpointsArguments();
    InstructionBreakpoint ib = new InstructionBreakpoint();
    ib.setInstructionReference("0x" + Integer.toHexString(offset));
    InstructionBreakpoint bad = new InstructionBreakpoint();
    bad.setInstructionReference("0x3");
    ia.setBreakpoints(new InstructionBreakpoint[] {ib, bad});
    Breakpoint[] ibs = get(server.setInstructionBreakpoints(ia)).getBreakpoints();
    assertTrue(ibs[0].isVerified(), String.valueOf(ibs[0].getMessage()));
    assertEquals("no code at offset 0x3 of the module", ibs[1].getMessage());
    get(server.continue_(new ContinueArguments()));
    st = (StoppedEventArguments) next("stopped");
    assertEquals("instruction breakpoint", st.getReason());
    assertEquals("0x" + Integer.toHexString(offset), stack()[0].getInstructionPointerReference());
    assertEquals(line, stack()[0].getLine());
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void conditionsAndLogpoints() throws Exception {
    int line = lineOf("list", "after-alloc");
    get(server.launch(launchArgs("list", "invoke", "build", "args", List.of(4.0))));
    SourceBreakpoint cond = at(line);
    cond.setCondition("value == 2");
    lineBreakpoints("list", cond);
    get(server.configurationDone(new ConfigurationDoneArguments()));
    next("stopped");
    assertEquals("2", locals(stack()[0].getId()).get("value"), "the first stop is where the condition holds");
    SourceBreakpoint log = at(line);
    log.setLogMessage("value={value} twice={value * 2}");
    lineBreakpoints("list", log);
    get(server.continue_(new ContinueArguments()));
    List<String> out = new ArrayList<>();
    next("exited", out);
    assertTrue(out.contains("value=3 twice=6\n"), out.toString());
    assertFalse(out.contains("value=2 twice=4\n"), "the logpoint came after the stop at 2");

    SourceBreakpoint broken = at(line);
    broken.setCondition("value ==");
    assertEquals("condition: expression ends early: expected a value at column 9",
        lineBreakpoints("list", broken)[0].getMessage());
    assertEquals(
        PROGRAMS.resolve("programs/nosuch.ts") + " is not part of the program (it is not in the program's source map)",
        lineBreakpoints("nosuch", at(1))[0].getMessage());
  }

  @Test
  void aDivideByZeroStopsOnTheTrapFilterThenEndsWithExitCode2() throws Exception {
    launch(launchArgs("trap", "invoke", "divide", "args", List.of(7.0, 0.0)));
    StoppedEventArguments st = (StoppedEventArguments) next("stopped");
    assertEquals("exception", st.getReason());
    var info = get(server.exceptionInfo(new ExceptionInfoArguments()));
    assertEquals("trap", info.getExceptionId());
    assertTrue(info.getDescription().contains("integer divide by zero"), info.getDescription());
    assertEquals(lineOf("trap", "divide"), stack()[0].getLine());
    get(server.continue_(new ContinueArguments()));
    List<String> out = new ArrayList<>();
    assertEquals(2, ((ExitedEventArguments) next("exited", out)).getExitCode());
    assertTrue(String.join("", out).contains("integer divide by zero"), out.toString());
  }

  @Test
  void boundsAbortsStopOnceAsBoundsAndAbortConditionsSelect() throws Exception {
    launch(launchArgs("bounds", "invoke", "arrayGet", "args", List.of(3.0)));
    next("stopped");
    var info = get(server.exceptionInfo(new ExceptionInfoArguments()));
    assertEquals("bounds", info.getExceptionId(), "bounds wins over abort and trap");
    assertTrue(info.getDescription().contains("Index out of range"), info.getDescription());
    get(server.continue_(new ContinueArguments()));
    assertEquals(2, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  /**
   * asc leaves the call to abort of a failing assert unmapped; the frame still shows the assert's
   * line (the last mapped code before it in the function), not "no source".
   */
  @Test
  void anAbortStopShowsTheAssertsLine() throws Exception {
    launch(launchArgs("abort", "invoke", "checkPositive", "args", List.of(-1.0)));
    StoppedEventArguments st = (StoppedEventArguments) next("stopped");
    assertEquals("exception", st.getReason());
    StackFrame top = stack()[0];
    assertTrue(top.getName().endsWith("checkPositive"), top.getName());
    assertEquals(lineOf("abort", "assert"), top.getLine());
    assertNotNull(top.getSource(), "the frame has its source");
    assertTrue(top.getSource().getPath().endsWith("abort.ts"), top.getSource().getPath());
    get(server.continue_(new ContinueArguments()));
    exitsWith(2, "abort: x must be positive in programs/abort.ts(7:3)\n");
  }

  @Test
  void anAbortFilterWithAFalseConditionLetsTheAbortEndTheProgram() throws Exception {
    get(server.launch(launchArgs("abort", "invoke", "checkPositive", "args", List.of(-1.0))));
    SetExceptionBreakpointsArguments ea = new SetExceptionBreakpointsArguments();
    ExceptionFilterOptions o = new ExceptionFilterOptions();
    o.setFilterId("abort");
    o.setCondition("message == \"something else\"");
    ea.setFilters(new String[0]);
    ea.setFilterOptions(new ExceptionFilterOptions[] {o});
    get(server.setExceptionBreakpoints(ea));
    get(server.configurationDone(new ConfigurationDoneArguments()));
    exitsWith(2, "abort: x must be positive in programs/abort.ts(7:3)\n");
  }

  @Test
  void launchErrorsNameTheProblem() throws Exception {
    String unknown = error(server.launch(launchArgs("list", "invoke", "nope")));
    assertTrue(unknown.startsWith(
        "cannot launch: the module exports no function 'nope' (it exports: build, sum,"), unknown);
    assertEquals("cannot launch: 'build' takes 1 argument [i32], got 2",
        error(server.launch(launchArgs("list", "invoke", "build", "args", List.of(1.0, 2.0)))));
    assertEquals("cannot launch: argument 1 of 'build': 1.5 is not a whole number, and i32 holds integers",
        error(server.launch(launchArgs("list", "invoke", "build", "args", List.of(1.5)))));
    assertTrue(error(server.launch(launchArgs("list", "program", "programs/list.ts")))
        .endsWith("is not a WebAssembly module (it does not start with \\0asm)"));
    assertEquals("cannot launch: list.wasm has its own AssemblyScript runtime; runtime \"host\""
        + " needs a program built against Tricolor's host runtime (asc ... --runtime <path>/host,"
        + " the file test-programs/rt/host.ts), or launch it with runtime \"guest\"",
        error(server.launch(launchArgs("list", "invoke", "count", "runtime", "host"))));
    assertEquals("cannot launch: list.wasm was built against Tricolor's host runtime (it imports"
        + " the runtime from module \"tricolor\"): launch it with runtime \"host\"",
        error(server.launch(launchArgs("list", "program", "build/host/debug/list.wasm"))));
    // The session is still there for a good launch.
    launch(launchArgs("list", "invoke", "count"));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }
  @Test
  void setVariableAndMemoryWritesChangeWhatTheProgramComputes() throws Exception {
    int alloc = lineOf("list", "after-alloc");
    int built = lineOf("list", "after-build");
    launchStoppedAt("list", launchArgs("list", "invoke", "build", "args", List.of(3.0)), alloc, built);
    StackFrame top = stack()[0];
    ScopesArguments sa = new ScopesArguments();
    sa.setFrameId(top.getId());
    int localsRef = get(server.scopes(sa)).getScopes()[0].getVariablesReference();
    org.eclipse.lsp4j.debug.SetVariableArguments sv = new org.eclipse.lsp4j.debug.SetVariableArguments();
    sv.setVariablesReference(localsRef);
    sv.setName("value");
    sv.setValue("40 + 1");
    assertEquals("41", get(server.setVariable(sv)).getValue());
    assertEquals("42", evaluate("value + 1"));
    VariablesArguments va = new VariablesArguments();
    va.setVariablesReference(localsRef);
    assertTrue(Arrays.stream(get(server.variables(va)).getVariables())
        .anyMatch(v -> v.getName().equals("value") && v.getValue().equals("41")));
    sv.setName("nosuch");
    assertTrue(error(server.setVariable(sv)).endsWith("has no local 'nosuch'"));
    sv.setName("value");
    sv.setValue("1.5");
    assertEquals("cannot set 'value' (i32): 1.5 is not a whole number, and i32 holds integers",
        error(server.setVariable(sv)));

    lineBreakpoints("list", at(built));
    get(server.continue_(new ContinueArguments()));
    next("stopped");
    assertEquals(built, stack()[0].getLine());
    assertEquals("3", evaluate("load<i32>(list + 8)"), "List#count is the third word");
    String list = evaluate("list");
    EvaluateArguments ea = new EvaluateArguments();
    ea.setExpression("list + 8");
    ea.setFrameId(stack()[0].getId());
    String countRef = get(server.evaluate(ea)).getMemoryReference();
    assertNotNull(countRef, "an address in memory comes with a memoryReference");
    org.eclipse.lsp4j.debug.ReadMemoryArguments rm = new org.eclipse.lsp4j.debug.ReadMemoryArguments();
    rm.setMemoryReference(countRef);
    rm.setCount(4);
    var read = get(server.readMemory(rm));
    assertEquals(countRef, read.getAddress());
    assertTrue(Arrays.equals(new byte[] {3, 0, 0, 0}, java.util.Base64.getDecoder().decode(read.getData())));
    org.eclipse.lsp4j.debug.WriteMemoryArguments wm = new org.eclipse.lsp4j.debug.WriteMemoryArguments();
    wm.setMemoryReference(countRef);
    wm.setData(java.util.Base64.getEncoder().encodeToString(new byte[] {7, 0, 0, 0}));
    assertEquals(4, get(server.writeMemory(wm)).getBytesWritten());
    rm.setMemoryReference("0xffffffff");
    assertEquals(4, get(server.readMemory(rm)).getUnreadableBytes(), "past the end: unreadable");
    wm.setMemoryReference("0x7fffffff");
    assertTrue(error(server.writeMemory(wm)).startsWith("4 bytes at 0x7fffffff do not fit in memory"));
    lineBreakpoints("list");
    get(server.continue_(new ContinueArguments()));
    List<String> out = new ArrayList<>();
    next("exited", out);
    assertTrue(out.contains("build returned 7\n"), "the program read the count we wrote: " + out);
    assertFalse(list.isEmpty());
  }

  @Test
  void disassembleAroundTheCurrentInstruction() throws Exception {
    int line = lineOf("list", "after-alloc");
    launchStoppedAt("list", launchArgs("list", "invoke", "build", "args", List.of(1.0)), line);
    StackFrame top = stack()[0];
    org.eclipse.lsp4j.debug.DisassembleArguments da = new org.eclipse.lsp4j.debug.DisassembleArguments();
    da.setMemoryReference(top.getInstructionPointerReference());
    da.setInstructionOffset(-2);
    da.setInstructionCount(6);
    var ins = get(server.disassemble(da)).getInstructions();
    assertEquals(6, ins.length);
    assertEquals(top.getInstructionPointerReference(), ins[2].getAddress());
    assertTrue(ins[2].getSymbol().endsWith("List#append"), ins[2].getSymbol());
    assertEquals(line, ins[2].getLine());
    for (var in : ins) {
      assertFalse(in.getInstruction().isEmpty());
      assertTrue(in.getInstruction().matches("[a-z_0-9.]+( .*)?"), in.getInstruction());
    }
    da.setMemoryReference("0x0");
    da.setInstructionOffset(-3);
    da.setInstructionCount(4);
    ins = get(server.disassemble(da)).getInstructions();
    assertEquals("invalid", ins[0].getPresentationHint().toString().toLowerCase());
    assertFalse(ins[3].getInstruction().isEmpty(), "the module's first instruction");
  }

  @Test
  void aDataBreakpointStopsAfterTheWrite() throws Exception {
    get(server.launch(launchArgs("list", "invoke", "build", "args", List.of(2.0))));
    SetFunctionBreakpointsArguments fa = new SetFunctionBreakpointsArguments();
    FunctionBreakpoint fb = new FunctionBreakpoint();
    fb.setName("build");
    fa.setBreakpoints(new FunctionBreakpoint[] {fb});
    get(server.setFunctionBreakpoints(fa));
    get(server.configurationDone(new ConfigurationDoneArguments()));
    next("stopped");
    long count = Long.parseLong(evaluate("list + 8"));
    org.eclipse.lsp4j.debug.DataBreakpointInfoArguments di = new org.eclipse.lsp4j.debug.DataBreakpointInfoArguments();
    di.setName("0x" + Long.toHexString(count));
    di.setBytes(4);
    var info = get(server.dataBreakpointInfo(di));
    assertEquals("0x" + Long.toHexString(count) + "/4", info.getDataId());
    org.eclipse.lsp4j.debug.SetDataBreakpointsArguments sd = new org.eclipse.lsp4j.debug.SetDataBreakpointsArguments();
    org.eclipse.lsp4j.debug.DataBreakpoint db = new org.eclipse.lsp4j.debug.DataBreakpoint();
    db.setDataId(info.getDataId());
    sd.setBreakpoints(new org.eclipse.lsp4j.debug.DataBreakpoint[] {db});
    assertTrue(get(server.setDataBreakpoints(sd)).getBreakpoints()[0].isVerified());
    fa.setBreakpoints(new FunctionBreakpoint[0]);
    get(server.setFunctionBreakpoints(fa));
    get(server.continue_(new ContinueArguments()));
    StoppedEventArguments st = (StoppedEventArguments) next("stopped");
    assertEquals("data breakpoint", st.getReason());
    assertEquals("1", evaluate("load<i32>(" + count + ")"), "stopped after the write of count = 1");
    assertTrue(stack()[0].getName().contains("List#"), stack()[0].getName());
    sd.setBreakpoints(new org.eclipse.lsp4j.debug.DataBreakpoint[0]);
    get(server.setDataBreakpoints(sd));
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
    di.setName("not an address");
    assertEquals(null, get(server.dataBreakpointInfo(di)).getDataId());
  }
  /** The heap the VS Code client's picture was recorded from (Node), answered by the server. */
  @Test
  void heapMapEqualsTheHeapRecordedUnderNode() throws Exception {
    Path fixture = TestPaths.repositoryRoot().resolve("vscode-client/test/fixtures/heapmap");
    assumeTrue(Files.isRegularFile(fixture.resolve("heapmap.json")), "SKIPPED: no heapmap fixture");
    List<String> lines = Files.readAllLines(fixture.resolve("program.ts"));
    int line = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// @bp:recorded")) {
        line = i + 1;
      }
    }
    Map<String, Object> args = new HashMap<>();
    args.put("program", fixture.resolve("program.wasm").toString());
    args.put("cwd", fixture.toString());
    args.put("invoke", "scenario");
    get(server.launch(args));
    SetBreakpointsArguments a = new SetBreakpointsArguments();
    Source src = new Source();
    src.setPath(fixture.resolve("program.ts").toString());
    a.setSource(src);
    a.setBreakpoints(new SourceBreakpoint[] {at(line)});
    assertTrue(get(server.setBreakpoints(a)).getBreakpoints()[0].isVerified());
    get(server.configurationDone(new ConfigurationDoneArguments()));
    assertEquals("breakpoint", ((StoppedEventArguments) next("stopped")).getReason());

    Object answer = get(((HeapMapClient) server).heapMap());
    com.google.gson.JsonElement got = new com.google.gson.GsonBuilder().serializeNulls().create().toJsonTree(answer);
    com.google.gson.JsonElement want =
        com.google.gson.JsonParser.parseString(Files.readString(fixture.resolve("heapmap.json")));
    assertEquals(want.getAsJsonObject().get("gcState"), got.getAsJsonObject().get("gcState"));
    assertEquals(want.getAsJsonObject().get("blocks").getAsJsonArray().size(),
        got.getAsJsonObject().get("blocks").getAsJsonArray().size());
    assertEquals(want, got, "the server reads the heap exactly as Node recorded it");

    // The same heap through the scopes: the Heap scope groups by class, the GC scope agrees.
    ScopesArguments sa = new ScopesArguments();
    sa.setFrameId(stack()[0].getId());
    var scopes = get(server.scopes(sa)).getScopes();
    VariablesArguments va = new VariablesArguments();
    va.setVariablesReference(scopes[3].getVariablesReference());
    Map<String, String> gc = new HashMap<>();
    for (Variable v : get(server.variables(va)).getVariables()) {
      gc.put(v.getName(), v.getValue());
    }
    assertEquals("\"mark\"", gc.get("state"));
    va.setVariablesReference(scopes[2].getVariablesReference());
    Variable[] groups = get(server.variables(va)).getVariables();
    Variable node = Arrays.stream(groups).filter(v -> v.getName().equals("Node")).findFirst().orElseThrow();
    assertTrue(node.getIndexedVariables() > 0, node.getValue());
    va.setVariablesReference(node.getVariablesReference());
    va.setFilter(org.eclipse.lsp4j.debug.VariablesArgumentsFilter.INDEXED);
    va.setStart(0);
    va.setCount(1);
    Variable first = get(server.variables(va)).getVariables()[0];
    assertTrue(first.getValue().startsWith("Node @ 0x"), first.getValue());
    assertNotNull(first.getMemoryReference());
    va.setVariablesReference(first.getVariablesReference());
    va.setFilter(null);
    Variable[] parts = get(server.variables(va)).getVariables();
    assertEquals("header", parts[0].getName());
    assertEquals("color", parts[1].getName());
    EvaluateArguments ea = new EvaluateArguments();
    ea.setExpression(":heap");
    assertTrue(get(server.evaluate(ea)).getResult().contains("Node"));
    ea.setExpression(":check");
    assertEquals("the heap is consistent: no invariant is broken", get(server.evaluate(ea)).getResult());
    ea.setExpression(":object " + first.getMemoryReference());
    var obj = get(server.evaluate(ea));
    assertEquals(first.getValue(), obj.getResult());
    assertTrue(obj.getVariablesReference() > 0);
  }

  @Test
  void allocAndCollectFiltersStopOnTheRuntimesEvents() throws Exception {
    get(server.launch(launchArgs("list", "invoke", "build", "args", List.of(3.0))));
    exceptionFilters("alloc", "className == \"Item\"");
    get(server.configurationDone(new ConfigurationDoneArguments()));
    StoppedEventArguments st = (StoppedEventArguments) next("stopped");
    assertEquals("alloc", st.getReason());
    assertTrue(st.getDescription().matches("Item allocated at 0x[0-9a-f]+ \\(\\d+ bytes\\)"), st.getDescription());
    StackFrame[] frames = stack();
    assertTrue(Arrays.stream(frames).anyMatch(f -> f.getName().endsWith("List#append")),
        "the allocation happens under List#append");
    exceptionFilters(null, null);
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void aFullCollectionStopsOnTheCollectFilter() throws Exception {
    get(server.launch(launchArgs("list", "invoke", "collect")));
    exceptionFilters("collect", "phase == \"full-start\"");
    get(server.configurationDone(new ConfigurationDoneArguments()));
    StoppedEventArguments st = (StoppedEventArguments) next("stopped");
    assertEquals("collect", st.getReason());
    assertTrue(st.getDescription().startsWith("garbage collection: full-start"), st.getDescription());
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void pauseStopsALongRunAndTerminateEndsItPromptly() throws Exception {
    Map<String, Object> args = new HashMap<>();
    args.put("program", "build/debug/bench/fib.wasm");
    args.put("invoke", "run");
    args.put("args", List.of(60.0)); // years of work: it only ends by terminate
    launch(args);
    get(server.pause(new org.eclipse.lsp4j.debug.PauseArguments()));
    StoppedEventArguments st = (StoppedEventArguments) next("stopped");
    assertEquals("pause", st.getReason());
    assertTrue(stack().length >= 1);
    get(server.continue_(new ContinueArguments()));
    get(server.pause(new org.eclipse.lsp4j.debug.PauseArguments()));
    assertEquals("pause", ((StoppedEventArguments) next("stopped")).getReason());
    StackFrame[] frames = stack();
    assertTrue(frames[0].getName().endsWith("fib"), "paused in the recursion: " + frames[0].getName());
    get(server.continue_(new ContinueArguments()));
    long t0 = System.nanoTime();
    get(server.terminate(new org.eclipse.lsp4j.debug.TerminateArguments()));
    next("terminated");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 5_000, "terminated within " + ms + " ms");
  }

  @Test
  void outOfMemoryStopsOnTheOomFilterBothWays() throws Exception {
    launch(launchArgs("oom", "invoke", "exhaust", "args", List.of(8192.0)));
    assertEquals("exception", ((StoppedEventArguments) next("stopped")).getReason());
    var info = get(server.exceptionInfo(new ExceptionInfoArguments()));
    assertEquals("oom", info.getExceptionId(), "memory.grow refused inside TLSF: " + info.getDescription());
    assertTrue(info.getDescription().contains("the limit is 4 pages"), info.getDescription());
    get(server.continue_(new ContinueArguments()));
    assertEquals(2, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void allocationTooLargeIsOom() throws Exception {
    launch(launchArgs("oom", "invoke", "tooLarge"));
    next("stopped");
    var info = get(server.exceptionInfo(new ExceptionInfoArguments()));
    assertEquals("oom", info.getExceptionId());
    assertTrue(info.getDescription().contains("Allocation too large"), info.getDescription());
    get(server.continue_(new ContinueArguments()));
    assertEquals(2, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void hostModeStopsOnItsAllocationsAndShowsItsHeap() throws Exception {
    get(server.launch(launchArgs("list", "program", "build/host/debug/list.wasm", "runtime", "host",
        "invoke", "build", "args", List.of(3.0))));
    exceptionFilters("alloc", "className == \"Item\"");
    get(server.configurationDone(new ConfigurationDoneArguments()));
    StoppedEventArguments st = (StoppedEventArguments) next("stopped");
    assertEquals("alloc", st.getReason());
    // The same first Item as the guest build's (the host runtime keeps the heap address for address).
    assertEquals("Item allocated at 0x8820 (8 bytes)", st.getDescription());
    StackFrame[] frames = stack();
    assertTrue(frames[0].getName().endsWith("__new"), frames[0].getName());
    assertTrue(Arrays.stream(frames).anyMatch(f -> f.getName().endsWith("List#append")),
        "the allocation happens under List#append");
    ScopesArguments sa = new ScopesArguments();
    sa.setFrameId(frames[0].getId());
    var scopes = get(server.scopes(sa)).getScopes();
    VariablesArguments va = new VariablesArguments();
    va.setVariablesReference(scopes[2].getVariablesReference());
    Variable[] groups = get(server.variables(va)).getVariables();
    assertTrue(Arrays.stream(groups).anyMatch(v -> v.getName().equals("Item")),
        "the Heap scope lists the host runtime's objects: " + Arrays.toString(groups));
    exceptionFilters(null, null);
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void hostModeOutOfMemoryStopsOnTheOomFilter() throws Exception {
    launch(launchArgs("oom", "program", "build/host/debug/oom.wasm", "runtime", "host",
        "invoke", "exhaust", "args", List.of(8192.0)));
    assertEquals("exception", ((StoppedEventArguments) next("stopped")).getReason());
    var info = get(server.exceptionInfo(new ExceptionInfoArguments()));
    assertEquals("oom", info.getExceptionId(), "memory.grow refused by the host TLSF: " + info.getDescription());
    assertTrue(info.getDescription().contains("the limit is 4 pages"), info.getDescription());
    get(server.continue_(new ContinueArguments()));
    assertEquals(2, ((ExitedEventArguments) next("exited")).getExitCode());
  }

}
