package dev.tricolor.heap.read;

/**
 * One ITCMS object list as walked: its head (a 20-byte object in static data), the objects in
 * link order, and how the walk ended.
 */
public record SpaceList(
    Space space,
    int head,
    int firstObject,
    int objectCount,
    End end,
    int endAddress,
    int headPrev,
    int lastObject) {

  /** How a list walk ended. */
  public enum End {
    /** Came back to the head: the list is complete. */
    HEAD,
    /** A {@code next} pointer is 0 (a broken list). */
    NULL_LINK,
    /** A node is neither the start of a used heap block nor a plausible static object. */
    NOT_AN_OBJECT,
    /** A node was already seen, in this list (a cycle) or in another one. */
    REVISIT,
    /** The head itself is not readable, or ITCMS is not initialized (head 0). */
    NO_HEAD
  }

  /** Whether the walk came back to the head. */
  public boolean complete() {
    return end == End.HEAD;
  }
}
