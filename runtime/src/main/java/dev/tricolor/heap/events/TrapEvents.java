package dev.tricolor.heap.events;

import dev.tricolor.heap.symbols.RuntimeFunction;
import dev.tricolor.heap.symbols.RuntimeSymbols;
import dev.tricolor.wasm.debug.ProgramState;
import dev.tricolor.wasm.exec.Frame;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.TrapKind;
import dev.tricolor.wasm.host.AbortTrap;
import dev.tricolor.wasm.memory.Memory;
import java.util.Set;

/**
 * Says what a trap means for an AssemblyScript program, for the debugger's stop listener (the
 * engine reports traps there, before unwinding, every frame still present). The most specific
 * reading wins, as the debug adapter's filters order them: out of memory, then bounds, then
 * abort; null for a plain trap.
 *
 * <ul>
 *   <li>an {@link OutOfMemoryTrap} (host mode) or {@code unreachable} inside
 *       {@code ~lib/rt/tlsf/growMemory}: {@code memory.grow} was
 *       refused, TLSF gives up: {@link RuntimeEvent.OutOfMemory} with the size the program asked
 *       {@code __new} (or {@code __alloc}) for;
 *   <li>an abort "Allocation too large": {@link RuntimeEvent.OutOfMemory};
 *   <li>an out-of-bounds memory access, or an abort "Index out of range", "Offset out of bounds"
 *       or "Invalid length": {@link RuntimeEvent.Bounds};
 *   <li>any other abort: {@link RuntimeEvent.Abort}.
 * </ul>
 */
public final class TrapEvents {
  /** The messages of std-lib bounds aborts ({@code std/assembly/util/error.ts}). */
  public static final Set<String> BOUNDS_MESSAGES =
      Set.of("Index out of range", "Offset out of bounds", "Invalid length");

  public static final String ALLOCATION_TOO_LARGE = "Allocation too large";

  private TrapEvents() {}

  public static RuntimeEvent classify(Trap trap, ProgramState state, RuntimeSymbols symbols) {
    if (trap instanceof OutOfMemoryTrap o) {
      return o.event(); // the host runtime's growMemory: it knows what it was asked for
    }
    if (trap instanceof AbortTrap a) {
      RuntimeEvent.Abort abort =
          new RuntimeEvent.Abort(a.abortMessage(), a.fileName(), a.line(), a.column());
      if (ALLOCATION_TOO_LARGE.equals(a.abortMessage())) {
        return new RuntimeEvent.OutOfMemory(requestedByNew(state, symbols), memorySize(state),
            limitPages(state), abort, trap);
      }
      if (a.abortMessage() != null && BOUNDS_MESSAGES.contains(a.abortMessage())) {
        return new RuntimeEvent.Bounds(trap, abort);
      }
      return abort;
    }
    if (trap.kind() == TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS) {
      return new RuntimeEvent.Bounds(trap, null);
    }
    int growMemory = symbols.functionIndex(RuntimeFunction.GROW_MEMORY);
    if (trap.kind() == TrapKind.UNREACHABLE && growMemory >= 0) {
      Frame top = innermostGuest(state);
      if (top != null && top.functionIndex() == growMemory) {
        return new RuntimeEvent.OutOfMemory(requestedByNew(state, symbols), memorySize(state),
            limitPages(state), null, trap);
      }
    }
    return null;
  }

  /**
   * What the program asked for: the size argument of the innermost {@code __new} (an object's
   * payload) or else {@code __alloc} (a raw block), -1 when neither is on the stack.
   * ({@code growMemory}'s own size argument is already rounded and grown by then.)
   */
  private static long requestedByNew(ProgramState state, RuntimeSymbols symbols) {
    for (RuntimeFunction fn : new RuntimeFunction[] {RuntimeFunction.NEW, RuntimeFunction.ALLOC}) {
      int index = symbols.functionIndex(fn);
      for (Frame f : state.frames()) {
        if (index >= 0 && !f.isHost() && f.functionIndex() == index && f.localCount() > 0) {
          return f.local(0) & 0xffffffffL;
        }
      }
    }
    return -1;
  }

  private static Frame innermostGuest(ProgramState state) {
    for (Frame f : state.frames()) {
      if (!f.isHost()) {
        return f;
      }
    }
    return null;
  }

  private static long memorySize(ProgramState state) {
    Memory m = state.instance() == null ? null : state.instance().memory();
    return m == null ? 0 : m.size();
  }

  private static int limitPages(ProgramState state) {
    Memory m = state.instance() == null ? null : state.instance().memory();
    return m == null ? 0 : m.limitPages();
  }
}
