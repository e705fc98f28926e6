package dev.tricolor.dap.session;

import dev.tricolor.dap.variables.Child;
import dev.tricolor.dap.variables.HeapTree;
import dev.tricolor.dap.variables.VariablesView;
import dev.tricolor.heap.check.CheckReport;
import dev.tricolor.heap.check.HeapChecker;
import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.read.AllocatorSummary;
import dev.tricolor.heap.read.ClassHistogram;
import dev.tricolor.heap.read.GcSummary;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.Space;
import java.util.Locale;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The REPL's {@code :} commands (DAP-CONTRACT.md, "evaluate"). {@code :help} works in any state;
 * the others read the stopped program's heap through the heap model.
 */
final class ReplCommands {
  static final String HELP =
      String.join(
          "\n",
          ":help          this list",
          ":heap          live objects by class and color, free bytes, largest free block",
          ":gc            the collector's state: idle/mark/sweep, white, total, threshold",
          ":collect       run a full garbage collection (__collect) now",
          ":object ADDR   one object: header, color, class and contents",
          ":check         check the heap's invariants and list what is broken",
          "Anything else is an expression: names, arithmetic, comparisons, && || !, load<T>(addr).");

  private ReplCommands() {}

  static boolean isCommand(String expression) {
    return expression.trim().startsWith(":");
  }

  private static String name(String expression) {
    return expression.trim().split("\\s+")[0];
  }

  /** The answer to a command that needs no program, or null when the command needs one. */
  static String withoutProgram(String expression) {
    String cmd = name(expression);
    if (cmd.equals(":help")) {
      return HELP;
    }
    if (!HELP.contains("\n" + cmd + " ") && !HELP.startsWith(cmd + " ")) {
      throw new RequestException("unknown command '" + cmd + "'; :help lists the commands");
    }
    return null;
  }

  /** A command at a stop. */
  static EvaluateResponse atStop(StopContext at, String expression) {
    String[] words = expression.trim().split("\\s+");
    EvaluateResponse r = new EvaluateResponse();
    r.setVariablesReference(0);
    switch (words[0]) {
      case ":heap" -> r.setResult(heap(at.view().heap()));
      case ":gc" -> r.setResult(gc(at.view().heap()));
      case ":check" -> {
        CheckReport report = HeapChecker.check(at.view().heap());
        r.setResult(report.clean() ? "the heap is consistent: no invariant is broken" : report.toString());
      }
      case ":object" -> {
        if (words.length != 2) {
          throw new RequestException(":object needs an address: :object 0x1a0");
        }
        long address = BreakpointTable.parseAddress(words[1]);
        HeapSnapshot heap = at.view().heap();
        int obj = heap.objectAtPayload((int) address);
        if (obj < 0) {
          obj = heap.objectAt((int) address);
        }
        if (obj < 0 || address > Integer.MAX_VALUE) {
          throw new RequestException(
              "no object at 0x" + Long.toHexString(address) + " (give its payload address, what"
                  + " __new returned, or its block address)");
        }
        Child c = new HeapTree(() -> heap).object(":object", obj);
        Variable v = new VariablesView(at.handles()).toDap(c, false);
        r.setResult(v.getValue());
        r.setVariablesReference(v.getVariablesReference());
        r.setNamedVariables(v.getNamedVariables());
        r.setMemoryReference(v.getMemoryReference());
      }
      case ":collect" -> throw new RequestException(
          ":collect is not available yet: running guest code while stopped is not supported");
      default -> throw new RequestException("unknown command '" + words[0] + "'; :help lists the commands");
    }
    return r;
  }

  static String heap(HeapSnapshot h) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-28s %8s %10s   %s%n", "class", "objects", "bytes",
        "white/black/gray/transparent"));
    for (ClassHistogram.Entry e : h.histogram().entries()) {
      if (e.count() > 0) {
        sb.append(String.format(Locale.ROOT, "%-28s %8d %10d   %d/%d/%d/%d%n", e.className(), e.count(),
            e.bytes(), e.count(Color.WHITE), e.count(Color.BLACK), e.count(Color.GRAY),
            e.count(Color.TRANSPARENT)));
      }
    }
    AllocatorSummary a = h.allocator();
    sb.append(String.format(Locale.ROOT,
        "free: %d bytes in %d blocks, largest free block %d bytes, fragmentation %.2f",
        a.freeBytes(), a.freeBlocks(), a.largestFree(), a.fragmentation()));
    return sb.toString();
  }

  static String gc(HeapSnapshot h) {
    GcSummary g = h.gc();
    StringBuilder sb = new StringBuilder();
    sb.append("state ").append(g.state() == null ? "unknown" : g.state().label())
        .append(", white ").append(g.white())
        .append(", total ").append(g.total())
        .append(", threshold ").append(g.threshold());
    for (Space s : Space.values()) {
      sb.append(String.format(Locale.ROOT, "%n%sSpace: %d objects, %d bytes",
          s.name().toLowerCase(Locale.ROOT), g.objects(s), g.bytes(s)));
    }
    return sb.toString();
  }
}
