package dev.tricolor.heap.read;

import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.layout.Itcms;

/**
 * The 20-byte header of a managed object as read (layout in {@code Common} and {@code Itcms}),
 * with its color resolved against the collector's current white.
 *
 * @param address the object (block) start: the mmInfo word; the payload is at address + 20
 */
public record ObjectHeader(
    int address, int mmInfo, int nextWithColor, int prev, int rtId, int rtSize, Color color) {

  /** The payload pointer, what {@code __new} returned. */
  public int payload() {
    return address + dev.tricolor.heap.layout.Common.TOTAL_OVERHEAD;
  }

  /** The next object in the list (nextWithColor without the color bits). */
  public int next() {
    return Itcms.next(nextWithColor);
  }
}
