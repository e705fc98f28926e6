package dev.tricolor.heap.read;

/**
 * What a word in an object points at.
 *
 * @param pointer the word's value
 * @param object the object index in the snapshot when {@code kind} is OBJECT, else -1
 */
public record Reference(Kind kind, int pointer, int object) {
  public enum Kind {
    /** The word is 0. */
    NULL,
    /** The payload of an object on one of the collector's lists (heap or linked static). */
    OBJECT,
    /** The payload of an object in static data that is not linked yet (e.g. a string literal). */
    STATIC_OBJECT,
    /** Not an object's payload: a number, or a pointer into the middle of something. */
    NONE
  }

  public static final Reference NULL = new Reference(Kind.NULL, 0, -1);

  /** Whether the word points at an object (linked or static). */
  public boolean isObject() {
    return kind == Kind.OBJECT || kind == Kind.STATIC_OBJECT;
  }
}
