package dev.tricolor.heap.layout;

/** The ITCMS collector's {@code state} global. */
public enum GcState {
  /** Between cycles (transitioning from SWEEP to MARK on the next step). */
  IDLE,
  /** Marking reachable objects. */
  MARK,
  /** Sweeping unreachable objects. */
  SWEEP;

  private static final GcState[] VALUES = values();

  /** The state the global's value means, or null for a value ITCMS never stores. */
  public static GcState of(int state) {
    return state >= 0 && state < VALUES.length ? VALUES[state] : null;
  }

  /** The lower-case name the debugger shows. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
