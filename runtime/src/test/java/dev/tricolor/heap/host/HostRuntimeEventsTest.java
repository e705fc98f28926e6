package dev.tricolor.heap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.events.EventKind;
import dev.tricolor.heap.events.GuestRuntimeEvents;
import dev.tricolor.heap.events.OutOfMemoryTrap;
import dev.tricolor.heap.events.RuntimeEvent;
import dev.tricolor.heap.events.RuntimeEventSource;
import dev.tricolor.heap.events.TrapEvents;
import dev.tricolor.wasm.debug.Debugger;
import dev.tricolor.wasm.debug.ProgramState;
import dev.tricolor.wasm.debug.Resume;
import dev.tricolor.wasm.debug.Stop;
import dev.tricolor.wasm.exec.Frame;
import dev.tricolor.wasm.exec.Terminated;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.TrapKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The host runtime's events are guest mode's: the same calls on a program's two builds produce the
 * same {@link RuntimeEvent} records in the same order (the heaps being the same, addresses
 * included), so a debugger cannot tell which runtime runs. And a listener sees the program
 * stopped at the host call, and can end the run.
 */
class HostRuntimeEventsTest {
  /** A program in one mode, its events recorded. */
  private static final class Recorded {
    final ModeRun run;
    final Debugger debugger;
    final List<RuntimeEvent> events = new ArrayList<>();
    final RuntimeEventSource source;

    Recorded(ModeRun run) {
      this.run = run;
      this.debugger = Debugger.attach(run.store);
      this.source = run.mode == ModeRun.Mode.HOST
          ? run.runtime.events(this::record, debugger)
          : new GuestRuntimeEvents(debugger, run.instance, run.symbols, this::record);
    }

    private Resume record(RuntimeEvent e, ProgramState state) {
      events.add(e);
      return Resume.CONTINUE;
    }
  }

  private static void sameEvents(String program, Set<EventKind> kinds, String[][] calls) {
    Recorded guest = new Recorded(ModeRun.guest("debug", program));
    Recorded host = new Recorded(ModeRun.host("debug", program));
    guest.source.enable(kinds);
    host.source.enable(kinds);
    for (String[] call : calls) {
      long[] args = new long[call.length - 1];
      for (int i = 1; i < call.length; i++) {
        args[i - 1] = Long.parseLong(call[i]);
      }
      assertEquals(guest.run.call(call[0], args).toString(), host.run.call(call[0], args).toString(),
          program + " " + call[0]);
    }
    assertTrue(guest.events.size() > 10, program + ": only " + guest.events);
    for (EventKind k : kinds) {
      assertTrue(guest.events.stream().anyMatch(e -> kindOf(e) == k), program + ": no " + k + " event");
    }
    for (int i = 0; i < Math.min(guest.events.size(), host.events.size()); i++) {
      assertEquals(guest.events.get(i), host.events.get(i), program + ": event " + i);
    }
    assertEquals(guest.events.size(), host.events.size(), program + ": number of events");
  }

  private static EventKind kindOf(RuntimeEvent e) {
    if (e instanceof RuntimeEvent.Alloc || e instanceof RuntimeEvent.Allocated) {
      return EventKind.ALLOC;
    }
    return e instanceof RuntimeEvent.Free ? EventKind.FREE : EventKind.COLLECT;
  }

  @Test
  void aListsAllocationsFreesAndCollectionsAreGuestModes() {
    sameEvents("list", EnumSet.allOf(EventKind.class), new String[][] {
        {"build", "10"}, {"removeMultiplesOf", "3"}, {"collect"}, {"build", "300"}, {"collect"}});
  }

  @Test
  void incrementalCyclesOfTheGcProgramAreGuestModes() {
    sameEvents("gc", EnumSet.allOf(EventKind.class), new String[][] {
        {"buildChain", "3000"}, {"pinSome", "3"}, {"unpinLast"}, {"collect"}, {"startMarking"},
        {"collect"}, {"truncateChain", "10"}, {"collect"}});
  }

  @Test
  void rawBlocksFreedByFreeAreGuestModes() {
    sameEvents("allocator", EnumSet.of(EventKind.FREE, EventKind.ALLOC), new String[][] {
        {"randomOps", "300", "99"}, {"newObject", "40", "1"}, {"collect"}});
  }

  @Test
  void aFreeOfAPointerOutsideMemoryIsReportedThenTrapsAsInGuestMode() {
    Recorded guest = new Recorded(ModeRun.guest("debug", "allocator"));
    Recorded host = new Recorded(ModeRun.host("debug", "allocator"));
    guest.source.enable(EnumSet.of(EventKind.FREE));
    host.source.enable(EnumSet.of(EventKind.FREE));
    guest.run.value("alloc", 32);
    host.run.value("alloc", 32);
    int end = host.run.instance.memory().bytes().length;
    assertEquals(guest.run.instance.memory().bytes().length, end);
    List<String> outcomes = new ArrayList<>();
    // past the end, aligned and not; and near 2^32, where the block's address is negative in Java
    for (long ptr : new long[] {end + 16, end + 2, 0xFFFF_FFF0L}) {
      ModeRun.Outcome g = guest.run.call("free", ptr);
      ModeRun.Outcome h = host.run.call("free", ptr);
      assertEquals(g.toString(), h.toString(), "free(" + ptr + ")");
      assertEquals(null, h.trap().getCause(), "no Java exception of the runtime's own: " + h.trap());
      outcomes.add(h.toString());
    }
    assertEquals(List.of("trap " + TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS.specText(),
        "abort null in ~lib/rt/tlsf.ts:562:3", // upstream's alignment assert comes first
        "trap " + TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS.specText()), outcomes);
    assertEquals(3, guest.events.size(), guest.events.toString());
    assertEquals(new RuntimeEvent.Free(end + 16, 4, -1, null), guest.events.get(0));
    assertEquals(guest.events, host.events);
  }

  @Test
  void onlyTheKindsAskedForAreDelivered() {
    Recorded host = new Recorded(ModeRun.host("debug", "list"));
    host.source.enable(EnumSet.of(EventKind.COLLECT));
    host.run.value("build", 50);
    host.run.value("collect");
    assertTrue(host.events.stream().allMatch(e -> e instanceof RuntimeEvent.Collect), host.events.toString());
    List<RuntimeEvent.Phase> phases = host.events.stream()
        .map(e -> ((RuntimeEvent.Collect) e).phase()).toList();
    assertEquals(RuntimeEvent.Phase.FULL_START, phases.get(0));
    assertEquals(RuntimeEvent.Phase.FULL_END, phases.get(phases.size() - 1));
    assertTrue(phases.containsAll(List.of(RuntimeEvent.Phase.CYCLE_START,
        RuntimeEvent.Phase.SWEEP_START, RuntimeEvent.Phase.CYCLE_END)), phases.toString());
    host.events.clear();
    host.source.close();
    host.run.value("build", 50);
    host.run.value("collect");
    assertEquals(List.of(), host.events, "after close");
  }

  @Test
  void aListenerSeesTheHostCallOnTopOfTheGuestFramesAndCanEndTheRun() {
    ModeRun run = ModeRun.host("debug", "list");
    Debugger debugger = Debugger.attach(run.store);
    List<String> stack = new ArrayList<>();
    run.runtime.events((event, state) -> {
      for (Frame f : state.frames()) {
        stack.add(f.isHost() ? f.function().toString() : run.module.names().functionName(f.functionIndex()));
      }
      return Resume.TERMINATE;
    }, debugger).enable(EnumSet.of(EventKind.ALLOC));
    assertThrows(Terminated.class, () -> run.instance.call("build", 3));
    assertTrue(stack.get(0).startsWith("host tricolor.__new"), stack.toString());
    assertEquals(List.of("rt/host/__new", "programs/list/Item#constructor",
        "programs/list/List#append", "programs/list/build"), stack.subList(1, stack.size()));
  }

  @Test
  void outOfMemoryIsTheSameEventAsInGuestMode() {
    ModeRun guest = ModeRun.guest("debug", "oom");
    ModeRun host = ModeRun.host("debug", "oom");
    Debugger gd = Debugger.attach(guest.store);
    RuntimeEvent[] guestReading = new RuntimeEvent[1];
    gd.setStopListener((stop, state) -> {
      if (stop instanceof Stop.Trapped t) {
        guestReading[0] = TrapEvents.classify(t.trap(), state, guest.symbols);
      }
      return Resume.CONTINUE;
    });
    List<RuntimeEvent> hostEvents = new ArrayList<>();
    host.runtime.events((e, state) -> {
      hostEvents.add(e);
      return Resume.CONTINUE;
    }, null);
    ModeRun.Outcome g = guest.call("exhaust", 8192);
    ModeRun.Outcome h = host.call("exhaust", 8192);
    assertEquals("trap unreachable", g.toString());
    assertEquals(g.toString(), h.toString());
    OutOfMemoryTrap trap = assertInstanceOf(OutOfMemoryTrap.class, h.trap());
    assertEquals(TrapKind.UNREACHABLE, trap.kind());

    RuntimeEvent.OutOfMemory expected = assertInstanceOf(RuntimeEvent.OutOfMemory.class, guestReading[0]);
    RuntimeEvent.OutOfMemory delivered = assertInstanceOf(RuntimeEvent.OutOfMemory.class, hostEvents.get(0));
    RuntimeEvent.OutOfMemory classified = assertInstanceOf(RuntimeEvent.OutOfMemory.class,
        TrapEvents.classify(trap, null, host.symbols));
    for (RuntimeEvent.OutOfMemory o : List.of(delivered, classified)) {
      assertEquals(expected.requested(), o.requested(), "the size __new was asked for");
      assertEquals(expected.memorySize(), o.memorySize());
      assertEquals(expected.limitPages(), o.limitPages());
      assertEquals(expected.description(), o.description());
    }
    assertEquals(8192, expected.requested());
  }

  @Test
  void hostRuntimeErrorsAreTheGuestRuntimesAborts() {
    for (String[] call : new String[][] {{"pinTwice"}, {"unpinUnpinned"}}) {
      ModeRun guest = ModeRun.guest("debug", "gc");
      ModeRun host = ModeRun.host("debug", "gc");
      guest.value("buildChain", 10);
      host.value("buildChain", 10);
      ModeRun.Outcome g = guest.call(call[0]);
      assertEquals("abort", g.kind(), call[0]);
      assertEquals(g.toString(), host.call(call[0]).toString(), call[0]);
    }
    ModeRun host = ModeRun.host("debug", "oom");
    RuntimeEvent[] reading = new RuntimeEvent[1];
    Debugger.attach(host.store).setStopListener((stop, state) -> {
      reading[0] = TrapEvents.classify(((Stop.Trapped) stop).trap(), state, host.symbols);
      return Resume.CONTINUE;
    });
    Trap t = host.call("tooLarge").trap();
    assertEquals("abort: Allocation too large in ~lib/rt/itcms.ts(261:31)", t.getMessage());
    RuntimeEvent.OutOfMemory oom = assertInstanceOf(RuntimeEvent.OutOfMemory.class, reading[0]);
    assertEquals("Allocation too large", oom.abort().message());
  }
}
