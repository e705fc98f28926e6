package dev.tricolor.heap.events;

import dev.tricolor.heap.layout.GcState;
import dev.tricolor.wasm.exec.Trap;

/**
 * Something AssemblyScript's runtime did or suffered, as the debugger reports it. Addresses are
 * payload pointers (what the program holds); sizes are bytes. Produced in guest mode by
 * {@link GuestRuntimeEvents} (probes on the runtime's functions) and {@link TrapEvents} (traps
 * and aborts), and in host mode straight by the Java allocator and collector.
 */
public sealed interface RuntimeEvent {

  /** {@code __new(size, id)} was entered: an object is about to be allocated. */
  record Alloc(int size, int id, String className) implements RuntimeEvent {}

  /** {@code __new} is returning {@code address}: the object exists, zeroed, on fromSpace. */
  record Allocated(int address, int size, int id, String className) implements RuntimeEvent {}

  /**
   * A block is being freed: a managed object by the collector's sweep ({@code id} and
   * {@code className} known), or a raw block by {@code __free} ({@code id} -1, {@code className}
   * null). {@code size} is all the bytes the block occupies, header included.
   */
  record Free(int address, int size, int id, String className) implements RuntimeEvent {}

  /** A collector phase change. {@code total} is ITCMS's total at that moment (-1 unknown). */
  record Collect(Phase phase, GcState state, long total) implements RuntimeEvent {}

  /** The collector's phases a debugger stops on. */
  enum Phase {
    /** An incremental cycle starts: roots are marked (IDLE to MARK). */
    CYCLE_START,
    /** Marking is done, white flipped, sweeping starts (MARK to SWEEP). */
    SWEEP_START,
    /** Sweeping is done (SWEEP to IDLE). */
    CYCLE_END,
    /** {@code __collect()} was called: a full collection starts. */
    FULL_START,
    /** {@code __collect()} is returning. */
    FULL_END;

    /** The name DAP conditions and descriptions use ({@code cycle-start}, ...). */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * Out of memory: {@code memory.grow} refused inside the allocator (then TLSF executes
   * {@code unreachable}), or a request of 1 GiB or more ("Allocation too large").
   *
   * @param requested the payload size the allocator wanted, -1 when unknown
   * @param memorySize bytes of linear memory when it gave up
   * @param limitPages pages memory could have grown to
   * @param abort the "Allocation too large" abort, or null
   */
  record OutOfMemory(long requested, long memorySize, int limitPages, Abort abort, Trap trap)
      implements RuntimeEvent {
    public String description() {
      if (abort != null) {
        return abort.message() + (requested >= 0 ? " (" + requested + " bytes requested)" : "");
      }
      return String.format("out of memory: %s bytes requested, memory is %d bytes and may not grow past %d pages",
          requested >= 0 ? Long.toString(requested) : "more", memorySize, limitPages);
    }
  }

  /**
   * A bounds failure: an out-of-bounds linear memory access ({@code trap} with its address), or
   * an AssemblyScript bounds abort ("Index out of range", "Offset out of bounds", "Invalid
   * length") in {@code abort}.
   */
  record Bounds(Trap trap, Abort abort) implements RuntimeEvent {
    public String description() {
      return abort != null ? abort.description() : trap.getMessage();
    }
  }

  /** An AssemblyScript {@code abort}: failed assert, thrown error, {@code abort()}. */
  record Abort(String message, String file, int line, int column) implements RuntimeEvent {
    /** "message in file:line:column", as asc's loader prints it. */
    public String description() {
      String m = message == null ? "abort" : message;
      return file == null ? m : m + " in " + file + ":" + line + ":" + column;
    }
  }
}
