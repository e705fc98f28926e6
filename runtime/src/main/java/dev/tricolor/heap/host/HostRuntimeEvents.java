package dev.tricolor.heap.host;

import dev.tricolor.heap.events.EventKind;
import dev.tricolor.heap.events.RuntimeEvent;
import dev.tricolor.heap.events.RuntimeEventListener;
import dev.tricolor.heap.events.RuntimeEventSource;
import dev.tricolor.heap.layout.GcState;
import dev.tricolor.wasm.debug.Debugger;
import dev.tricolor.wasm.debug.ProgramState;
import dev.tricolor.wasm.debug.Resume;
import dev.tricolor.wasm.exec.Terminated;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host runtime's events, straight from the Java TLSF and ITCMS: the same
 * {@link RuntimeEvent} records, at the same moments, as guest mode's probes produce
 * ({@link dev.tricolor.heap.events.GuestRuntimeEvents}), so a debugger does not care which
 * runtime the program uses:
 *
 * <pre>
 *   __new                 Alloc(size, id) on entry, Allocated(address) when it returns
 *   the sweep's free      Free of a managed object (class known)
 *   __free                Free of a raw block (id -1)
 *   step                  Collect CYCLE_START, SWEEP_START, CYCLE_END after the step that changed state
 *   __collect             Collect FULL_START on entry, FULL_END when it returns
 *   growMemory refused    OutOfMemory, then the program traps (always delivered: it ends the call)
 * </pre>
 *
 * The listener runs on the program thread inside the host call, the program stopped at the call
 * ({@link ProgramState#inHostCall}); it may block there. Its answer: {@code TERMINATE} ends the
 * run, a step stops at the next guest instruction (through the debugger, if one was given), any
 * other goes on. A kind that is off costs one field read per call.
 */
public final class HostRuntimeEvents implements RuntimeEventSource {
  private final HostRuntime runtime;
  private final RuntimeEventListener listener;
  private final Debugger debugger;
  private Map<Integer, String> classNames;

  volatile boolean alloc;
  volatile boolean free;
  volatile boolean collect;
  private volatile boolean closed;

  HostRuntimeEvents(HostRuntime runtime, RuntimeEventListener listener, Debugger debugger) {
    this.runtime = runtime;
    this.listener = listener;
    this.debugger = debugger;
  }

  @Override
  public void enable(Set<EventKind> kinds) {
    alloc = kinds.contains(EventKind.ALLOC);
    free = kinds.contains(EventKind.FREE);
    collect = kinds.contains(EventKind.COLLECT);
  }

  /** Nothing is missing: the host runtime knows everything it does. */
  @Override
  public List<String> missing(EventKind kind) {
    return List.of();
  }

  @Override
  public void close() {
    enable(Set.of());
    closed = true;
  }

  // ---- from the runtime, on the program thread ----

  void alloc(int size, int id) {
    deliver(new RuntimeEvent.Alloc(size, id, className(id)));
  }

  void allocated(int address, int size, int id) {
    deliver(new RuntimeEvent.Allocated(address, size, id, className(id)));
  }

  void freeObject(int address, int size, int id) {
    deliver(new RuntimeEvent.Free(address, size, id, className(id)));
  }

  void freeBlock(int address, int size) {
    deliver(new RuntimeEvent.Free(address, size, -1, null));
  }

  void collect(RuntimeEvent.Phase phase, int state, int total) {
    deliver(new RuntimeEvent.Collect(phase, GcState.of(state), Integer.toUnsignedLong(total)));
  }

  void outOfMemory(RuntimeEvent.OutOfMemory event) {
    if (!closed) {
      deliver(event);
    }
  }

  private void deliver(RuntimeEvent event) {
    Resume r = listener.onEvent(event, ProgramState.inHostCall(runtime.interpreter()));
    if (r == Resume.TERMINATE) {
      throw new Terminated();
    }
    if ((r == Resume.STEP_IN || r == Resume.STEP_OVER || r == Resume.STEP_OUT) && debugger != null) {
      debugger.stopAtNextInstruction();
    }
  }

  private String className(int id) {
    if (classNames == null) {
      classNames = runtime.classNames();
    }
    String n = classNames.get(id);
    return n != null ? n : "#" + Integer.toUnsignedString(id);
  }
}
