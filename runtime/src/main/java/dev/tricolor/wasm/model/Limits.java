package dev.tricolor.wasm.model;

/**
 * The limits of a memory (in pages) or a table (in elements). Both bounds are u32 values held in
 * a {@code long}; {@link #max()} is {@link #NO_MAX} when the module declares none.
 */
public record Limits(long min, long max) {
  public static final long NO_MAX = -1;

  public static Limits of(long min) {
    return new Limits(min, NO_MAX);
  }

  public boolean hasMax() {
    return max != NO_MAX;
  }

  @Override
  public String toString() {
    return hasMax() ? "{min " + min + ", max " + max + "}" : "{min " + min + "}";
  }
}
