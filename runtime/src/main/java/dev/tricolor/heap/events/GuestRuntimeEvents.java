package dev.tricolor.heap.events;

import static dev.tricolor.heap.layout.Common.RTID_OFFSET;
import static dev.tricolor.heap.layout.Common.RTSIZE_OFFSET;
import static dev.tricolor.heap.layout.Common.TOTAL_OVERHEAD;

import dev.tricolor.heap.layout.Common;
import dev.tricolor.heap.layout.GcState;
import dev.tricolor.heap.layout.Itcms;
import dev.tricolor.heap.layout.Tlsf;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.symbols.RuntimeFunction;
import dev.tricolor.heap.symbols.RuntimeSymbols;
import dev.tricolor.wasm.debug.Debugger;
import dev.tricolor.wasm.debug.Probe;
import dev.tricolor.wasm.debug.ProgramState;
import dev.tricolor.wasm.debug.Resume;
import dev.tricolor.wasm.debug.Stop;
import dev.tricolor.wasm.debug.StopListener;
import dev.tricolor.wasm.exec.Frame;
import dev.tricolor.wasm.exec.GuestFunction;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.WasmFunction;
import dev.tricolor.wasm.memory.Memory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alloc, free and collect events of a guest's own runtime, from engine probes on its functions
 * (a --debug build's names, see {@link RuntimeSymbols}):
 *
 * <pre>
 *   ~lib/rt/itcms/__new       entry: Alloc(size, id)    exit: Allocated(result)
 *   ~lib/rt/itcms/free        entry: Free of a managed object swept by the collector
 *   ~lib/rt/tlsf/__free       entry: Free of a raw block (not when called by itcms/free)
 *   ~lib/rt/itcms/step        entry: note the state; exit: CYCLE_START, SWEEP_START, CYCLE_END
 *   ~lib/rt/itcms/__collect   entry: FULL_START      exit: FULL_END
 * </pre>
 *
 * Only the kinds asked for are probed, so the program runs at full speed otherwise. Events reach
 * the listener on the program thread, stopped at the probe; its answer decides how to go on.
 */
public final class GuestRuntimeEvents implements RuntimeEventSource {
  private final Debugger debugger;
  private final Instance instance;
  private final RuntimeSymbols symbols;
  private final RuntimeEventListener listener;
  private final Map<Integer, String> classNames;
  private final Map<EventKind, List<Probe>> probes = new EnumMap<>(EventKind.class);
  private int stateBeforeStep = -1;

  public GuestRuntimeEvents(
      Debugger debugger, Instance instance, RuntimeSymbols symbols, RuntimeEventListener listener) {
    this.debugger = debugger;
    this.instance = instance;
    this.symbols = symbols;
    this.listener = listener;
    this.classNames = symbols.classNames();
  }

  /**
   * Probes exactly the {@code kinds} given (removing the others). Kinds whose runtime functions
   * the module lacks (an -O3 build, a program that never collects) are skipped: see
   * {@link #missing(EventKind)}.
   */
  @Override
  public synchronized void enable(Set<EventKind> kinds) {
    for (EventKind k : EventKind.values()) {
      boolean on = probes.containsKey(k);
      if (kinds.contains(k) && !on) {
        probes.put(k, install(k));
      } else if (!kinds.contains(k) && on) {
        probes.remove(k).forEach(Probe::remove);
      }
    }
  }

  /** The runtime functions {@code kind} needs that the module does not have (by name). */
  @Override
  public List<String> missing(EventKind kind) {
    List<String> out = new ArrayList<>();
    for (RuntimeFunction f : functionsOf(kind)) {
      if (symbols.functionIndex(f) < 0) {
        out.add(f.symbol());
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    enable(Set.of());
  }

  private static List<RuntimeFunction> functionsOf(EventKind kind) {
    return switch (kind) {
      case ALLOC -> List.of(RuntimeFunction.NEW);
      case FREE -> List.of(RuntimeFunction.ITCMS_FREE, RuntimeFunction.FREE);
      case COLLECT -> List.of(RuntimeFunction.STEP, RuntimeFunction.COLLECT);
    };
  }

  private List<Probe> install(EventKind kind) {
    List<Probe> out = new ArrayList<>();
    switch (kind) {
      case ALLOC -> {
        entry(out, RuntimeFunction.NEW, (stop, state) -> {
          Frame f = state.top();
          int size = (int) f.local(0);
          int id = (int) f.local(1);
          return deliver(new RuntimeEvent.Alloc(size, id, className(id)), state);
        });
        exit(out, RuntimeFunction.NEW, (stop, state) -> {
          int payload = (int) ((Stop.FunctionExiting) stop).results()[0];
          byte[] m = memory();
          int id = readI32(m, payload - TOTAL_OVERHEAD + RTID_OFFSET);
          int size = readI32(m, payload - TOTAL_OVERHEAD + RTSIZE_OFFSET);
          return deliver(new RuntimeEvent.Allocated(payload, size, id, className(id)), state);
        });
      }
      case FREE -> {
        entry(out, RuntimeFunction.ITCMS_FREE, (stop, state) -> {
          int obj = (int) state.top().local(0);
          if (Integer.compareUnsigned(obj, heapBase()) < 0) {
            return Resume.CONTINUE; // a static object is unlinked, not freed
          }
          byte[] m = memory();
          int id = readI32(m, obj + RTID_OFFSET);
          int size = Itcms.objectSize(readI32(m, obj + Common.MMINFO_OFFSET));
          return deliver(new RuntimeEvent.Free(obj + TOTAL_OVERHEAD, size, id, className(id)), state);
        });
        int itcmsFree = symbols.functionIndex(RuntimeFunction.ITCMS_FREE);
        entry(out, RuntimeFunction.FREE, (stop, state) -> {
          int ptr = (int) state.top().local(0);
          List<Frame> frames = state.frames();
          boolean fromCollector = frames.size() > 1 && !frames.get(1).isHost()
              && frames.get(1).functionIndex() == itcmsFree;
          if (fromCollector || Integer.compareUnsigned(ptr, heapBase()) < 0) {
            return Resume.CONTINUE;
          }
          int mmInfo = readI32(memory(), ptr - Common.BLOCK_OVERHEAD);
          int size = Common.BLOCK_OVERHEAD + (mmInfo & ~Tlsf.TAGS_MASK);
          return deliver(new RuntimeEvent.Free(ptr, size, -1, null), state);
        });
      }
      case COLLECT -> {
        entry(out, RuntimeFunction.STEP, (stop, state) -> {
          stateBeforeStep = (int) global(RuntimeGlobals.STATE);
          return Resume.CONTINUE;
        });
        exit(out, RuntimeFunction.STEP, (stop, state) -> {
          int after = (int) global(RuntimeGlobals.STATE);
          RuntimeEvent.Phase phase = null;
          if (stateBeforeStep == Itcms.STATE_IDLE && after == Itcms.STATE_MARK) {
            phase = RuntimeEvent.Phase.CYCLE_START;
          } else if (stateBeforeStep == Itcms.STATE_MARK && after == Itcms.STATE_SWEEP) {
            phase = RuntimeEvent.Phase.SWEEP_START;
          } else if (stateBeforeStep == Itcms.STATE_SWEEP && after == Itcms.STATE_IDLE) {
            phase = RuntimeEvent.Phase.CYCLE_END;
          }
          return phase == null ? Resume.CONTINUE : collect(phase, after, state);
        });
        entry(out, RuntimeFunction.COLLECT, (stop, state) ->
            collect(RuntimeEvent.Phase.FULL_START, (int) global(RuntimeGlobals.STATE), state));
        exit(out, RuntimeFunction.COLLECT, (stop, state) ->
            collect(RuntimeEvent.Phase.FULL_END, (int) global(RuntimeGlobals.STATE), state));
      }
    }
    return out;
  }

  private Resume collect(RuntimeEvent.Phase phase, int state, ProgramState program) {
    long total = symbols.globalIndex(RuntimeGlobals.TOTAL) >= 0 ? global(RuntimeGlobals.TOTAL) : -1;
    return deliver(new RuntimeEvent.Collect(phase, GcState.of(state), total), program);
  }

  private void entry(List<Probe> out, RuntimeFunction f, StopListener l) {
    GuestFunction g = guest(f);
    if (g != null) {
      out.add(debugger.onEntry(g, l));
    }
  }

  private void exit(List<Probe> out, RuntimeFunction f, StopListener l) {
    GuestFunction g = guest(f);
    if (g != null) {
      out.add(debugger.onExit(g, l));
    }
  }

  private GuestFunction guest(RuntimeFunction f) {
    int index = symbols.functionIndex(f);
    if (index < 0) {
      return null;
    }
    WasmFunction w = instance.function(index);
    return w instanceof GuestFunction g ? g : null;
  }

  private Resume deliver(RuntimeEvent event, ProgramState state) {
    Resume r = listener.onEvent(event, state);
    return r == null ? Resume.CONTINUE : r;
  }

  private String className(int id) {
    String n = classNames.get(id);
    return n != null ? n : "#" + Integer.toUnsignedString(id);
  }

  private byte[] memory() {
    return instance.memory().bytes();
  }

  private long global(String name) {
    int index = symbols.globalIndex(name);
    return index < 0 ? -1 : instance.global(index).get() & 0xffffffffL;
  }

  private int heapBase() {
    long hb = global(RuntimeGlobals.HEAP_BASE);
    return hb < 0 ? 0 : (int) hb;
  }

  /** A word of guest memory, 0 when outside it (a corrupt pointer must not throw here). */
  private static int readI32(byte[] m, int address) {
    return address >= 0 && address <= m.length - 4 ? Memory.getI32(m, address) : 0;
  }
}
