package dev.tricolor.dap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateArgumentsContext;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;

/**
 * {@code loadBE<T>} and {@code bswap<T>} on the real {@code byteorder} program, whose
 * {@code writeBigEndian(a, b, c)} writes a u16 at 0, a u32 at 2 and a u64 at 8 of its DataView's
 * buffer with DataView's big-endian setters (asc's own bswap polyfill, compiled into the module).
 */
class BigEndianEvaluateTest extends EngineSessionHarness {
  private static final long A = 0x1234;
  private static final long B = 0x12345678;
  // Exact as a double, which is how launch's args arrive.
  private static final long C = 0x0102030405060000L;

  // The DataView global: buffer at +0, dataStart at +4, byteLength at +8 (std/assembly/dataview.ts).
  private static final String DATA_START = "load<usize>(view + 4)";

  private void launchWriting(SourceBreakpoint atWritten) throws Exception {
    get(server.launch(launchArgs("byteorder", "invoke", "writeBigEndian",
        "args", List.of((double) A, (double) B, (double) C))));
    lineBreakpoints("byteorder", atWritten);
    get(server.configurationDone(new ConfigurationDoneArguments()));
  }

  private String evaluate(String expression, String context) throws Exception {
    EvaluateArguments ea = new EvaluateArguments();
    ea.setExpression(expression);
    ea.setFrameId(stack()[0].getId());
    ea.setContext(context);
    return get(server.evaluate(ea)).getResult();
  }

  @Test
  void aStopAfterTheWritesReadsBackWhatTheProgramWroteBigEndian() throws Exception {
    launchWriting(at(lineOf("byteorder", "written")));
    assertEquals("breakpoint", ((StoppedEventArguments) next("stopped")).getReason());
    long ptr = Long.parseLong(evaluate(DATA_START));
    assertEquals(ptr, Long.parseLong(evaluate("load<usize>(view)")),
        "a DataView over a whole ArrayBuffer starts at the buffer");
    assertEquals(Long.toString(B), evaluate("loadBE<u32>(" + ptr + " + 2)"));
    assertEquals(Long.toString(A), evaluate("loadBE<u16>(" + ptr + ")"));
    assertEquals(Long.toString(C), evaluate("loadBE<u64>(" + ptr + " + 8)"));
    assertEquals(Long.toString(Integer.toUnsignedLong(Integer.reverseBytes((int) B))),
        evaluate("load<u32>(" + ptr + " + 2)"), "read little-endian the word is swapped");
    assertEquals(Long.toString(B), evaluate("loadBE<u32>(" + DATA_START + " + 2)",
        EvaluateArgumentsContext.HOVER));
    assertEquals("true",
        evaluate("bswap<u32>(load<u32>(" + ptr + " + 2)) == b && loadBE<u64>(" + ptr + " + 8) == c",
            EvaluateArgumentsContext.WATCH),
        "the swap of the little-endian reading is the program's argument b");
    assertEquals(Long.toString(B), evaluate("loadBE<u32>(" + DATA_START + " + 2)",
        EvaluateArgumentsContext.REPL));
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void aBreakpointConditionSeesTheBigEndianValue() throws Exception {
    SourceBreakpoint matching = at(lineOf("byteorder", "written"));
    matching.setCondition("loadBE<u32>(" + DATA_START + " + 2) == b");
    launchWriting(matching);
    assertEquals("breakpoint", ((StoppedEventArguments) next("stopped")).getReason());
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void aBreakpointConditionOnTheLittleEndianReadingDoesNotStop() throws Exception {
    SourceBreakpoint swapped = at(lineOf("byteorder", "written"));
    swapped.setCondition("loadBE<u32>(" + DATA_START + " + 2) == bswap<u32>(b)");
    launchWriting(swapped);
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode(),
        "the condition is false (the word holds b, not its swap), so the run ends without a stop");
  }
}
