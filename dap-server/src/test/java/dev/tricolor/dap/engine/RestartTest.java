package dev.tricolor.dap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.dap.session.RestartArgumentsAdapter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.RestartArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

/**
 * {@code restart} ends the program without telling the client it ended and runs it again from
 * the start, with the launch's configuration or a new one, keeping the breakpoints; a new
 * configuration that cannot be loaded leaves the program as it was.
 */
class RestartTest extends EngineSessionHarness {
  /** The events up to and including the next stop (output events left out), as name → body. */
  private Map<String, Object> eventsUntilStopped() throws InterruptedException {
    Map<String, Object> seen = new java.util.LinkedHashMap<>();
    while (true) {
      Object[] e = events.poll(20, TimeUnit.SECONDS);
      assertNotNull(e, "no stop within 20 s; events: " + seen.keySet());
      if (!e[0].equals("output")) {
        seen.put((String) e[0], e[1]);
      }
      if (e[0].equals("stopped")) {
        return seen;
      }
    }
  }

  private static RestartArguments with(Map<String, Object> configuration) {
    RestartArguments r = new RestartArguments();
    if (configuration != null) {
      r.setArguments(Either.forRight(new RestartArgumentsAdapter.Attach(configuration)));
    }
    return r;
  }

  /** Starts list's build(n), stopped at the first item's allocation; the breakpoint's id. */
  private int stoppedInBuild(double n) throws Exception {
    get(server.launch(launchArgs("list", "invoke", "build", "args", List.of(n))));
    int id = lineBreakpoints("list", at(lineOf("list", "after-alloc")))[0].getId();
    get(server.configurationDone(new ConfigurationDoneArguments()));
    next("stopped");
    assertEquals("0", evaluate("value"));
    return id;
  }

  @Test
  void theServerAnnouncesRestart() throws Exception {
    Capabilities c = get(server.initialize(new InitializeRequestArguments()));
    assertEquals(Boolean.TRUE, c.getSupportsRestartRequest());
  }

  @Test
  void aRestartRunsTheProgramAgainFromTheStartWithItsBreakpoints() throws Exception {
    int id = stoppedInBuild(3);
    get(server.continue_(new ContinueArguments()));
    next("stopped");
    assertEquals("1", evaluate("value"), "the second item");
    get(server.restart(with(null)));
    Map<String, Object> seen = eventsUntilStopped();
    assertEquals(List.of("breakpoint", "stopped"), List.copyOf(seen.keySet()),
        "no exited or terminated for the program restarted");
    Breakpoint again = ((BreakpointEventArguments) seen.get("breakpoint")).getBreakpoint();
    assertEquals(id, again.getId(), "the client's breakpoint, under its id");
    assertTrue(again.isVerified());
    assertEquals(List.of(id), List.of(((StoppedEventArguments) seen.get("stopped")).getHitBreakpointIds()));
    assertEquals("0", evaluate("value"), "the breakpoint holds in the new run, at its first item");
    assertEquals("0", evaluate("load<i32>(list + 8)"), "a fresh list: count 0 (the first run had 1)");
    lineBreakpoints("list");
    get(server.continue_(new ContinueArguments()));
    exitsWith(0, "build returned 3\n");
    next("terminated");
  }

  @Test
  void aRestartWithANewConfigurationUsesIt() throws Exception {
    stoppedInBuild(3);
    lineBreakpoints("list");
    get(server.restart(with(launchArgs("list", "invoke", "build", "args", List.of(5.0)))));
    exitsWith(0, "build returned 5\n");
  }

  @Test
  void aRestartWhileTheProgramRunsEndsItAndStartsAgain() throws Exception {
    launch(launchArgs("infinite", "invoke", "spin"));
    Thread.sleep(100);
    get(server.restart(with(launchArgs("list", "invoke", "build", "args", List.of(2.0)))));
    exitsWith(0, "build returned 2\n");
  }

  @Test
  void aConfigurationThatCannotLoadLeavesTheProgramAsItWas() throws Exception {
    stoppedInBuild(3);
    String error = error(server.restart(with(launchArgs("list", "program", "build/debug/missing.wasm"))));
    assertTrue(error.contains("missing.wasm"), error);
    assertEquals("0", evaluate("value"), "still stopped where it was");
    lineBreakpoints("list");
    get(server.continue_(new ContinueArguments()));
    exitsWith(0, "build returned 3\n");
  }

  @Test
  void beforeALaunchThereIsNothingToRestart() {
    assertFalse(error(server.restart(with(null))).isEmpty());
  }
}
