package dev.tricolor.dap.session;

import dev.tricolor.dap.expr.Value;
import java.util.List;

/** Why the program stopped, or how it ended. */
public sealed interface RunOutcome {
  /**
   * The program stopped and can be inspected.
   *
   * @param reason DAP's stop reason: a {@code StoppedEventArgumentsReason} constant, or the
   *     filter id for {@code alloc}, {@code free} and {@code collect}
   * @param description what happened, in the user's words (shown by the client); may be null
   * @param exception for a stop on a trap or abort: what {@code exceptionInfo} answers; else null
   * @param breakpointIds the breakpoint ids hit here (reason breakpoint, function, instruction or
   *     data breakpoint): the debuggee's as it reports the stop, the client's once the session
   *     has decided to show it; else empty
   */
  record Stopped(
      String reason, String description, ExceptionStop exception, List<Integer> breakpointIds)
      implements RunOutcome {
    public Stopped {
      breakpointIds = List.copyOf(breakpointIds);
    }

    public Stopped(String reason, String description, ExceptionStop exception) {
      this(reason, description, exception, List.of());
    }
  }

  /**
   * The program ended; it cannot go on. {@code exitCode}: 0 normal end or terminated on request,
   * 2 trap or abort, 70 a failure of Tricolor itself.
   */
  record Ended(int exitCode) implements RunOutcome {}

  /**
   * A trap or abort, before unwinding.
   *
   * @param filters the exception filters it matches, most specific first (contract order: oom,
   *     bounds, abort, trap); the session reports the first one that is enabled and whose
   *     condition holds, and lets the trap end the program when none is
   * @param description the cause in the user's words (abort message and place; faulting address
   *     and memory size)
   * @param details longer text, or null
   * @param conditionValues what a filter condition can name ({@code message} for aborts)
   */
  record ExceptionStop(
      List<ExceptionFilter> filters,
      String description,
      String details,
      List<Value.Named> conditionValues) {
    public ExceptionStop {
      filters = List.copyOf(filters);
      conditionValues = List.copyOf(conditionValues);
    }

    /** The filter reported: the first of {@link #filters}. */
    public ExceptionFilter filter() {
      return filters.get(0);
    }
  }
}
