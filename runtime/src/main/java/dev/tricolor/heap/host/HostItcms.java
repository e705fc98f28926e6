package dev.tricolor.heap.host;

import static dev.tricolor.heap.layout.Common.BLOCK_OVERHEAD;
import static dev.tricolor.heap.layout.Common.MMINFO_OFFSET;
import static dev.tricolor.heap.layout.Common.OBJECT_MAXSIZE;
import static dev.tricolor.heap.layout.Common.OBJECT_OVERHEAD;
import static dev.tricolor.heap.layout.Common.RTID_OFFSET;
import static dev.tricolor.heap.layout.Common.RTSIZE_OFFSET;
import static dev.tricolor.heap.layout.Common.TOTAL_OVERHEAD;
import static dev.tricolor.heap.layout.Itcms.COLOR_MASK;
import static dev.tricolor.heap.layout.Itcms.GRANULARITY;
import static dev.tricolor.heap.layout.Itcms.GRAY;
import static dev.tricolor.heap.layout.Itcms.IDLEFACTOR;
import static dev.tricolor.heap.layout.Itcms.MARKCOST;
import static dev.tricolor.heap.layout.Itcms.NEXT_WITH_COLOR_OFFSET;
import static dev.tricolor.heap.layout.Itcms.PREV_OFFSET;
import static dev.tricolor.heap.layout.Itcms.STATE_IDLE;
import static dev.tricolor.heap.layout.Itcms.STATE_MARK;
import static dev.tricolor.heap.layout.Itcms.STATE_SWEEP;
import static dev.tricolor.heap.layout.Itcms.STEPFACTOR;
import static dev.tricolor.heap.layout.Itcms.SWEEPCOST;
import static dev.tricolor.heap.layout.Itcms.TRANSPARENT;
import static dev.tricolor.heap.host.HostTlsf.ltU;
import static dev.tricolor.heap.host.UpstreamAborts.itcmsAssert;

import dev.tricolor.heap.events.RuntimeEvent;
import dev.tricolor.heap.layout.Itcms;
import dev.tricolor.heap.layout.Typeinfo;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.TrapKind;
import dev.tricolor.wasm.memory.Memory;

/**
 * AssemblyScript 0.28's incremental tri-color mark and sweep collector
 * ({@code std/assembly/rt/itcms.ts}) in Java, on a guest's linear memory: the same object
 * headers, colors, circular lists (whose heads stay in the program's static data), state
 * machine, interrupt thresholds and step budgets, so the same program leaves the same heap as
 * with the compiled original. Function names are upstream's; the layout and constants come from
 * {@link Itcms} and {@link dev.tricolor.heap.layout.Common}. What only compiled code knows
 * (globals, members, the shadow stack) comes through {@link CompiledProgram}.
 *
 * <p>One deviation, on corrupt heaps only: where upstream would loop forever on a list that
 * never returns to its head (within a step, or step after step of a cycle), this stops after
 * more steps than the memory can hold objects and traps, since a loop in Java could not be paused
 * by the debugger.
 *
 * <p>Not thread-safe: the program thread calls it, through the host runtime's imports.
 */
public final class HostItcms {
  /** Visit cookie indicating scanning of an object. */
  private static final int VISIT_SCAN = 0;

  // ╒════ The list heads in static data (rt/host.ts: __tricolor_spaces) ════╕
  // │ spaces + 0    fromSpace   an Object header without payload (20 bytes) │
  // │ spaces + 20   toSpace                                                  │
  // │ spaces + 40   pinSpace                                                 │
  // └────────────────────────────────────────────────────────────────────────┘
  // Upstream keeps each in its own memory.data(offsetof<Object>()).
  /** Bytes of one list head: {@code offsetof<Object>()}, a header without payload. */
  static final int SPACE_HEAD_SIZE = TOTAL_OVERHEAD;

  private final HostTlsf tlsf;
  private final Memory memory;
  private final CompiledProgram program;
  HostRuntimeEvents events;
  private final int heapBase;
  private final int rttiBase;
  private byte[] m;

  // The collector's globals, upstream's names.
  int white = 0;
  int total = 0;
  int state = STATE_IDLE;
  int fromSpace;
  int toSpace;
  int pinSpace;
  int iter = 0;
  int threshold;
  int visitCount = 0;
  /** Steps since the cycle started: more than a cycle over this memory can take means corrupt. */
  private long stepsThisCycle;

  /**
   * A collector over {@code tlsf}'s memory. {@code spaces} is where the three list heads
   * (fromSpace, toSpace, pinSpace: 20-byte objects) live in static data, {@code initialPages} the
   * memory's size when the program started (upstream's lazy {@code threshold} is computed from
   * it in the start function).
   */
  HostItcms(HostTlsf tlsf, Memory memory, CompiledProgram program, int spaces, int rttiBase,
      int initialPages) {
    this.tlsf = tlsf;
    this.memory = memory;
    this.program = program;
    this.heapBase = tlsf.heapBase();
    this.rttiBase = rttiBase;
    this.m = memory.bytes();
    this.threshold = ((initialPages << 16) - heapBase) >>> 1;
    this.pinSpace = initLazy(spaces + 2 * SPACE_HEAD_SIZE);
    this.toSpace = initLazy(spaces + SPACE_HEAD_SIZE);
    this.fromSpace = initLazy(spaces);
  }

  private int initLazy(int space) {
    setNextWithColor(space, space);
    setPrev(space, space);
    return space;
  }

  /** Picks up a memory the guest or the allocator grew since the last look. */
  void sync() {
    m = memory.bytes();
  }

  // ---- Object: the header's fields and upstream's accessors ----

  private int mmInfo(int obj) {
    return Memory.getI32(m, obj + MMINFO_OFFSET);
  }

  private int nextWithColor(int obj) {
    return Memory.getI32(m, obj + NEXT_WITH_COLOR_OFFSET);
  }

  private void setNextWithColor(int obj, int nextWithColor) {
    Memory.setI32(m, obj + NEXT_WITH_COLOR_OFFSET, nextWithColor);
  }

  private int prev(int obj) {
    return Memory.getI32(m, obj + PREV_OFFSET);
  }

  private void setPrev(int obj, int prev) {
    Memory.setI32(m, obj + PREV_OFFSET, prev);
  }

  private int rtId(int obj) {
    return Memory.getI32(m, obj + RTID_OFFSET);
  }

  private int rtSize(int obj) {
    return Memory.getI32(m, obj + RTSIZE_OFFSET);
  }

  /** Gets the pointer to the next object. */
  private int next(int obj) {
    return nextWithColor(obj) & ~COLOR_MASK;
  }

  /** Sets the pointer to the next object. */
  private void setNext(int obj, int next) {
    setNextWithColor(obj, next | (nextWithColor(obj) & COLOR_MASK));
  }

  /** Gets this object's color. */
  private int color(int obj) {
    return nextWithColor(obj) & COLOR_MASK;
  }

  /** Sets this object's color. */
  private void setColor(int obj, int color) {
    setNextWithColor(obj, (nextWithColor(obj) & ~COLOR_MASK) | color);
  }

  /** Gets the size of this object in memory. */
  private int size(int obj) {
    return Itcms.objectSize(mmInfo(obj));
  }

  /** Tests if this object is pointerfree. */
  private boolean isPointerfree(int obj) {
    int rtId = rtId(obj);
    // 0: Object, 1: ArrayBuffer, 2: String
    return !ltU(Typeinfo.ID_STRING, rtId) || (typeinfo(rtId) & Typeinfo.POINTERFREE) != 0;
  }

  /** {@code __typeinfo(id)} of {@code ~lib/rt.ts}: the RTTI flags, bounds-checked as upstream. */
  private int typeinfo(int id) {
    int ptr = rttiBase;
    if (ltU(Memory.getI32(m, ptr), id)) {
      throw UpstreamAborts.error(UpstreamAborts.E_INDEXOUTOFRANGE, UpstreamAborts.RT, 21, 28);
    }
    return Memory.getI32(m, Typeinfo.flagsAddress(ptr, id));
  }

  /** Unlinks this object from its list. */
  private void unlink(int obj) {
    int next = next(obj);
    if (next == 0) {
      if (!(prev(obj) == 0 && ltU(obj, heapBase))) throw itcmsAssert(128, 18);
      return; // static data not yet linked
    }
    int prev = prev(obj);
    if (prev == 0) throw itcmsAssert(132, 16);
    setPrev(next, prev);
    setNext(prev, next);
  }

  /** Links this object to the specified list, with the given color. */
  private void linkTo(int obj, int list, int withColor) {
    int prev = prev(list);
    setNextWithColor(obj, list | withColor);
    setPrev(obj, prev);
    setNext(prev, obj);
    setPrev(list, obj);
  }

  /** Marks this object as gray, that is reachable with unscanned children. */
  private void makeGray(int obj) {
    if (obj == iter) {
      int prev = prev(obj);
      if (prev == 0) throw itcmsAssert(148, 30);
      iter = prev;
    }
    unlink(obj);
    linkTo(obj, toSpace, isPointerfree(obj) ? not(white) : GRAY);
  }

  // ---- the collector ----

  /** Visits all objects considered to be program roots. */
  private void visitRoots(int cookie) {
    program.visitGlobals(cookie);
    sync();
    int pn = pinSpace;
    int iter = next(pn);
    long bound = listBound();
    while (iter != pn) {
      if (color(iter) != TRANSPARENT) throw itcmsAssert(160, 16);
      program.visitMembers(iter + TOTAL_OVERHEAD, cookie);
      sync();
      iter = next(iter);
      if (--bound < 0) throw corruptList(pn);
    }
  }

  /** Visits all objects on the stack. */
  private void visitStack(int cookie) {
    int ptr = program.stackPointer();
    while (ltU(ptr, heapBase)) {
      __visit(Memory.getI32(m, ptr), cookie);
      ptr += 4;
    }
  }

  /** Performs a single step according to the current state. */
  int step() {
    if (state == STATE_IDLE) {
      stepsThisCycle = 0;
    } else if (++stepsThisCycle > cycleBound()) {
      throw endlessCycle();
    }
    if (events != null && events.collect) {
      int before = state;
      int budget = stepOnce();
      RuntimeEvent.Phase phase = null;
      if (before == STATE_IDLE && state == STATE_MARK) {
        phase = RuntimeEvent.Phase.CYCLE_START;
      } else if (before == STATE_MARK && state == STATE_SWEEP) {
        phase = RuntimeEvent.Phase.SWEEP_START;
      } else if (before == STATE_SWEEP && state == STATE_IDLE) {
        phase = RuntimeEvent.Phase.CYCLE_END;
      }
      if (phase != null) {
        events.collect(phase, state, total);
      }
      return budget;
    }
    return stepOnce();
  }

  private int stepOnce() {
    int obj;
    switch (state) {
      case STATE_IDLE: {
        state = STATE_MARK;
        visitCount = 0;
        visitRoots(VISIT_SCAN);
        iter = toSpace;
        return visitCount * MARKCOST;
      }
      case STATE_MARK: {
        int black = not(white);
        obj = next(iter);
        long bound = listBound();
        while (obj != toSpace) {
          iter = obj;
          if (color(obj) != black) { // skip already-blacks (pointerfree)
            setColor(obj, black);
            visitCount = 0;
            program.visitMembers(obj + TOTAL_OVERHEAD, VISIT_SCAN);
            sync();
            return visitCount * MARKCOST;
          }
          obj = next(obj);
          if (--bound < 0) throw corruptList(toSpace);
        }
        visitCount = 0;
        visitRoots(VISIT_SCAN);
        obj = next(iter);
        if (obj == toSpace) {
          visitStack(VISIT_SCAN);
          obj = next(iter);
          bound = listBound();
          while (obj != toSpace) {
            if (color(obj) != black) {
              setColor(obj, black);
              program.visitMembers(obj + TOTAL_OVERHEAD, VISIT_SCAN);
              sync();
            }
            obj = next(obj);
            if (--bound < 0) throw corruptList(toSpace);
          }
          int from = fromSpace;
          fromSpace = toSpace;
          toSpace = from;
          white = black;
          iter = next(from);
          state = STATE_SWEEP;
        }
        return visitCount * MARKCOST;
      }
      case STATE_SWEEP: {
        obj = iter;
        if (obj != toSpace) {
          iter = next(obj);
          if (color(obj) != not(white)) throw itcmsAssert(229, 20); // old white
          free(obj);
          return SWEEPCOST;
        }
        setNextWithColor(toSpace, toSpace);
        setPrev(toSpace, toSpace);
        state = STATE_IDLE;
        break;
      }
      default:
        break;
    }
    return 0;
  }

  /** Frees an object. */
  private void free(int obj) {
    if (ltU(obj, heapBase)) {
      setNextWithColor(obj, 0); // may become linked again
      setPrev(obj, 0);
    } else {
      int size = size(obj);
      if (events != null && events.free) {
        events.freeObject(obj + TOTAL_OVERHEAD, size, rtId(obj));
      }
      total -= size;
      if (program.finalizes()) {
        program.finalizeObject(obj + TOTAL_OVERHEAD);
        sync();
      }
      tlsf.free(obj + BLOCK_OVERHEAD);
    }
  }

  // ---- garbage collector interface ----

  /** {@code __new}: a zeroed managed object of {@code size} bytes and class {@code id}. */
  public int __new(int size, int id) {
    if (events != null && events.alloc) {
      events.alloc(size, id);
    }
    if (!ltU(size, OBJECT_MAXSIZE)) {
      throw UpstreamAborts.error(UpstreamAborts.E_ALLOCATION_TOO_LARGE, UpstreamAborts.ITCMS, 261, 31);
    }
    if (!ltU(total, threshold)) interrupt();
    tlsf.requested = Integer.toUnsignedLong(size);
    int obj = tlsf.alloc(OBJECT_OVERHEAD + size) - BLOCK_OVERHEAD;
    m = tlsf.m;
    Memory.setI32(m, obj + RTID_OFFSET, id);
    Memory.setI32(m, obj + RTSIZE_OFFSET, size);
    linkTo(obj, fromSpace, white); // inits next/prev
    total += size(obj);
    int ptr = obj + TOTAL_OVERHEAD;
    // may be visited before being fully initialized, so must fill
    memory.fill(Integer.toUnsignedLong(ptr), (byte) 0, Integer.toUnsignedLong(size));
    if (events != null && events.alloc) {
      events.allocated(ptr, size, id);
    }
    return ptr;
  }

  /** {@code __renew}: the object resized (moved to a new one when its block is too small). */
  public int __renew(int oldPtr, int size) {
    int oldObj = oldPtr - TOTAL_OVERHEAD;
    // Update object size if its block is large enough
    if (!ltU((mmInfo(oldObj) & ~3) - OBJECT_OVERHEAD, size)) {
      Memory.setI32(m, oldObj + RTSIZE_OFFSET, size);
      return oldPtr;
    }
    // If not the same object anymore, we have to move it move it due to the
    // shadow stack potentially still referencing the old object
    int newPtr = __new(size, rtId(oldObj));
    memory.copy(Integer.toUnsignedLong(newPtr), Integer.toUnsignedLong(oldPtr),
        Integer.toUnsignedLong(ltU(size, rtSize(oldObj)) ? size : rtSize(oldObj)));
    return newPtr;
  }

  /** {@code __link}: the write barrier for storing {@code childPtr} into {@code parentPtr}. */
  public void __link(int parentPtr, int childPtr, boolean expectMultiple) {
    // Write barrier is unnecessary if non-incremental
    if (childPtr == 0) return;
    if (parentPtr == 0) throw itcmsAssert(295, 14);
    int child = childPtr - TOTAL_OVERHEAD;
    if (color(child) == white) {
      int parent = parentPtr - TOTAL_OVERHEAD;
      int parentColor = color(parent);
      if (parentColor == not(white)) {
        // Maintain the invariant that no black object may point to a white object.
        if (expectMultiple) {
          // Move the barrier "backward". Suitable for containers receiving multiple stores.
          // Avoids a barrier for subsequent objects stored into the same container.
          makeGray(parent);
        } else {
          // Move the barrier "forward". Suitable for objects receiving isolated stores.
          makeGray(child);
        }
      } else if (parentColor == TRANSPARENT && state == STATE_MARK) {
        // Pinned objects are considered 'black' during the mark phase.
        makeGray(child);
      }
    }
  }

  /** {@code __visit}: marks the object at {@code ptr} gray if it is white. */
  public void __visit(int ptr, int cookie) {
    if (ptr == 0) return;
    int obj = ptr - TOTAL_OVERHEAD;
    if (color(obj) == white) {
      makeGray(obj);
      ++visitCount;
    }
  }

  /** {@code __pin}: keeps the object alive until {@link #__unpin}. */
  public int __pin(int ptr) {
    if (ptr != 0) {
      int obj = ptr - TOTAL_OVERHEAD;
      if (color(obj) == TRANSPARENT) {
        throw UpstreamAborts.error(UpstreamAborts.E_ALREADY_PINNED, UpstreamAborts.ITCMS, 338, 7);
      }
      unlink(obj); // from fromSpace
      linkTo(obj, pinSpace, TRANSPARENT);
    }
    return ptr;
  }

  /** {@code __unpin}. */
  public void __unpin(int ptr) {
    if (ptr == 0) return;
    int obj = ptr - TOTAL_OVERHEAD;
    if (color(obj) != TRANSPARENT) {
      throw UpstreamAborts.error(UpstreamAborts.E_NOT_PINNED, UpstreamAborts.ITCMS, 352, 5);
    }
    if (state == STATE_MARK) {
      // We may be right at the point after marking roots for the second time and
      // entering the sweep phase, in which case the object would be missed if it
      // is not only pinned but also a root. Make sure it isn't missed.
      makeGray(obj);
    } else {
      unlink(obj);
      linkTo(obj, fromSpace, white);
    }
  }

  /** {@code __collect}: finishes the current cycle, then performs a full one. */
  public void __collect() {
    if (events != null && events.collect) {
      events.collect(RuntimeEvent.Phase.FULL_START, state, total);
    }
    if (state > STATE_IDLE) {
      // finish current cycle
      while (state != STATE_IDLE) step();
    }
    // perform a full cycle
    step();
    while (state != STATE_IDLE) step();
    threshold = (int) ((Integer.toUnsignedLong(total) * IDLEFACTOR) / 100) + GRANULARITY;
    if (events != null && events.collect) {
      events.collect(RuntimeEvent.Phase.FULL_END, state, total);
    }
  }

  // ---- garbage collector automation ----

  /** Performs a reasonable amount of incremental GC steps. */
  private void interrupt() {
    int budget = GRANULARITY * STEPFACTOR / 100;
    do {
      budget -= step();
      if (state == STATE_IDLE) {
        // optimization for the default GC parameters which idle factor is 200%
        threshold = total * (IDLEFACTOR / 100) + GRANULARITY;
        return;
      }
    } while (budget > 0);
    threshold = total + GRANULARITY * (ltU(total - threshold, GRANULARITY) ? 1 : 0);
  }

  // ---- helpers ----

  /** {@code i32(!white)}: black. */
  private static int not(int value) {
    return value == 0 ? 1 : 0;
  }

  /** More steps than a list in this memory can have objects (each takes at least 32 bytes). */
  private long listBound() {
    return (memory.size() >>> 5) + 16;
  }

  /**
   * Steps a cycle can take at most: one per object marked, one per object swept, a few more;
   * every object takes at least 32 bytes.
   */
  private long cycleBound() {
    return (memory.size() >>> 4) + 64;
  }

  private Trap endlessCycle() {
    return new Trap(TrapKind.HOST_ERROR, String.format(
        "host runtime: the collector's cycle (%s) does not end after %d steps: the heap is"
            + " corrupt (a GC list that never comes back to its head)",
        dev.tricolor.heap.layout.GcState.of(state) == null ? "state " + state
            : dev.tricolor.heap.layout.GcState.of(state).label(), stepsThisCycle));
  }

  private Trap corruptList(int head) {
    return new Trap(TrapKind.HOST_ERROR, String.format(
        "host runtime: the GC list of head 0x%x does not come back to its head: the heap is"
            + " corrupt (a cycle in the object headers)", head));
  }
}
