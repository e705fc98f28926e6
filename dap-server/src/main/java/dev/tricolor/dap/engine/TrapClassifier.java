package dev.tricolor.dap.engine;

import dev.tricolor.dap.expr.Value;
import dev.tricolor.dap.session.ExceptionFilter;
import dev.tricolor.dap.session.RunOutcome;
import dev.tricolor.heap.events.OutOfMemoryTrap;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.TrapKind;
import dev.tricolor.wasm.host.AbortTrap;
import java.util.List;
import java.util.Set;

/**
 * Which exception filters a trap matches, most specific first (DAP-CONTRACT.md: oom, bounds,
 * abort, trap), and how to say what happened.
 */
final class TrapClassifier {
  /** AssemblyScript's bounds aborts ({@code std/assembly/util/error.ts}). */
  static final Set<String> BOUNDS_MESSAGES =
      Set.of("Index out of range", "Offset out of bounds", "Invalid length");
  static final String ALLOCATION_TOO_LARGE = "Allocation too large";
  /** Where asc's TLSF traps with unreachable when memory.grow is refused (host mode: an OutOfMemoryTrap). */
  static final String GROW_MEMORY = "~lib/rt/tlsf/growMemory";

  private TrapClassifier() {}

  /** @param innermostFunction name of the function that trapped, or null */
  static RunOutcome.ExceptionStop classify(Trap trap, String innermostFunction, long memorySize, int limitPages) {
    if (trap instanceof AbortTrap a) {
      String msg = a.abortMessage();
      List<ExceptionFilter> filters =
          ALLOCATION_TOO_LARGE.equals(msg)
              ? List.of(ExceptionFilter.OOM, ExceptionFilter.ABORT, ExceptionFilter.TRAP)
              : msg != null && BOUNDS_MESSAGES.contains(msg)
                  ? List.of(ExceptionFilter.BOUNDS, ExceptionFilter.ABORT, ExceptionFilter.TRAP)
                  : List.of(ExceptionFilter.ABORT, ExceptionFilter.TRAP);
      return new RunOutcome.ExceptionStop(
          filters, a.getMessage(), null,
          List.of(new Value.Named("message", new Value.Str(msg == null ? "" : msg))));
    }
    if (trap.kind() == TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS) {
      return new RunOutcome.ExceptionStop(
          List.of(ExceptionFilter.BOUNDS, ExceptionFilter.TRAP), trap.getMessage(), null, List.of());
    }
    if (trap instanceof OutOfMemoryTrap
        || trap.kind() == TrapKind.UNREACHABLE && GROW_MEMORY.equals(innermostFunction)) {
      return new RunOutcome.ExceptionStop(
          List.of(ExceptionFilter.OOM, ExceptionFilter.TRAP),
          "out of memory: memory.grow was refused (memory is " + memorySize + " bytes, the limit is "
              + limitPages + " pages of 64 KiB)",
          null,
          List.of());
    }
    return new RunOutcome.ExceptionStop(
        List.of(ExceptionFilter.TRAP), "trap: " + trap.getMessage(), null, List.of());
  }
}
