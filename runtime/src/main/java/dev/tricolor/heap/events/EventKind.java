package dev.tricolor.heap.events;

/** The probe-based events one can ask {@link GuestRuntimeEvents} for (probes cost only when on). */
public enum EventKind {
  /** {@link RuntimeEvent.Alloc} and {@link RuntimeEvent.Allocated}. */
  ALLOC,
  /** {@link RuntimeEvent.Free}. */
  FREE,
  /** {@link RuntimeEvent.Collect}. */
  COLLECT
}
