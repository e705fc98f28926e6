package dev.tricolor.wasm.debug;

import static dev.tricolor.wasm.binary.WasmBytes.body;
import static dev.tricolor.wasm.binary.WasmBytes.bytes;
import static dev.tricolor.wasm.binary.WasmBytes.cat;
import static dev.tricolor.wasm.binary.WasmBytes.module;
import static dev.tricolor.wasm.binary.WasmBytes.name;
import static dev.tricolor.wasm.binary.WasmBytes.section;
import static dev.tricolor.wasm.binary.WasmBytes.u32;
import static dev.tricolor.wasm.binary.WasmBytes.vec;
import static dev.tricolor.wasm.exec.HandBuilt.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.exec.EngineLimits;
import dev.tricolor.wasm.exec.Frame;
import dev.tricolor.wasm.exec.GuestFunction;
import dev.tricolor.wasm.exec.HandBuilt;
import dev.tricolor.wasm.exec.Imports;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.Table;
import dev.tricolor.wasm.exec.Terminated;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.TrapKind;
import dev.tricolor.wasm.exec.WasmFunction;
import dev.tricolor.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DebuggerTest {
  // sum(n) with (local i64 acc); code offsets (module byte 0 is padding, the body starts at 1):
  //  4 loop | 6 local.get 1 | 8 local.get 0 | 10 i64.extend_i32_u | 11 i64.add | 12 local.set 1
  // 14 local.get 0 | 16 i32.const 1 | 18 i32.sub | 19 local.tee 0 | 21 br_if 0 | 23 end
  // 24 local.get 1 | 26 end
  private static final String SUM =
      "01 01 7E 03 40 20 01 20 00 AD 7C 21 01 20 00 41 01 6B 22 00 0D 00 0B 20 01 0B";
  private static final String FIB =
      "00 20 00 41 02 48 04 7F 20 00 05 20 00 41 01 6B 10 00 20 00 41 02 6B 10 00 6A 0B 0B";

  @Test
  void instructionBreakpointSeesLocalsEachIteration() {
    Store store = new Store();
    Instance inst = new HandBuilt(store).func("sum", sig("i", "I"), SUM).build();
    Debugger d = Debugger.attach(store);
    List<Long> accs = new ArrayList<>();
    Probe p = d.breakAt(inst, 12, (stop, state) -> {
      assertInstanceOf(Stop.BreakpointHit.class, stop);
      Frame f = state.top();
      assertEquals(12, f.codeOffset());
      accs.add(f.operands()[0]); // acc + n, about to be stored
      return Resume.CONTINUE;
    });
    assertEquals(12, p.codeOffset());
    assertEquals(6L, inst.call("sum", 3)[0]);
    assertEquals(List.of(3L, 5L, 6L), accs);
    p.remove();
    assertEquals(10L, inst.call("sum", 4)[0]);
    assertEquals(3, accs.size());
  }

  @Test
  void aLocalWrittenWhileStoppedIsWhatTheProgramGoesOnWith() {
    Store store = new Store();
    Instance inst = new HandBuilt(store).func("sum", sig("i", "I"), SUM).build();
    Probe p = Debugger.attach(store).breakAt(inst, 12, (stop, state) -> {
      Frame f = state.top();
      assertEquals(3, f.local(0));
      f.setLocal(0, 1); // n = 1: the loop ends after this iteration
      assertEquals(1, state.frames().get(0).local(0));
      return Resume.CONTINUE;
    });
    assertEquals(3L, inst.call("sum", 3)[0]); // 3 + 2 + 1 without the write
    p.remove();
    assertEquals(6L, inst.call("sum", 3)[0]);
  }

  @Test
  void globalsAndMemoryReadAndWrittenWhileStoppedAreThoseTheProgramSees() {
    Store store = new Store();
    // read(): global.get 0 + i32.load offset=104 (i32.const 0); offsets: 2 global.get, 4 const
    String body = "00 23 00 41 00 28 02 68 6A 0B";
    Instance inst = new HandBuilt(store).memory(1).global(5).func("read", sig("", "i"), body).build();
    inst.memory().storeI32(104, 30);
    assertEquals(35, (int) inst.call("read")[0]);
    List<Long> seen = new ArrayList<>();
    Debugger.attach(store).breakAt(inst, 2, (stop, state) -> {
      Instance in = state.instance();
      seen.add(in.global(0).get());
      seen.add((long) in.memory().loadI32(104));
      in.global(0).set(1000);
      in.memory().storeI32(104, 200);
      return Resume.CONTINUE;
    });
    assertEquals(1200, (int) inst.call("read")[0]);
    assertEquals(List.of(5L, 30L), seen);
  }

  @Test
  void aTableReadAndWrittenWhileStoppedIsWhatCallIndirectUses() {
    // f0() = 10, f1() = 20, call(i) = call_indirect (type 0) i; table 0 = [f0, f1]
    byte[] bytes = module(
        section(1, vec(bytes(0x60, 0, 1, 0x7F), bytes(0x60, 1, 0x7F, 1, 0x7F))),
        section(3, vec(u32(0), u32(0), u32(1))),
        section(4, vec(bytes(0x70, 0x00, 0x02))),
        section(7, vec(cat(name("call"), bytes(0x00), u32(2)))),
        section(9, vec(cat(u32(0), bytes(0x41, 0x00, 0x0B), vec(u32(0), u32(1))))),
        section(10, vec(
            body(vec(), bytes(0x41, 10, 0x0B)),
            body(vec(), bytes(0x41, 20, 0x0B)),
            body(vec(), bytes(0x20, 0, 0x11, 0, 0, 0x0B)))));
    WasmModule m = ModuleParser.parse(bytes);
    Store store = new Store();
    Instance inst = Instance.instantiate(store, m, new Imports());
    assertEquals(10, (int) inst.call("call", 0)[0]);
    List<Object> seen = new ArrayList<>();
    Debugger.attach(store).breakAt(inst, m.body(2).codeStart() + 2, (stop, state) -> {
      Table t = state.instance().table(0);
      seen.add(t.size());
      seen.add(store.function(t.get(0)));
      seen.add(store.function(t.get(1)));
      t.set(0, t.get(1));
      return Resume.CONTINUE;
    });
    assertEquals(20, (int) inst.call("call", 0)[0], "the table entry written at the stop is called");
    assertEquals(List.of(2, inst.function(0), inst.function(1)), seen);
  }

  @Test
  void aBreakpointOnABlockEndMovesToTheNextInstruction() {
    Store store = new Store();
    Instance inst = new HandBuilt(store).func("sum", sig("i", "I"), SUM).build();
    Probe p = Debugger.attach(store).breakAt(inst, 23, (s, st) -> Resume.CONTINUE);
    assertEquals(24, p.codeOffset());
    assertThrows(IllegalArgumentException.class,
        () -> Debugger.attach(store).breakAt(inst, 500, (s, st) -> Resume.CONTINUE));
  }

  @Test
  void aBreakpointInsideASuperinstructionStopsBeforeAllOfIt() {
    Store store = new Store();
    Instance inst = new HandBuilt(store).func("fib", sig("i", "i"), FIB).build();
    List<Long> seen = new ArrayList<>();
    // offset 4 is the i32.const 2 that runs fused with the local.get 0 at offset 2
    Probe p = Debugger.attach(store).breakAt(inst, 4, (s, st) -> {
      seen.add(st.top().local(0));
      return Resume.CONTINUE;
    });
    assertEquals(2, p.codeOffset());
    assertEquals(1, inst.call("fib", 2)[0]);
    assertEquals(List.of(2L, 1L, 0L), seen);
  }

  @Test
  void entryAndExitProbesSeeArgumentsAndResults() {
    Store store = new Store();
    Instance inst = new HandBuilt(store).func("fib", sig("i", "i"), FIB).build();
    Debugger d = Debugger.attach(store);
    GuestFunction fib = (GuestFunction) inst.function(0);
    List<String> log = new ArrayList<>();
    d.onEntry(fib, (stop, state) -> {
      log.add("enter " + state.top().local(0));
      return Resume.CONTINUE;
    });
    d.onExit(fib, (stop, state) -> {
      log.add("exit " + ((Stop.FunctionExiting) stop).results()[0]);
      return Resume.CONTINUE;
    });
    assertEquals(2, inst.call("fib", 3)[0]);
    assertEquals(
        List.of("enter 3", "enter 2", "enter 1", "exit 1", "enter 0", "exit 0", "exit 1",
            "enter 1", "exit 1", "exit 2"),
        log);
  }

  @Test
  void stepInVisitsEveryInstructionAndStepOverSkipsCalls() {
    Store store = new Store();
    Instance inst = new HandBuilt(store).func("fib", sig("i", "i"), FIB).build();
    Debugger d = Debugger.attach(store);
    List<Integer> offsets = new ArrayList<>();
    List<Integer> depths = new ArrayList<>();
    d.setStopListener((stop, state) -> {
      offsets.add(state.top().codeOffset());
      depths.add(state.frames().size());
      return Resume.STEP_OVER;
    });
    d.stopAtNextInstruction();
    assertEquals(1, inst.call("fib", 2)[0]);
    // fib(2) at depth 1 only: [local.get, i32.const], [i32.lt_s, if], [else branch]
    // [local.get, i32.const, i32.sub], call, [local.get, i32.const, i32.sub], call, i32.add, end
    // (bracketed neighbours run as one superinstruction: one step)
    assertEquals(List.of(2, 6, 12, 17, 19, 24, 26, 28), offsets);
    assertTrue(depths.stream().allMatch(n -> n == 1));

    offsets.clear();
    d.setStopListener((stop, state) -> {
      offsets.add(state.top().codeOffset());
      return Resume.STEP_IN;
    });
    d.stopAtNextInstruction();
    assertEquals(1, inst.call("fib", 2)[0]);
    // fib(1) and fib(0) each run 5: [local.get, i32.const], [i32.lt_s, if], local.get, the
    // jump over the else branch (at the else's offset), the final end.
    assertEquals(8 + 2 * 5, offsets.size());
    assertEquals(List.of(2, 6, 9, 11, 28), offsets.subList(4, 9));
  }

  @Test
  void stepOverRunsAnotherFunctionsCallWithoutStoppingInIt() {
    Store store = new Store();
    // inner(x) = x * 2 (offsets 1..7); outer(x) = inner(x + 1) + 1 (body from offset 8)
    Instance inst = new HandBuilt(store)
        .func("inner", sig("i", "i"), "00 20 00 41 02 6C 0B")
        .func("outer", sig("i", "i"), "00 20 00 41 01 6A 10 00 41 01 6A 0B")
        .build();
    Debugger d = Debugger.attach(store);
    List<Integer> offsets = new ArrayList<>();
    d.setStopListener((stop, state) -> {
      offsets.add(state.top().codeOffset());
      return Resume.STEP_OVER;
    });
    d.stopAtNextInstruction();
    assertEquals(9, inst.call("outer", 3)[0]);
    // [local.get, i32.const, i32.add], call, i32.const, i32.add, end: never inside inner
    assertEquals(List.of(9, 14, 16, 18, 19), offsets);
  }

  @Test
  void stepOutStopsInTheCaller() {
    Store store = new Store();
    Instance inst = new HandBuilt(store).func("fib", sig("i", "i"), FIB).build();
    Debugger d = Debugger.attach(store);
    GuestFunction fib = (GuestFunction) inst.function(0);
    List<String> log = new ArrayList<>();
    Probe[] entry = new Probe[1];
    // One client: its entry probe asks for a step out, and it hears when the step ends.
    StopListener client = (stop, state) -> {
      log.add(stop.getClass().getSimpleName() + " " + state.frames().size() + " @"
          + state.top().codeOffset());
      if (stop instanceof Stop.FunctionEntered && state.frames().size() == 2) {
        entry[0].remove();
        return Resume.STEP_OUT;
      }
      return Resume.CONTINUE;
    };
    entry[0] = d.onEntry(fib, client);
    d.setStopListener((stop, state) -> {
      throw new AssertionError("the user's listener has nothing to hear: " + stop);
    });
    assertEquals(2, inst.call("fib", 3)[0]);
    // Back in fib(3) right after its first call, at the second local.get 0 (offset 19).
    assertEquals(List.of("FunctionEntered 1 @2", "FunctionEntered 2 @2", "Stepped 1 @19"), log);
  }

  @Test
  void pauseStopsAnInfiniteLoopAndTerminateEndsIt() throws Exception {
    Store store = new Store();
    // (loop (br 0))
    Instance inst = new HandBuilt(store).func("spin", sig("", ""), "00 03 40 0C 00 0B 0B").build();
    Debugger d = Debugger.attach(store);
    CountDownLatch paused = new CountDownLatch(1);
    AtomicReference<Stop> seen = new AtomicReference<>();
    d.setStopListener((stop, state) -> {
      seen.set(stop);
      paused.countDown();
      return Resume.TERMINATE;
    });
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread program = new Thread(() -> {
      try {
        inst.call("spin");
      } catch (Throwable t) {
        outcome.set(t);
      }
    });
    program.start();
    Thread.sleep(50);
    d.requestPause();
    assertTrue(paused.await(10, TimeUnit.SECONDS));
    program.join(10_000);
    assertInstanceOf(Stop.Paused.class, seen.get());
    assertInstanceOf(Terminated.class, outcome.get());

    // Terminate without a pause, from another thread, while spinning.
    d.setStopListener((stop, state) -> Resume.CONTINUE);
    Thread again = new Thread(() -> {
      try {
        inst.call("spin");
      } catch (Throwable t) {
        outcome.set(t);
      }
    });
    outcome.set(null);
    again.start();
    Thread.sleep(50);
    d.requestTerminate();
    again.join(10_000);
    assertInstanceOf(Terminated.class, outcome.get());
    store.interpreter().clearTerminate();
  }

  @Test
  void watchpointStopsAfterTheWritingStore() {
    Store store = new Store();
    // store(p, v): i32.store offset=4 (p) (v); then i32.const 0 drop
    String body = "00 20 00 20 01 36 02 04 41 00 1A 0B";
    Instance inst = new HandBuilt(store).memory(1).func("st", sig("ii", ""), body).build();
    Debugger d = Debugger.attach(store);
    List<String> log = new ArrayList<>();
    d.watch(inst, 104, 4, (stop, state) -> {
      Stop.DataWritten w = (Stop.DataWritten) stop;
      log.add(w.address() + "+" + w.length() + " @" + state.top().codeOffset() + " = "
          + inst.memory().loadI32(104));
      return Resume.CONTINUE;
    });
    inst.call("st", 0, 1); // writes 4..8: not watched
    inst.call("st", 100, 7); // writes 104..108
    inst.call("st", 102, 9); // writes 106..110: overlaps
    assertEquals(List.of("104+4 @9 = 7", "106+4 @9 = 589831"), log);
  }

  @Test
  void watchpointSeesBulkMemoryWrites() {
    Store store = new Store();
    // fill(p, v, n): memory.fill; i32.const 0 drop (the stop comes at the const, offset 11)
    String fill = "00 20 00 20 01 20 02 FC 0B 00 41 00 1A 0B";
    // copy(dst, src, n): memory.copy
    String copy = "00 20 00 20 01 20 02 FC 0A 00 00 41 00 1A 0B";
    Instance inst = new HandBuilt(store).memory(1)
        .func("fill", sig("iii", ""), fill)
        .func("copy", sig("iii", ""), copy)
        .build();
    List<String> log = new ArrayList<>();
    Debugger.attach(store).watch(inst, 104, 4, (stop, state) -> {
      Stop.DataWritten w = (Stop.DataWritten) stop;
      log.add(w.address() + "+" + w.length() + " = " + Integer.toHexString(inst.memory().loadI32(104)));
      return Resume.CONTINUE;
    });
    inst.call("fill", 0, 1, 104); // [0, 104): ends where the watch begins
    inst.call("fill", 100, 0xAB, 8);
    assertEquals(List.of("100+8 = abababab"), log);
    inst.call("fill", 0, 0x11, 4);
    inst.call("copy", 200, 0, 4); // elsewhere
    inst.call("copy", 106, 0, 4);
    inst.call("copy", 0, 104, 4); // reads the watched range, writes elsewhere
    assertEquals(List.of("100+8 = abababab", "106+4 = 1111abab"), log);
  }

  @Test
  void watchpointSeesAStoreOfALocalFusedWithItsLocalGet() {
    Store store = new Store();
    // put(v): i32.const 104; local.get 0; i32.store (local.get + i32.store run as one)
    String body = "00 41 E8 00 20 00 36 02 00 0B";
    Instance inst = new HandBuilt(store).memory(1).func("put", sig("i", ""), body).build();
    List<Long> seen = new ArrayList<>();
    Debugger.attach(store).watch(inst, 106, 1, (stop, state) -> {
      seen.add(((Stop.DataWritten) stop).address());
      seen.add((long) inst.memory().loadI32(104));
      return Resume.CONTINUE;
    });
    inst.call("put", 0x01020304);
    assertEquals(List.of(104L, 0x01020304L), seen);
  }

  @Test
  void aHostCallbackIntoTheGuestShowsItsFramesAboveTheHostCall() {
    Store store = new Store();
    WasmFunction[] visit = new WasmFunction[1];
    // import f0(i32) -> i32 calls back into visit(x) = x * 2 ; outer(x) = f0(x + 1)
    Instance inst = new HandBuilt(store)
        .importHost(sig("i", "i"), c -> c.call(visit[0], c.argI32(0))[0])
        .func("visit", sig("i", "i"), "00 20 00 41 02 6C 0B")
        .func("outer", sig("i", "i"), "00 20 00 41 01 6A 10 00 0B")
        .build();
    visit[0] = inst.function(1);
    List<String> frames = new ArrayList<>();
    Debugger.attach(store).onEntry((GuestFunction) inst.function(1), (stop, state) -> {
      for (Frame f : state.frames()) {
        frames.add(f.isHost() ? "host" : f.functionIndex() + "@" + f.codeOffset());
      }
      return Resume.CONTINUE;
    });
    assertEquals(8, inst.call("outer", 3)[0]);
    // visit at its first instruction, the host function, outer at its call (offset 14)
    assertEquals(List.of("1@2", "host", "2@14"), frames);
  }

  @Test
  void aTrapInANestedRunIsInterceptedOnce() {
    Store store = new Store();
    WasmFunction[] inner = new WasmFunction[1];
    Instance inst = new HandBuilt(store)
        .importHost(sig("", ""), c -> c.call(inner[0]).length)
        .func("inner", sig("", ""), "00 00 0B") // unreachable
        .func("outer", sig("", ""), "00 10 00 0B")
        .build();
    inner[0] = inst.function(1);
    List<Integer> depths = new ArrayList<>();
    Debugger.attach(store).setStopListener((stop, state) -> {
      depths.add(state.frames().size());
      return Resume.CONTINUE;
    });
    Trap t = assertThrows(Trap.class, () -> inst.call("outer"));
    assertEquals(TrapKind.UNREACHABLE, t.kind());
    assertEquals(List.of(3), depths);
    assertEquals(0, store.interpreter().frames().size());
  }

  @Test
  void aShadowStackStoreIsWatchedAndTrapsAtItsOwnOffset() {
    Store store = new Store();
    // spill(x): global.get 0; local.get 0; i32.store offset=4 -- AssemblyScript's shadow stack
    // spill, one fused instruction; the store is at offset 6
    Instance inst = new HandBuilt(store).global(100).memory(1)
        .func("spill", sig("i", ""), "00 23 00 20 00 36 02 04 0B").build();
    List<String> seen = new ArrayList<>();
    Debugger d = Debugger.attach(store);
    d.watch(inst, 104, 4, (stop, state) -> {
      seen.add("write " + ((Stop.DataWritten) stop).address() + " = "
          + inst.memory().loadI32(104));
      return Resume.CONTINUE;
    });
    d.setStopListener((stop, state) -> {
      seen.add("trap @" + state.top().codeOffset());
      return Resume.CONTINUE;
    });
    inst.call("spill", 77);
    inst.global(0).set(65534);
    assertThrows(Trap.class, () -> inst.call("spill", 1));
    assertEquals(List.of("write 104 = 77", "trap @6"), seen);
  }

  @Test
  void aTrapInAFusedLoadNamesTheLoadsOffset() {
    Store store = new Store();
    // get(p) = i32.load offset=0 (local.get 0): the load at offset 4 runs fused with local.get
    Instance inst = new HandBuilt(store).memory(1).func("get", sig("i", "i"), "00 20 00 28 02 00 0B")
        .build();
    List<Integer> offsets = new ArrayList<>();
    Debugger.attach(store).setStopListener((stop, state) -> {
      offsets.add(state.top().codeOffset());
      return Resume.CONTINUE;
    });
    assertThrows(Trap.class, () -> inst.call("get", 65535));
    assertEquals(List.of(4), offsets);
  }

  @Test
  void trapsAreSeenBeforeUnwindingWithEveryFrame() {
    Store store = new Store(EngineLimits.DEFAULT);
    // f(n) = n == 0 ? 1 / 0 : f(n - 1)
    String body = "00 20 00 45 04 7F 41 01 41 00 6D 05 20 00 41 01 6B 10 00 0B 0B";
    Instance inst = new HandBuilt(store).func("f", sig("i", "i"), body).build();
    Debugger d = Debugger.attach(store);
    List<String> seen = new ArrayList<>();
    d.setStopListener((stop, state) -> {
      Trap t = ((Stop.Trapped) stop).trap();
      seen.add(t.kind() + " frames=" + state.frames().size() + " @" + state.top().codeOffset()
          + " n=" + state.frames().get(2).local(0));
      return Resume.CONTINUE;
    });
    Trap t = assertThrows(Trap.class, () -> inst.call("f", 4));
    assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, t.kind());
    assertEquals(List.of("INTEGER_DIVIDE_BY_ZERO frames=5 @11 n=2"), seen);
  }
}
