package dev.tricolor.dap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.junit.jupiter.api.Test;

/**
 * Steps by statement ({@code granularity: "statement"}) stop at each statement of a line with
 * several; steps without a granularity go by line. On the real programs' --debug builds.
 */
class SteppingGranularityTest extends EngineSessionHarness {
  /** The 1-based line of {@code program} whose text contains {@code text}. */
  private static int lineWith(String program, String text) throws Exception {
    List<String> lines = Files.readAllLines(PROGRAMS.resolve("programs/" + program + ".ts"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + text + " in " + program);
  }

  private String step(SteppingGranularity granularity) throws Exception {
    NextArguments a = new NextArguments();
    a.setGranularity(granularity);
    get(server.next(a));
    next("stopped");
    return where();
  }

  private String where() throws Exception {
    StackFrame top = stack()[0];
    return top.getLine() + ":" + top.getColumn();
  }

  @Test
  void threeStatementsOnOneLineAreThreeSteps() throws Exception {
    int line = lineWith("big", "sa[0] = \"x\"; sa[1] = \"yy\"; sa[2] = \"zzz\";");
    launchStoppedAt("big", launchArgs("big", "invoke", "part", "args", List.of(3.0)), line);
    lineBreakpoints("big");
    assertEquals(line + ":3", where(), "sa[0] = \"x\"");
    assertEquals(line + ":16", step(SteppingGranularity.STATEMENT), "sa[1] = \"yy\"");
    assertEquals(line + ":30", step(SteppingGranularity.STATEMENT), "sa[2] = \"zzz\"");
    assertEquals(line + 1, Integer.parseInt(step(SteppingGranularity.STATEMENT).split(":")[0]),
        "then the next line's statement");
    assertEquals(line + 2, Integer.parseInt(step(null).split(":")[0]), "without granularity: by line");
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void byLineTheLineIsOneStep() throws Exception {
    int line = lineWith("big", "sa[0] = \"x\"; sa[1] = \"yy\"; sa[2] = \"zzz\";");
    launchStoppedAt("big", launchArgs("big", "invoke", "part", "args", List.of(3.0)), line);
    lineBreakpoints("big");
    assertEquals(line + 1, Integer.parseInt(step(SteppingGranularity.LINE).split(":")[0]));
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  /**
   * {@code for (let i = 0; i < 3; i++) values[i] = n + i;}: by statement, the body is a stop of
   * its own each time round, with {@code i} as that iteration has it.
   */
  @Test
  void aLoopOnOneLineStopsAtItsBodyEachTimeRound() throws Exception {
    int line = lineWith("stepping", "for (let i = 0; i < 3; i++) values[i] = n + i;");
    int body = Files.readAllLines(PROGRAMS.resolve("programs/stepping.ts")).get(line - 1)
        .indexOf("values[i] =") + 1;
    launchStoppedAt("stepping", launchArgs("stepping", "invoke", "locals", "args", List.of(3.0)), line);
    lineBreakpoints("stepping");
    List<String> iAtBody = new ArrayList<>();
    List<String> visited = new ArrayList<>();
    String at = where();
    while (Integer.parseInt(at.split(":")[0]) == line) {
      visited.add(at);
      if (at.equals(line + ":" + body)) {
        iAtBody.add(evaluate("i"));
      }
      at = step(SteppingGranularity.STATEMENT);
    }
    assertEquals(List.of("0", "1", "2"), iAtBody, "stops seen: " + visited);
    assertEquals(line + 1, Integer.parseInt(at.split(":")[0]));
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }
}
