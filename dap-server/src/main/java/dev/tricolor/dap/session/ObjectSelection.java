package dev.tricolor.dap.session;

/**
 * The heap object a client selected at this stop with {@code tricolor/reveal}: its payload
 * address, or none. It belongs to one stop ({@link StopContext}), so a resume ends it; an object
 * freed while the program stays stopped ({@code :collect}) simply stops being shown.
 * Used only on the program thread.
 */
public final class ObjectSelection {
  private static final long NONE = -1;
  private long payload = NONE;

  void select(long payloadAddress) {
    payload = payloadAddress;
  }

  void clear() {
    payload = NONE;
  }

  boolean isEmpty() {
    return payload == NONE;
  }

  /** The selected object's payload address; meaningful when not {@link #isEmpty}. */
  long payload() {
    return payload;
  }
}
