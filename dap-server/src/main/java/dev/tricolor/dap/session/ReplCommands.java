package dev.tricolor.dap.session;

import dev.tricolor.dap.variables.Child;
import dev.tricolor.dap.variables.HeapTree;
import dev.tricolor.dap.variables.VariablesView;
import dev.tricolor.heap.check.CheckReport;
import dev.tricolor.heap.check.HeapChecker;
import dev.tricolor.heap.read.GcSummary;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.Space;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
          ":collect       run a full garbage collection (__collect) now; say what it freed",
          ":object ADDR   one object: header, color, class and contents",
          ":check         check the heap's invariants and list what is broken",
          "Anything else is an expression: names, arithmetic, comparisons, && || !, load<T>(addr).");

  private ReplCommands() {}

  static boolean isCommand(String expression) {
    return expression.trim().startsWith(":");
  }

  /** Whether the command changes the heap, so that the variables a client shows are stale. */
  static boolean changesTheHeap(String expression) {
    return name(expression).equals(":collect");
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
      case ":heap" -> r.setResult(HeapSummary.of(at.view().heap()).stripTrailing());
      case ":gc" -> r.setResult(gc(at.view().heap()));
      case ":check" -> {
        CheckReport report = HeapChecker.check(at.view().heap());
        r.setResult(report.clean() ? "the heap is consistent: no invariant is broken" : report.toString());
      }
      case ":object" -> {
        if (words.length != 2) {
          throw new RequestException(":object needs an address: :object 0x1a0");
        }
        long address = Addresses.parse(words[1], Addresses.NOT_A_HEAP_ADDRESS);
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
      case ":collect" -> r.setResult(collect(at));
      default -> throw new RequestException("unknown command '" + words[0] + "'; :help lists the commands");
    }
    return r;
  }

  /**
   * Runs {@code __collect} and says what it freed, by class: the objects of the heap before that
   * are not there after (a collection allocates nothing, so no address is reused). Static objects
   * (strings in the data segment) are never freed; ITCMS links those reached from live objects
   * into its lists and drops them again, so they are left out of the counts.
   */
  private static String collect(StopContext at) {
    // The snapshot reads memory in place, so what is needed of "before" is copied out first.
    HeapSnapshot before = at.view().heap();
    Map<Integer, Freed> objects = new HashMap<>(); // address → its class and size
    for (int i = 0, n = before.objectCount(); i < n; i++) {
      if (!before.isStatic(i)) {
        objects.put(before.address(i), new Freed(before.className(i), before.objectSize(i)));
      }
    }
    // The collector trusts the heap: on a corrupt one (a cyclic GC list, a bad block size) it may
    // never end or damage it further. The checker's walks always end.
    CheckReport check = HeapChecker.check(before);
    if (check.errors() > 0) {
      throw new RequestException(":collect: the heap is corrupt (" + check.errors() + " broken"
          + " invariant" + (check.errors() == 1 ? "" : "s") + "; :check lists them), and the"
          + " collector would walk it trusting every word: it could loop or damage it further");
    }
    long totalBefore = before.gc().total();
    int kept = at.view().collectGarbage();
    at.handles().clear(); // the rows read before show a heap that is gone
    HeapSnapshot after = at.view().heap();
    int live = 0;
    for (int i = 0, n = after.objectCount(); i < n; i++) {
      if (!after.isStatic(i)) {
        objects.remove(after.address(i));
        live++;
      }
    }
    Map<String, long[]> byClass = new TreeMap<>(); // class → {objects, bytes}
    long bytes = 0;
    for (Freed f : objects.values()) {
      long[] c = byClass.computeIfAbsent(f.className(), k -> new long[2]);
      c[0]++;
      c[1] += f.size();
      bytes += f.size();
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "full collection: freed %d object%s, %d bytes",
        objects.size(), objects.size() == 1 ? "" : "s", bytes));
    for (Map.Entry<String, long[]> e : byClass.entrySet()) {
      sb.append(String.format(Locale.ROOT, "%n  %-28s %8d %10d", e.getKey(), e.getValue()[0],
          e.getValue()[1]));
    }
    sb.append(String.format(Locale.ROOT, "%nlive: %d object%s, total %d bytes (was %d); %d value%s"
            + " of the stopped frames kept alive as roots",
        live, live == 1 ? "" : "s", after.gc().total(), totalBefore, kept, kept == 1 ? "" : "s"));
    return sb.toString();
  }

  private record Freed(String className, long size) {}

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
