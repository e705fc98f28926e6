package dev.tricolor.dap.session;

/**
 * How the program goes on from a stop.
 *
 * @param kind continue, or which step
 * @param granularity for steps: by source line (the default) or by instruction
 */
public record Resume(Kind kind, Granularity granularity) {
  public enum Kind {
    CONTINUE,
    STEP_IN,
    STEP_OVER,
    STEP_OUT,
    /** End the program. */
    TERMINATE,
    /**
     * Go on as before this stop, which the user never saw (a breakpoint whose condition was
     * false, a logpoint, a filter that is off): a step in progress keeps going.
     */
    UNCHANGED
  }

  public enum Granularity {
    LINE,
    STATEMENT,
    INSTRUCTION;

    /** DAP's {@code granularity} argument; absent means by line. */
    public static Granularity of(org.eclipse.lsp4j.debug.SteppingGranularity g) {
      if (g == null) {
        return LINE;
      }
      return switch (g) {
        case INSTRUCTION -> INSTRUCTION;
        case STATEMENT -> STATEMENT;
        case LINE -> LINE;
      };
    }
  }

  public static final Resume CONTINUE = new Resume(Kind.CONTINUE, Granularity.LINE);
  public static final Resume TERMINATE = new Resume(Kind.TERMINATE, Granularity.LINE);
  public static final Resume UNCHANGED = new Resume(Kind.UNCHANGED, Granularity.LINE);
}
