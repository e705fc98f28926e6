package dev.tricolor.dap.engine;

import dev.tricolor.dap.cli.ExitCodes;
import dev.tricolor.dap.launch.LaunchConfig;
import dev.tricolor.dap.session.Debuggee;
import dev.tricolor.dap.session.ExceptionFilter;
import dev.tricolor.dap.session.HeapSummary;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.dap.session.Resume;
import dev.tricolor.dap.session.RunOutcome;
import dev.tricolor.dap.sourcemap.SourceMap;
import dev.tricolor.dap.sourcemap.SourcePosition;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;

/**
 * Runs a program without a client: the {@code run} command's engine half. Results go to
 * standard output; the program's own output, stops, stacks and heap summaries to standard error.
 */
public final class HeadlessRun {
  private final PrintStream out;
  private final PrintStream err;

  public HeadlessRun(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(LaunchConfig config, Set<ExceptionFilter> breakOn) {
    LoadedModule loaded;
    try {
      loaded = LoadedModule.load(config);
    } catch (LoadedModule.LoadException e) {
      err.println("tricolor run: " + e.getMessage());
      return e.kind == LoadedModule.LoadException.Kind.INPUT ? ExitCodes.NO_INPUT : ExitCodes.USAGE;
    }
    int[] stoppedOn = {0};
    EngineDebuggee program =
        new EngineDebuggee(
            loaded,
            false,
            (category, text) -> {
              // Standard output carries only the results; the program's own text goes to stderr.
              // After a --break-on stop the report is the last word: the program is ended there,
              // and an oom stop's trap would otherwise still print as if it went on.
              if (!category.equals(OutputEventArgumentsCategory.CONSOLE) && stoppedOn[0] == 0) {
                err.print(text);
              }
            });
    // alloc, free and collect are heap events: the runtime reports them only when asked to.
    program.setRuntimeEvents(breakOn);
    for (ExceptionFilter f : breakOn) {
      program.unavailable(f).ifPresent(why -> err.println("tricolor run: --break-on " + why));
    }
    String[] stack = {null};
    Debuggee.StopHandler stops =
        (stop, view) -> {
          RunOutcome.ExceptionStop ex = stop.exception();
          if (ex == null) {
            return Resume.CONTINUE;
          }
          String trace = stack(view.frames(), loaded.sourceMap());
          for (ExceptionFilter f : ex.filters()) {
            if (breakOn.contains(f)) {
              err.println("stopped on " + f.id() + ": " + ex.description());
              err.print(trace);
              err.print(heapSummary(program));
              stoppedOn[0] = 1;
              return Resume.TERMINATE;
            }
          }
          stack[0] = trace;
          return Resume.UNCHANGED;
        };
    RunOutcome.Ended end = program.run(stops);
    if (stoppedOn[0] == 1) {
      return ExitCodes.STOPPED;
    }
    if (end.exitCode() == 2) {
      // The cause was printed as the program's output; the stack is where it happened.
      if (stack[0] != null) {
        err.print(stack[0]);
      }
      return ExitCodes.TRAPPED;
    }
    if (end.exitCode() != 0) {
      return end.exitCode();
    }
    long[] results = program.results();
    if (results != null && loaded.invocation().isPresent()) {
      Invocation inv = loaded.invocation().get();
      for (int i = 0; i < results.length; i++) {
        out.println(WasmValues.of(inv.type().result(i), results[i]).display(false));
      }
    }
    return ExitCodes.OK;
  }

  /** The heap summary, indented under "heap:"; a heap that cannot be read says so. */
  private static String heapSummary(EngineDebuggee program) {
    Instance inst = program.instance();
    if (inst == null || inst.memory() == null) {
      return "heap: the program has no linear memory\n";
    }
    try {
      return "heap:\n" + HeapSummary.of(program.readHeap(inst)).replaceAll("(?m)^", "  ");
    } catch (RuntimeException e) {
      return "heap: cannot be read (" + e + ")\n";
    }
  }

  static String stack(List<Debuggee.Frame> frames, Optional<SourceMap> map) {
    StringBuilder sb = new StringBuilder();
    for (Debuggee.Frame f : frames) {
      sb.append("  at ").append(f.functionName());
      Optional<SourcePosition> p = map.flatMap(m -> m.framePosition(f.codeOffset(), f.functionStart()));
      if (p.isPresent()) {
        sb.append(" (").append(map.get().sources().get(p.get().source())).append(':')
            .append(p.get().line()).append(':').append(p.get().column()).append(')');
      }
      sb.append(" [0x").append(Long.toHexString(f.codeOffset())).append("]\n");
    }
    return sb.toString();
  }
}
