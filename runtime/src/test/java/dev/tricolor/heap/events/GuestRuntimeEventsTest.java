package dev.tricolor.heap.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.check.HeapChecker;
import dev.tricolor.heap.layout.GcState;
import dev.tricolor.heap.read.HeapReader;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.symbols.RuntimeSymbols;
import dev.tricolor.heap.testing.TestPrograms;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.debug.Debugger;
import dev.tricolor.wasm.debug.Resume;
import dev.tricolor.wasm.debug.Stop;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.TrapKind;
import dev.tricolor.wasm.host.AscHost;
import dev.tricolor.wasm.model.WasmModule;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runtime events from the guest's own runtime, on the test programs run in the engine, checked
 * against the heap the readers see and what the programs report.
 */
class GuestRuntimeEventsTest {
  /** One instance of a test program with a debugger and the runtime's symbols. */
  private static final class Run {
    final RuntimeSymbols symbols;
    final Instance instance;
    final Debugger debugger;
    final List<RuntimeEvent> events = new ArrayList<>();
    final GuestRuntimeEvents runtime;

    Run(String program) throws Exception {
      WasmModule module = ModuleParser.parse(Files.readAllBytes(TestPrograms.wasm("debug", program)));
      symbols = RuntimeSymbols.resolve(module);
      Store store = new Store();
      instance = Instance.instantiate(store, module, new AscHost().imports(store));
      debugger = Debugger.attach(store);
      runtime = new GuestRuntimeEvents(debugger, instance, symbols, (event, state) -> {
        events.add(event);
        return Resume.CONTINUE;
      });
    }

    /** The heap now, read from a copy of memory (a snapshot reads lazily from its bytes). */
    HeapSnapshot heap() {
      byte[] m = instance.memory().bytes().clone();
      RuntimeGlobals g = symbols.globals(instance);
      return HeapReader.read(m, g, symbols.types(m, g));
    }

    <T extends RuntimeEvent> List<T> of(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  @Test
  void allocEventsAreTheObjectsOnTheHeap() throws Exception {
    Run run = new Run("gccolors");
    run.runtime.enable(Set.of(EventKind.ALLOC));
    assertEquals(31, (int) run.instance.call("setup", 4)[0]);
    List<RuntimeEvent.Alloc> allocs = run.of(RuntimeEvent.Alloc.class);
    List<RuntimeEvent.Allocated> allocated = run.of(RuntimeEvent.Allocated.class);
    assertEquals(allocs.size(), allocated.size(), "every __new entered returned");
    Map<String, Long> byClass =
        allocs.stream().collect(Collectors.groupingBy(RuntimeEvent.Alloc::className, Collectors.counting()));
    assertEquals(Map.of("Branch", 31L, "Leaf", 31L + 20 + 1), byClass);

    HeapSnapshot heap = run.heap();
    Set<Integer> onHeap = new HashSet<>();
    for (int i = 0; i < heap.objectCount(); i++) {
      if (!heap.isStatic(i)) {
        onHeap.add(heap.payload(i));
      }
    }
    Set<Integer> returned = allocated.stream().map(RuntimeEvent.Allocated::address).collect(Collectors.toSet());
    assertEquals(onHeap, returned, "every object on the heap came from one of the __new calls seen");
    for (RuntimeEvent.Allocated a : allocated) {
      int i = heap.objectAtPayload(a.address());
      assertEquals(heap.rtId(i), a.id());
      assertEquals(heap.rtSize(i), a.size());
    }
    assertEquals(777, (int) run.instance.call("pinnedValue")[0], "the program runs on as before");
  }

  @Test
  void freeEventsAreTheObjectsTheCollectorSweeps() throws Exception {
    Run run = new Run("gccolors");
    run.instance.call("setup", 4);
    run.instance.call("collect"); // the 20 garbage Leafs go
    HeapSnapshot before = run.heap();
    run.runtime.enable(Set.of(EventKind.FREE));
    assertEquals(16, (int) run.instance.call("dropRight")[0]);
    run.instance.call("collect");
    List<RuntimeEvent.Free> frees = run.of(RuntimeEvent.Free.class);
    Map<String, Long> byClass =
        frees.stream().collect(Collectors.groupingBy(RuntimeEvent.Free::className, Collectors.counting()));
    assertEquals(Map.of("Branch", 15L, "Leaf", 15L), byClass, "the right subtree");
    HeapSnapshot after = run.heap();
    for (RuntimeEvent.Free f : frees) {
      int i = before.objectAtPayload(f.address());
      assertTrue(i >= 0, "a freed object was on the heap before");
      assertEquals(before.objectSize(i), f.size());
      assertEquals(-1, after.objectAtPayload(f.address()), "and is not after");
    }
    assertTrue(HeapChecker.check(after).clean());
  }

  @Test
  void collectPhasesOfAFullCollection() throws Exception {
    Run run = new Run("gccolors");
    run.instance.call("setup", 3);
    run.runtime.enable(Set.of(EventKind.COLLECT));
    run.instance.call("collect");
    List<RuntimeEvent.Phase> phases =
        run.of(RuntimeEvent.Collect.class).stream().map(RuntimeEvent.Collect::phase).toList();
    assertEquals(List.of(RuntimeEvent.Phase.FULL_START, RuntimeEvent.Phase.CYCLE_START,
        RuntimeEvent.Phase.SWEEP_START, RuntimeEvent.Phase.CYCLE_END, RuntimeEvent.Phase.FULL_END),
        phases);
    RuntimeEvent.Collect end = run.of(RuntimeEvent.Collect.class).get(4);
    assertEquals(GcState.IDLE, end.state());
    assertEquals(run.heap().gc().bytes(dev.tricolor.heap.read.Space.FROM)
        + run.heap().gc().bytes(dev.tricolor.heap.read.Space.PIN), end.total());
  }

  @Test
  void stoppingAtAnEventStopsTheProgramThere() throws Exception {
    Run run = new Run("gccolors");
    GuestRuntimeEvents stopping = new GuestRuntimeEvents(run.debugger, run.instance, run.symbols,
        (event, state) -> event instanceof RuntimeEvent.Alloc ? Resume.TERMINATE : Resume.CONTINUE);
    stopping.enable(Set.of(EventKind.ALLOC));
    assertThrows(dev.tricolor.wasm.exec.Terminated.class, () -> run.instance.call("setup", 4));
    stopping.close();
    run.runtime.close();
  }

  @Test
  void disabledKindsCostNoProbes() throws Exception {
    Run run = new Run("gccolors");
    run.runtime.enable(Set.of(EventKind.ALLOC, EventKind.FREE, EventKind.COLLECT));
    assertTrue(run.debugger.probes().size() >= 3, "probes on __new, the frees and the collector");
    run.runtime.enable(Set.of());
    assertEquals(List.of(), run.debugger.probes(), "none left once the kinds are off");
    run.instance.call("setup", 4);
    run.instance.call("collect");
    assertTrue(run.events.isEmpty());
    assertTrue(run.runtime.missing(EventKind.ALLOC).isEmpty());
  }

  // ---- traps ----

  private static RuntimeEvent trapEvent(Run run, String export, long... args) {
    RuntimeEvent[] seen = new RuntimeEvent[1];
    Trap[] trap = new Trap[1];
    run.debugger.setStopListener((stop, state) -> {
      if (stop instanceof Stop.Trapped t) {
        trap[0] = t.trap();
        seen[0] = TrapEvents.classify(t.trap(), state, run.symbols);
      }
      return Resume.CONTINUE;
    });
    assertThrows(Trap.class, () -> run.instance.call(export, args));
    assertTrue(trap[0] != null, "the engine reported the trap before unwinding");
    return seen[0];
  }

  @Test
  void abortsAreDecoded() throws Exception {
    Run run = new Run("abort");
    RuntimeEvent.Abort a = assertInstanceOf(RuntimeEvent.Abort.class,
        trapEvent(run, "checkPositive", -1));
    assertEquals("x must be positive", a.message());
    assertEquals("programs/abort.ts", a.file());
    assertTrue(a.line() > 0 && a.column() > 0);
    RuntimeEvent.Abort bare = assertInstanceOf(RuntimeEvent.Abort.class, trapEvent(run, "bareAbort"));
    assertNull(bare.message());
  }

  @Test
  void boundsAbortsAreBounds() throws Exception {
    Run run = new Run("bounds");
    RuntimeEvent.Bounds b = assertInstanceOf(RuntimeEvent.Bounds.class, trapEvent(run, "arrayGet", 3));
    assertEquals("Index out of range", b.abort().message());
    assertEquals("~lib/array.ts", b.abort().file());
    RuntimeEvent.Bounds length = assertInstanceOf(RuntimeEvent.Bounds.class,
        trapEvent(run, "newArray", -1));
    assertEquals("Invalid length", length.abort().message());
    for (String export : List.of("staticGet", "typedGet", "viewGet")) {
      RuntimeEvent.Bounds other = assertInstanceOf(RuntimeEvent.Bounds.class, trapEvent(run, export, 5), export);
      assertEquals("Index out of range", other.abort().message(), export);
    }
    RuntimeEvent.Abort missingKey = assertInstanceOf(RuntimeEvent.Abort.class, trapEvent(run, "mapGet", 1));
    assertEquals("Key does not exist", missingKey.message(), "any other abort is no bounds event");
  }

  @Test
  void outOfBoundsMemoryAccessIsBounds() throws Exception {
    Run run = new Run("trap");
    RuntimeEvent e = trapEvent(run, "loadAt", 1L << 20);
    RuntimeEvent.Bounds b = assertInstanceOf(RuntimeEvent.Bounds.class, e);
    assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, b.trap().kind());
    assertTrue(b.description().contains("out of bounds memory access"), b.description());
  }

  @Test
  void refusedGrowthInsideTheAllocatorIsOutOfMemory() throws Exception {
    Run run = new Run("oom"); // --maximumMemory 4
    assertEquals(4, (int) run.instance.call("allocate", 4, 8192)[0]);
    RuntimeEvent.OutOfMemory oom = assertInstanceOf(RuntimeEvent.OutOfMemory.class,
        trapEvent(run, "exhaust", 8192));
    assertNull(oom.abort());
    assertEquals(TrapKind.UNREACHABLE, oom.trap().kind());
    assertEquals(4 * 65536, oom.memorySize());
    assertEquals(4, oom.limitPages());
    assertEquals(8192, oom.requested(), "new ArrayBuffer(8192)");
    assertTrue(oom.description().contains("8192 bytes requested"), oom.description());
    assertTrue(HeapChecker.check(run.heap()).clean(), "the heap is whole at the moment of failure");
  }

  @Test
  void allocationTooLargeIsOutOfMemory() throws Exception {
    Run run = new Run("oom");
    RuntimeEvent.OutOfMemory oom = assertInstanceOf(RuntimeEvent.OutOfMemory.class,
        trapEvent(run, "tooLarge"));
    assertEquals("Allocation too large", oom.abort().message());
    assertEquals(1L << 30, oom.requested());
  }

  @Test
  void plainTrapsAreNoRuntimeEvent() throws Exception {
    Run run = new Run("trap");
    assertNull(trapEvent(run, "reachable", -1));
  }
}
