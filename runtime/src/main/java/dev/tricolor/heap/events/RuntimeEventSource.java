package dev.tricolor.heap.events;

import java.util.List;
import java.util.Set;

/**
 * Where a debugger turns the runtime's alloc, free and collect events on and off, whichever
 * runtime the program uses: {@link GuestRuntimeEvents} (probes on the guest's own TLSF/ITCMS) or
 * the host runtime's events (straight from the Java TLSF/ITCMS). Events reach the listener given
 * when the source was made, on the program thread.
 */
public interface RuntimeEventSource extends AutoCloseable {
  /** Delivers exactly the {@code kinds} given from now on. */
  void enable(Set<EventKind> kinds);

  /** What {@code kind} needs that this program lacks (by name); empty when it is available. */
  List<String> missing(EventKind kind);

  /** Delivers nothing more. */
  @Override
  void close();
}
