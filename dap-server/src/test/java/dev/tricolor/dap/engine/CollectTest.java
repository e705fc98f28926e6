package dev.tricolor.dap.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.InvalidatedEventArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.junit.jupiter.api.Test;

/**
 * {@code :collect} runs the program's own collector at a stop and says what it freed; what the
 * stopped frames hold survives (it may live only in a local or on the operand stack), and the
 * program goes on to its right result.
 */
class CollectTest extends EngineSessionHarness {
  private static final Pattern FREED = Pattern.compile("full collection: freed (\\d+) objects?, (\\d+) bytes");

  private String repl(String command) throws Exception {
    EvaluateArguments ea = new EvaluateArguments();
    ea.setExpression(command);
    ea.setContext("repl");
    return get(server.evaluate(ea)).getResult();
  }

  private static int freed(String answer) {
    Matcher m = FREED.matcher(answer);
    assertTrue(m.find(), answer);
    return Integer.parseInt(m.group(1));
  }

  /** ITCMS's own count of the bytes its objects take ({@code total}, as :gc shows it). */
  private long gcTotal() throws Exception {
    Matcher m = Pattern.compile("total (\\d+)").matcher(repl(":gc"));
    assertTrue(m.find());
    return Long.parseLong(m.group(1));
  }

  private static long freedBytes(String answer) {
    Matcher m = FREED.matcher(answer);
    assertTrue(m.find(), answer);
    return Long.parseLong(m.group(2));
  }

  /** How many objects of class {@code name} the :heap table lists. */
  private int objects(String name) throws Exception {
    for (String line : repl(":heap").split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length >= 3 && cols[0].equals(name)) {
        return Integer.parseInt(cols[1]);
      }
    }
    return 0;
  }

  /** Launched logging's logLines(3): stopped at its log line the third time round. */
  private void stopAtTheThirdLine() throws Exception {
    lineBreakpoints("logging", at(lineOf("logging", "log")));
    get(server.configurationDone(new org.eclipse.lsp4j.debug.ConfigurationDoneArguments()));
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        get(server.continue_(new ContinueArguments()));
      }
      next("stopped");
    }
    assertEquals("3", evaluate("i"));
  }

  @Test
  void theStringsOfEarlierIterationsAreFreedAndTheProgramGoesOn() throws Exception {
    // logging.wasm does not call __collect, so asc left it out: :collect runs its steps.
    get(server.launch(launchArgs("logging", "invoke", "logLines", "args", List.of(3.0))));
    stopAtTheThirdLine();
    assertEquals(10, objects("String"), "five strings per line logged, none static yet");
    long total = gcTotal();
    String answer = repl(":collect");
    // Line 1's five strings are garbage; line 2's are still in the frame's shadow-stack slots.
    assertEquals(5, freed(answer), answer);
    assertArrayEquals(new String[] {"variables"},
        ((InvalidatedEventArguments) next("invalidated")).getAreas(), "the client refetches");
    assertTrue(answer.matches("(?s).*\\n  String +5 +\\d+\\n.*"), answer);
    assertTrue(answer.contains("live: 5 objects"), answer);
    assertEquals(total - freedBytes(answer), gcTotal(), "ITCMS's own count agrees: " + answer);
    assertTrue(repl(":gc").startsWith("state idle"), "a full collection ends idle");
    assertEquals("the heap is consistent: no invariant is broken", repl(":check"));
    assertEquals(0, freed(repl(":collect")), "nothing more to free");
    lineBreakpoints("logging");
    get(server.continue_(new ContinueArguments()));
    exitsWith(0, "line 3 of 3\n");
  }

  @Test
  void anObjectOnlyALocalHoldsSurvivesAndTheListIsWhole() throws Exception {
    // list.wasm calls __collect itself: :collect calls it. Stopped on the line after
    // `const item = new Item(value)`, the new Item is held by the local only.
    int alloc = lineOf("list", "after-alloc");
    get(server.launch(launchArgs("list", "invoke", "build", "args", List.of(3.0))));
    lineBreakpoints("list", at(alloc + 1));
    get(server.configurationDone(new org.eclipse.lsp4j.debug.ConfigurationDoneArguments()));
    for (int i = 0; i < 3; i++) {
      next("stopped");
      String answer = repl(":collect");
      assertEquals(0, freed(answer), answer);
      assertTrue(answer.matches("(?s).*; [1-9]\\d* values? of the stopped frames kept alive.*"), answer);
      assertEquals(i + 1, objects("Item"), "the new Item is still there");
      get(server.continue_(new ContinueArguments()));
    }
    exitsWith(0, "build returned 3\n");
  }

  @Test
  void aNewObjectStillOnTheOperandStackAtAnAllocStopSurvives() throws Exception {
    get(server.launch(launchArgs("list", "invoke", "build", "args", List.of(2.0))));
    exceptionFilters("alloc", "className == \"Item\"");
    get(server.configurationDone(new org.eclipse.lsp4j.debug.ConfigurationDoneArguments()));
    StoppedEventArguments st = (StoppedEventArguments) next("stopped");
    assertEquals("alloc", st.getReason());
    assertEquals(0, freed(repl(":collect")));
    assertEquals(1, objects("Item"));
    exceptionFilters(null, null);
    lineBreakpoints("list", at(lineOf("list", "after-build")));
    get(server.continue_(new ContinueArguments()));
    next("stopped");
    assertEquals(2, objects("Item"));
    assertEquals("the heap is consistent: no invariant is broken", repl(":check"));
    assertEquals("1", evaluate("load<i32>(load<i32>(load<i32>(list)) + 4)"), "head.next.value");
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void inHostModeTheJavaCollectorCollects() throws Exception {
    get(server.launch(launchArgs("logging", "program", "build/host/debug/logging.wasm", "runtime", "host",
        "invoke", "logLines", "args", List.of(3.0))));
    stopAtTheThirdLine();
    long total = gcTotal();
    String answer = repl(":collect");
    assertEquals(5, freed(answer), "line 1's strings, as in guest mode: " + answer);
    assertEquals(total - freedBytes(answer), gcTotal(), answer);
    assertEquals("the heap is consistent: no invariant is broken", repl(":check"));
    lineBreakpoints("logging");
    get(server.continue_(new ContinueArguments()));
    exitsWith(0, "line 3 of 3\n");
  }

  /** At a collect stop the program is inside a collector step; a nested collection is refused. */
  @Test
  void insideTheCollectorItIsRefused() throws Exception {
    get(server.launch(launchArgs("gc", "invoke", "collect")));
    exceptionFilters("collect", null);
    get(server.configurationDone(new org.eclipse.lsp4j.debug.ConfigurationDoneArguments()));
    assertEquals("collect", ((StoppedEventArguments) next("stopped")).getReason());
    EvaluateArguments ea = new EvaluateArguments();
    ea.setExpression(":collect");
    assertTrue(error(server.evaluate(ea)).startsWith(
        ":collect: the program is stopped inside the collector (a collect stop)"));
    exceptionFilters(null, null);
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  /** Stopped in TLSF's __alloc (a function breakpoint), its lists may be half updated. */
  @Test
  void insideTheRuntimesCodeItIsRefused() throws Exception {
    get(server.launch(launchArgs("list", "invoke", "build", "args", List.of(2.0))));
    SetFunctionBreakpointsArguments fa = new SetFunctionBreakpointsArguments();
    FunctionBreakpoint fb = new FunctionBreakpoint();
    fb.setName("__alloc");
    fa.setBreakpoints(new FunctionBreakpoint[] {fb});
    get(server.setFunctionBreakpoints(fa));
    get(server.configurationDone(new org.eclipse.lsp4j.debug.ConfigurationDoneArguments()));
    next("stopped");
    assertEquals("~lib/rt/tlsf/__alloc", stack()[0].getName());
    EvaluateArguments ea = new EvaluateArguments();
    ea.setExpression(":collect");
    assertEquals(":collect: the program is stopped inside ~lib/rt/tlsf/__alloc, where the runtime's"
        + " lists may be half updated; step out to the program's own code first",
        error(server.evaluate(ea)));
    fa.setBreakpoints(new FunctionBreakpoint[0]);
    get(server.setFunctionBreakpoints(fa));
    get(server.continue_(new ContinueArguments()));
    exitsWith(0, "build returned 2\n");
  }

  /**
   * An Item's nextWithColor made to point at its own header (a GC list that cycles, as a stray
   * store would leave it): the collector would loop, so :collect refuses and names :check.
   */
  @Test
  void onACorruptHeapItIsRefused() throws Exception {
    launchStoppedAt("list", launchArgs("list", "invoke", "build", "args", List.of(3.0)),
        lineOf("list", "after-build"));
    long head = Long.parseLong(evaluate("load<i32>(list)"));
    long word = Long.parseLong(evaluate("load<i32>(" + (head - 16) + ")"));
    WriteMemoryArguments w = new WriteMemoryArguments();
    w.setMemoryReference("0x" + Long.toHexString(head - 16));
    int cycle = (int) ((head - 20) | (word & 3));
    w.setData(Base64.getEncoder().encodeToString(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(cycle).array()));
    get(server.writeMemory(w));
    assertTrue(repl(":check").contains("finding"), "the checker sees it");
    EvaluateArguments ea = new EvaluateArguments();
    ea.setExpression(":collect");
    String error = error(server.evaluate(ea));
    assertTrue(error.startsWith(":collect: the heap is corrupt ("), error);
    assertTrue(error.contains(":check lists them"), error);
    get(server.terminate(new TerminateArguments()));
    next("terminated");
  }

  @Test
  void atATrapItSaysTheProgramCannotRunAnyMore() throws Exception {
    launch(launchArgs("trap", "invoke", "divide", "args", List.of(7.0, 0.0)));
    next("stopped");
    EvaluateArguments ea = new EvaluateArguments();
    ea.setExpression(":collect");
    assertTrue(error(server.evaluate(ea)).startsWith(
        ":collect: the program stopped on a trap and cannot run any more code"));
    get(server.continue_(new ContinueArguments()));
    assertEquals(2, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void stepsGoOnAfterACollection() throws Exception {
    int alloc = lineOf("list", "after-alloc");
    launchStoppedAt("list", launchArgs("list", "invoke", "build", "args", List.of(2.0)), alloc);
    lineBreakpoints("list");
    repl(":collect");
    get(server.next(new NextArguments()));
    next("stopped");
    assertEquals(alloc + 1, stack()[0].getLine(), "the step after :collect lands on the next line");
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }
}
