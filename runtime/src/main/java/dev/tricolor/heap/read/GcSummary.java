package dev.tricolor.heap.read;

import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.layout.GcState;

/**
 * The collector at a glance: what the debugger's GC scope shows.
 *
 * @param state null when unknown or not a state ITCMS uses
 * @param white the current white bit (0 or 1)
 * @param total ITCMS's {@code total} (bytes of managed objects, headers included), or -1 unknown
 * @param threshold the {@code total} that triggers the next incremental steps, or -1 unknown
 * @param objects objects per {@link Space} ordinal
 * @param bytes bytes per {@link Space} ordinal ({@code Object#size} summed; static objects 0)
 * @param colors objects per {@link Color} ordinal
 */
public record GcSummary(
    GcState state, int white, long total, long threshold, int[] objects, long[] bytes, int[] colors) {

  static GcSummary of(HeapSnapshot h) {
    int[] objects = new int[3];
    long[] bytes = new long[3];
    int[] colors = new int[4];
    int white = h.white();
    for (int i = 0, n = h.objectCount(); i < n; i++) {
      int s = h.space(i).ordinal();
      objects[s]++;
      if (!h.isStatic(i)) {
        bytes[s] += h.objectSize(i);
      }
      colors[Color.of(h.colorBits(i), white).ordinal()]++;
    }
    RuntimeGlobals g = h.globals();
    return new GcSummary(h.gcState(), white, g.total(), g.threshold(), objects, bytes, colors);
  }

  public int objects(Space s) {
    return objects[s.ordinal()];
  }

  public long bytes(Space s) {
    return bytes[s.ordinal()];
  }

  public int count(Color c) {
    return colors[c.ordinal()];
  }
}
