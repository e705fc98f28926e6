package dev.tricolor.dap.engine;

import dev.tricolor.dap.session.RequestException;
import dev.tricolor.heap.layout.Itcms;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.symbols.RuntimeFunction;
import dev.tricolor.heap.symbols.RuntimeSymbols;
import dev.tricolor.wasm.exec.ExecutionHook;
import dev.tricolor.wasm.exec.Frame;
import dev.tricolor.wasm.exec.GlobalCell;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Interpreter;
import dev.tricolor.wasm.exec.Terminated;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.WasmFunction;
import dev.tricolor.wasm.memory.Memory;
import dev.tricolor.wasm.model.ValType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * {@code :collect}: a full garbage collection while the program is stopped, run by the program's
 * own collector on the parked program thread, as if the program had called {@code __collect}
 * where it stopped.
 *
 * <p>One thing differs from a call the program makes itself: AssemblyScript keeps references
 * that live across a call on its shadow stack, which the collector scans ({@code visitStack}, from
 * {@code __stack_pointer} up to {@code __heap_base}), but at an arbitrary instruction a new object
 * may live only in a local or on the operand stack (right after {@code __new} returned, say). So
 * the values of the stopped frames that are payloads of heap objects are pushed on the shadow
 * stack for the collection, and the stack pointer and the bytes are put back afterwards:
 *
 * <pre>
 *   __data_end        sp - 4n            sp (before)                    __heap_base
 *      │  free stack   │ root 0 … root n-1 │ the program's spilled values │
 *      └───────────────┴───────────────────┴──────────────────────────────┘
 *                      ▲ sp during the collection: visitStack sees the roots too
 * </pre>
 *
 * While it runs, the debugger's hook is detached (no breakpoint, step or runtime event of the
 * collection stops the program) and the session hears no runtime events.
 */
final class FullCollection {
  /** The smallest object a heap block holds: TLSF's 4-byte mmInfo, a 16-byte block minimum. */
  private static final long MIN_OBJECT = 20;

  private final Interpreter interpreter;
  private final Instance instance;
  private final RuntimeSymbols symbols;
  private final WasmFunction hostCollect;

  /**
   * @param hostCollect in host mode, the host runtime's {@code __collect} import; null in guest mode
   */
  FullCollection(Interpreter interpreter, Instance instance, RuntimeSymbols symbols, WasmFunction hostCollect) {
    this.interpreter = interpreter;
    this.instance = instance;
    this.symbols = symbols;
    this.hostCollect = hostCollect;
  }

  /**
   * Collects, keeping alive what the stopped frames hold.
   *
   * @param heap the heap as it is now (to tell objects from numbers among the frames' values)
   * @return how many values of the frames were kept alive as roots
   * @throws RequestException naming why not (no collector, no room on the shadow stack, a trap)
   */
  int run(HeapSnapshot heap, Iterable<Frame> frames) {
    Runnable collect = collector();
    if (heap.root() == null) {
      throw new RequestException(":collect: the runtime is not initialized yet (nothing was"
          + " allocated so far), so there is nothing to collect");
    }
    int[] roots = stackRoots(heap, frames);
    ShadowStack stack = ShadowStack.push(instance, symbols, heap.globals(), roots);
    ExecutionHook hook = interpreter.hook();
    interpreter.setHook(null);
    try {
      collect.run();
    } catch (Trap t) {
      throw new RequestException(":collect: the collector trapped (" + t.getMessage() + "); the"
          + " heap may be left half collected", t);
    } catch (Terminated t) {
      throw new RequestException(":collect: the program was terminated during the collection", t);
    } finally {
      interpreter.setHook(hook);
      stack.pop();
    }
    return roots.length;
  }

  /**
   * Why a collection cannot run at a stop with {@code frames} (innermost first), or null: inside a
   * call from the host (a Java collector calling the guest's visitor, say) or inside the runtime's
   * own code ({@code ~lib/rt/}), the allocator's or the collector's lists may be half updated, and
   * what runs after the stop would go on over what the collection changed.
   */
  static String refusal(List<Frame> frames, IntFunction<String> functionName) {
    for (Frame f : frames) {
      String name = f.isHost() ? null : functionName.apply(f.functionIndex());
      String where = f.isHost() ? "a call from the host into the program"
          : name.startsWith("~lib/rt/") ? name : null;
      if (where != null) {
        return ":collect: the program is stopped inside " + where + ", where the runtime's lists"
            + " may be half updated; step out to the program's own code first";
      }
    }
    return null;
  }

  /** What runs the collection: the host's, the guest's {@code __collect}, or its steps. */
  private Runnable collector() {
    if (hostCollect != null) {
      return () -> interpreter.invoke(hostCollect); // the Java collector bounds its own cycles
    }
    int step = symbols.functionIndex(RuntimeFunction.STEP);
    int state = symbols.globalIndex(RuntimeGlobals.STATE);
    int total = symbols.globalIndex(RuntimeGlobals.TOTAL);
    int threshold = symbols.globalIndex(RuntimeGlobals.THRESHOLD);
    if (step < 0 || state < 0 || total < 0 || threshold < 0) {
      int collect = symbols.functionIndex(RuntimeFunction.COLLECT);
      if (collect >= 0) {
        WasmFunction f = instance.function(collect);
        return () -> interpreter.invoke(f);
      }
      throw new RequestException(":collect: the program has no garbage collector to run ("
          + (symbols.named() ? "it never allocates a managed object, so asc left the incremental"
              + " collector out" : "an -O3 build has no names to find it by; build with --debug")
          + ")");
    }
    // __collect's body, from its parts (asc leaves __collect out of a module that never calls
    // it), so that the number of steps is bounded: each step marks or sweeps one object, and a
    // cycle that takes more steps than the memory can hold objects loops on a corrupt list.
    WasmFunction stepFn = instance.function(step);
    GlobalCell stateCell = instance.global(state);
    long limit = 4 * (instance.memory().size() / MIN_OBJECT) + 64;
    return () -> {
      long steps = 0;
      // finish the cycle in progress (state not IDLE), then one full cycle, IDLE to IDLE
      for (int cycles = stateCell.get() != 0 ? 2 : 1; cycles > 0; cycles--) {
        do {
          if (++steps > limit) {
            throw new RequestException(":collect: the collector did not finish within " + limit
                + " steps, more than the memory can hold objects: its lists must be corrupt (see"
                + " :check); the heap is left mid-collection");
          }
          interpreter.invoke(stepFn);
        } while (stateCell.get() != 0);
      }
      long t = instance.global(total).get() & 0xFFFF_FFFFL;
      instance.global(threshold)
          .set((t * Itcms.IDLEFACTOR / 100 + Itcms.GRANULARITY) & 0xFFFF_FFFFL);
    };
  }

  /** The i32 locals and operands of every guest frame that are payloads of heap objects. */
  private static int[] stackRoots(HeapSnapshot heap, Iterable<Frame> frames) {
    Set<Integer> roots = new LinkedHashSet<>();
    for (Frame f : frames) {
      if (f.isHost()) {
        continue;
      }
      for (int i = 0; i < f.localCount(); i++) {
        if (f.localType(i) == ValType.I32) {
          addIfObject(heap, (int) f.local(i), roots);
        }
      }
      for (long v : f.operands()) {
        addIfObject(heap, (int) v, roots);
      }
    }
    return roots.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void addIfObject(HeapSnapshot heap, int value, Set<Integer> roots) {
    if (value != 0) {
      int o = heap.objectAtPayload(value);
      if (o >= 0 && !heap.isStatic(o)) {
        roots.add(value);
      }
    }
  }

  /** Roots pushed below the shadow stack pointer, and how to take them off again. */
  private record ShadowStack(Instance instance, GlobalCell pointer, long saved, long at, byte[] under) {
    static ShadowStack push(Instance instance, RuntimeSymbols symbols, RuntimeGlobals globals, int[] roots) {
      if (roots.length == 0) {
        return new ShadowStack(instance, null, 0, 0, new byte[0]);
      }
      int index = symbols.globalIndex(RuntimeGlobals.STACK_POINTER);
      if (index < 0) {
        throw new RequestException(":collect: the program has no shadow stack pointer to keep the "
            + roots.length + " objects its stopped frames hold alive; collecting would free them");
      }
      GlobalCell pointer = instance.global(index);
      long sp = pointer.get() & 0xFFFF_FFFFL;
      long at = sp - 4L * roots.length;
      long bottom = RuntimeGlobals.known(globals.dataEnd()) ? globals.dataEnd() : 0;
      Memory memory = instance.memory();
      if (at < bottom || sp > memory.size()) {
        throw new RequestException(":collect: no room on the shadow stack (" + (sp - bottom)
            + " bytes left) for the " + roots.length + " objects the stopped frames hold");
      }
      byte[] under = memory.read(at, 4 * roots.length);
      for (int i = 0; i < roots.length; i++) {
        memory.storeI32(at + 4L * i, roots[i]);
      }
      pointer.set(at);
      return new ShadowStack(instance, pointer, sp, at, under);
    }

    void pop() {
      if (pointer != null) {
        pointer.set(saved);
        instance.memory().write(at, under, 0, under.length);
      }
    }
  }
}
