package dev.tricolor.dap.session;

import dev.tricolor.dap.expr.EvalContext;
import dev.tricolor.dap.expr.Evaluator;
import dev.tricolor.dap.expr.Expr;
import dev.tricolor.dap.expr.ExpressionException;
import dev.tricolor.dap.expr.HitCondition;
import dev.tricolor.dap.expr.LogMessage;
import dev.tricolor.dap.expr.Parser;
import dev.tricolor.dap.sourcemap.MappedSource;
import dev.tricolor.dap.sourcemap.MappedSources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.InstructionBreakpoint;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;

/**
 * The client's line, function and instruction breakpoints: resolved through the source map to
 * code offsets, installed in the debuggee, and consulted at each hit (condition, hit count,
 * logpoint). Set on the reader thread, consulted on the program thread.
 *
 * <pre>
 *  DAP breakpoint id ──1:n──▶ debuggee breakpoint ids (one per line entry of a source line)
 *  debuggee id ──▶ Spec (reason, condition, hit condition, log message, hits so far)
 * </pre>
 */
final class BreakpointTable {
  /** What to do when a breakpoint is hit. */
  record Spec(Breakpoint breakpoint, String reason, Expr condition, HitCondition hitCondition,
      LogMessage logMessage, AtomicLong hits) {}

  private final Map<Integer, Spec> specs = new ConcurrentHashMap<>();
  private final Map<String, List<Integer>> installed = new HashMap<>();
  private int nextDapId = 1;

  /** Replaces the breakpoints of one source. */
  Breakpoint[] setSource(
      Debuggee d, Optional<MappedSources> sources, Source source, SourceBreakpoint[] requested) {
    String key = sourceKey(source);
    removeAll(d, key);
    List<Integer> ids = new ArrayList<>();
    Breakpoint[] out = new Breakpoint[requested == null ? 0 : requested.length];
    Optional<MappedSource> ms =
        sources.flatMap(
            s -> source.getSourceReference() != null && source.getSourceReference() > 0
                ? s.byReference(source.getSourceReference())
                : source.getPath() == null ? Optional.empty() : s.byPath(source.getPath()));
    for (int i = 0; i < out.length; i++) {
      SourceBreakpoint r = requested[i];
      Breakpoint b = newBreakpoint(r.getLine());
      b.setSource(source);
      out[i] = b;
      if (d == null) {
        unverified(b, "pending: set when the program is launched");
        continue;
      }
      if (sources.isEmpty()) {
        unverified(b, "the program has no source map, so lines cannot be mapped to code; use a"
            + " function or instruction breakpoint");
        continue;
      }
      if (ms.isEmpty()) {
        unverified(b, (source.getPath() != null ? source.getPath() : source.getName())
            + " is not part of the program (it is not in the program's source map)");
        continue;
      }
      Spec spec;
      try {
        spec = spec(b, StoppedEventArgumentsReason.BREAKPOINT, r.getCondition(), r.getHitCondition(),
            r.getLogMessage());
      } catch (ExpressionException e) {
        unverified(b, e.getMessage());
        continue;
      }
      int index = ms.get().index();
      int line = sources.get().map().nextLineWithCode(index, r.getLine());
      if (line < 0) {
        unverified(b, "no code on line " + r.getLine() + " or after it");
        continue;
      }
      int[] offsets = sources.get().map().lineEntries(index, line);
      if (d == null) {
        unverified(b, "pending: set when the program is launched");
        continue;
      }
      int placed = 0;
      for (int off : offsets) {
        try {
          Debuggee.Installed in = d.addBreakpoint(new Debuggee.BreakTarget.Offset(off));
          specs.put(in.id(), spec);
          ids.add(in.id());
          placed++;
        } catch (RequestException e) {
          b.setMessage(e.getMessage());
        }
      }
      if (placed == 0) {
        unverified(b, b.getMessage() != null ? b.getMessage() : "no code on line " + line);
        continue;
      }
      b.setVerified(true);
      b.setMessage(null);
      b.setLine(line);
      if (line != r.getLine()) {
        b.setMessage("no code on line " + r.getLine() + "; moved to line " + line);
      }
    }
    installed.put(key, ids);
    return out;
  }

  /** What names a source's breakpoints: its path, or its reference when it has none. */
  static String sourceKey(Source source) {
    return "source:" + (source.getPath() != null ? source.getPath() : "#" + source.getSourceReference());
  }

  /** Forgets what was installed in a debuggee that is gone (a restart loads a new one). */
  void forgetInstalled() {
    installed.clear();
    specs.clear();
  }

  /** Replaces the function breakpoints. */
  Breakpoint[] setFunctions(Debuggee d, FunctionBreakpoint[] requested) {
    removeAll(d, "functions");
    List<Integer> ids = new ArrayList<>();
    Breakpoint[] out = new Breakpoint[requested == null ? 0 : requested.length];
    for (int i = 0; i < out.length; i++) {
      FunctionBreakpoint r = requested[i];
      Breakpoint b = newBreakpoint(null);
      out[i] = b;
      try {
        Spec spec = spec(b, StoppedEventArgumentsReason.FUNCTION_BREAKPOINT, r.getCondition(),
            r.getHitCondition(), null);
        if (d == null) {
          unverified(b, "pending: set when the program is launched");
          continue;
        }
        Debuggee.Installed in = d.addBreakpoint(new Debuggee.BreakTarget.FunctionEntry(r.getName()));
        specs.put(in.id(), spec);
        ids.add(in.id());
        b.setVerified(true);
        b.setInstructionReference("0x" + Long.toHexString(in.codeOffset()));
        b.setMessage(in.function());
      } catch (ExpressionException | RequestException e) {
        unverified(b, e.getMessage());
      }
    }
    installed.put("functions", ids);
    return out;
  }

  /** Replaces the instruction breakpoints. */
  Breakpoint[] setInstructions(Debuggee d, InstructionBreakpoint[] requested) {
    removeAll(d, "instructions");
    List<Integer> ids = new ArrayList<>();
    Breakpoint[] out = new Breakpoint[requested == null ? 0 : requested.length];
    for (int i = 0; i < out.length; i++) {
      InstructionBreakpoint r = requested[i];
      Breakpoint b = newBreakpoint(null);
      out[i] = b;
      try {
        long offset = parseAddress(r.getInstructionReference())
            + (r.getOffset() == null ? 0 : r.getOffset());
        Spec spec = spec(b, StoppedEventArgumentsReason.INSTRUCTION_BREAKPOINT, r.getCondition(),
            r.getHitCondition(), null);
        if (d == null) {
          unverified(b, "pending: set when the program is launched");
          continue;
        }
        Debuggee.Installed in = d.addBreakpoint(new Debuggee.BreakTarget.Offset(offset));
        specs.put(in.id(), spec);
        ids.add(in.id());
        b.setVerified(true);
        b.setInstructionReference("0x" + Long.toHexString(in.codeOffset()));
      } catch (ExpressionException | RequestException e) {
        unverified(b, e.getMessage());
      }
    }
    installed.put("instructions", ids);
    return out;
  }

  /** Replaces the data breakpoints; each data id is {@code ADDRESS/LENGTH} (see dataId). */
  Breakpoint[] setData(Debuggee d, DataBreakpoint[] requested) {
    removeAll(d, "data");
    List<Integer> ids = new ArrayList<>();
    Breakpoint[] out = new Breakpoint[requested == null ? 0 : requested.length];
    for (int i = 0; i < out.length; i++) {
      DataBreakpoint r = requested[i];
      Breakpoint b = newBreakpoint(null);
      out[i] = b;
      try {
        long[] range = parseDataId(r.getDataId());
        Spec spec = spec(b, StoppedEventArgumentsReason.DATA_BREAKPOINT, r.getCondition(),
            r.getHitCondition(), null);
        if (d == null) {
          unverified(b, "pending: set when the program is launched");
          continue;
        }
        int id = d.addWatch(range[0], range[1]);
        specs.put(id, spec);
        ids.add(id);
        b.setVerified(true);
        b.setMessage(range[1] + " bytes at 0x" + Long.toHexString(range[0]));
      } catch (ExpressionException | RequestException e) {
        unverified(b, e.getMessage());
      }
    }
    installed.put("data", ids);
    return out;
  }

  /** The data id of {@code length} bytes at {@code address}. */
  static String dataId(long address, long length) {
    return "0x" + Long.toHexString(address) + "/" + length;
  }

  /** {@code ADDRESS} or {@code ADDRESS/LENGTH} (4 bytes when no length), hex or decimal. */
  static long[] parseDataId(String id) {
    if (id == null) {
      throw new RequestException("a data breakpoint needs a dataId");
    }
    String[] parts = id.trim().split("/", -1);
    if (parts.length > 2) {
      throw new RequestException("'" + id + "' is not ADDRESS/LENGTH");
    }
    long address = parseAddress(parts[0]);
    long length;
    try {
      length = parts.length == 2 ? Long.decode(parts[1].trim()) : 4;
    } catch (NumberFormatException e) {
      throw new RequestException("'" + parts[1] + "' is not a byte count");
    }
    if (address < 0 || length <= 0) {
      throw new RequestException("'" + id + "' is not a memory range");
    }
    return new long[] {address, length};
  }

  static long parseAddress(String ref) {
    if (ref == null) {
      throw new RequestException("an instruction reference is required");
    }
    return Addresses.parse(ref, "is not a code address (write 0x5a or 90)");
  }

  private void removeAll(Debuggee d, String key) {
    List<Integer> old = installed.remove(key);
    if (old != null) {
      for (int id : old) {
        specs.remove(id);
        if (d != null) {
          d.removeBreakpoint(id);
        }
      }
    }
  }

  private Breakpoint newBreakpoint(Integer line) {
    Breakpoint b = new Breakpoint();
    b.setId(nextDapId++);
    b.setLine(line);
    return b;
  }

  private static void unverified(Breakpoint b, String message) {
    b.setVerified(false);
    b.setMessage(message);
  }

  private static Spec spec(Breakpoint b, String reason, String condition, String hitCondition,
      String logMessage)
      throws ExpressionException {
    Expr c = null;
    HitCondition h = null;
    LogMessage l = null;
    if (condition != null && !condition.isBlank()) {
      try {
        c = Parser.parse(condition);
      } catch (ExpressionException e) {
        throw new ExpressionException("condition: " + e.getMessage(), 0);
      }
    }
    if (hitCondition != null && !hitCondition.isBlank()) {
      h = HitCondition.parse(hitCondition);
    }
    if (logMessage != null && !logMessage.isEmpty()) {
      try {
        l = LogMessage.parse(logMessage);
      } catch (ExpressionException e) {
        throw new ExpressionException("log message: " + e.getMessage(), 0);
      }
    }
    return new Spec(b, reason, c, h, l, new AtomicLong());
  }

  /**
   * The client's ids of the breakpoints that debuggee breakpoints {@code ids} belong to, in order,
   * each once (a line breakpoint may be several debuggee breakpoints, one per entry of its line).
   * Read from the client's breakpoint at the hit: a restart's replay gives it back its first id.
   */
  List<Integer> clientIds(List<Integer> ids) {
    List<Integer> out = new ArrayList<>();
    for (int id : ids) {
      Spec s = specs.get(id);
      if (s != null && !out.contains(s.breakpoint().getId())) {
        out.add(s.breakpoint().getId());
      }
    }
    return out;
  }

  /**
   * At a hit of debuggee breakpoints {@code ids}: the reason to report, or null to go on without
   * stopping (conditions false, hit count not reached, logpoints, which print to {@code log}).
   */
  String decide(List<Integer> ids, EvalContext context, Consumer<String> log) {
    String reason = null;
    for (int id : ids) {
      Spec s = specs.get(id);
      if (s == null) {
        continue;
      }
      if (s.condition() != null) {
        try {
          if (!new Evaluator(context).eval(s.condition()).truthy()) {
            continue;
          }
        } catch (ExpressionException e) {
          log.accept("breakpoint condition failed: " + e.getMessage() + "\n");
          reason = s.reason(); // stop, so the user sees the broken condition's place
          continue;
        }
      }
      long n = s.hits().incrementAndGet();
      if (s.hitCondition() != null && !s.hitCondition().test(n)) {
        continue;
      }
      if (s.logMessage() != null) {
        log.accept(s.logMessage().render(context) + "\n");
        continue;
      }
      reason = s.reason();
    }
    return reason;
  }
}
