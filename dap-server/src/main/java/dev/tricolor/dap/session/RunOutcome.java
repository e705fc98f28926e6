package dev.tricolor.dap.session;

/** Why the program thread came back from running guest code. */
public sealed interface RunOutcome {
  /**
   * The program stopped and can be inspected.
   *
   * @param reason DAP's stop reason: a {@code StoppedEventArgumentsReason} constant, or the
   *     filter id for {@code alloc}, {@code free} and {@code collect}
   * @param description what happened, in the user's words (shown by the client)
   * @param exception for a stop on {@code trap}, {@code bounds}, {@code oom} or {@code abort}: the
   *     filter and details for {@code exceptionInfo}; else null
   */
  record Stopped(String reason, String description, ExceptionStop exception)
      implements RunOutcome {}

  /**
   * The program ended; it cannot go on. {@code exitCode}: 0 normal end or terminated on request,
   * 2 trap or abort, 70 a failure of Tricolor itself.
   */
  record Ended(int exitCode) implements RunOutcome {}

  /**
   * A stop on an exception filter: what {@code exceptionInfo} answers.
   *
   * @param filter the filter reported (the most specific that matched)
   * @param description the cause in the user's words (abort message and place; faulting address
   *     and memory size; requested and available size)
   * @param details longer text (a stack, say), or null
   * @param resumable false after a trap: continuing ends the program with exit code 2
   */
  record ExceptionStop(ExceptionFilter filter, String description, String details, boolean resumable) {}
}
