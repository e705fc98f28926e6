package dev.tricolor.wasm.debug;

import static dev.tricolor.wasm.exec.HandBuilt.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tricolor.wasm.exec.ExecutionHook;
import dev.tricolor.wasm.exec.Frame;
import dev.tricolor.wasm.exec.GuestFunction;
import dev.tricolor.wasm.exec.HandBuilt;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Interpreter;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.TrapKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A debugger calls a guest function while the program is stopped (the adapter's {@code :collect}
 * runs {@code __collect} so): the call runs nested above the stopped frame, and the stopped
 * program goes on afterwards as if nothing had run, even when the call traps.
 */
class InvokeWhileStoppedTest {
  // sum(n) with (local i64 acc), as in DebuggerTest: offset 12 is the local.set 1 of the loop.
  private static final String SUM =
      "01 01 7E 03 40 20 01 20 00 AD 7C 21 01 20 00 41 01 6B 22 00 0D 00 0B 20 01 0B";
  // twice(x) = x * 2; starts at offset 27, after sum.
  private static final String TWICE = "00 20 00 41 02 6C 0B";
  // quotient() = 1 / 0
  private static final String DIVIDE_BY_ZERO = "00 41 01 41 00 6D 0B";

  private final Store store = new Store();
  private final Instance inst = new HandBuilt(store)
      .func("sum", sig("i", "I"), SUM)
      .func("twice", sig("i", "i"), TWICE)
      .func("quotient", sig("", "i"), DIVIDE_BY_ZERO)
      .build();
  private final Debugger debugger = Debugger.attach(store);

  /** What the listener saw of the stopped frame before and after its call. */
  private record Seen(int offset, long acc, long[] operands) {
    static Seen of(Frame f) {
      return new Seen(f.codeOffset(), f.local(1), f.operands());
    }
  }

  /** Calls {@code f} with the debugger's hook detached, as a debugger does that wants no stops. */
  private static long[] quietly(Interpreter in, GuestFunction f, long... args) {
    ExecutionHook hook = in.hook();
    in.setHook(null);
    try {
      return in.invoke(f, args);
    } finally {
      in.setHook(hook);
    }
  }

  @Test
  void aCallAtAStopReturnsItsResultAndTheProgramGoesOnUnchanged() {
    GuestFunction twice = (GuestFunction) inst.exportedFunction("twice");
    List<Long> results = new ArrayList<>();
    List<Seen> before = new ArrayList<>();
    List<Seen> after = new ArrayList<>();
    debugger.breakAt(inst, 12, (stop, state) -> {
      Interpreter in = state.interpreter();
      before.add(Seen.of(in.frames().get(0)));
      results.add(quietly(in, twice, 21 + results.size())[0]);
      after.add(Seen.of(in.frames().get(0)));
      return Resume.CONTINUE;
    });
    assertEquals(6L, inst.call("sum", 3)[0]);
    assertEquals(List.of(42L, 44L, 46L), results);
    assertEquals(3, before.size());
    for (int i = 0; i < before.size(); i++) {
      assertEquals(12, after.get(i).offset());
      assertEquals(before.get(i).acc(), after.get(i).acc());
      assertArrayEquals(before.get(i).operands(), after.get(i).operands());
    }
  }

  @Test
  void aCallThatTrapsLeavesTheStoppedProgramAsItWas() {
    GuestFunction quotient = (GuestFunction) inst.exportedFunction("quotient");
    List<TrapKind> traps = new ArrayList<>();
    debugger.breakAt(inst, 12, (stop, state) -> {
      Trap t = assertThrows(Trap.class, () -> quietly(state.interpreter(), quotient));
      traps.add(t.kind());
      return Resume.CONTINUE;
    });
    assertEquals(10L, inst.call("sum", 4)[0]);
    assertEquals(List.of(TrapKind.INTEGER_DIVIDE_BY_ZERO, TrapKind.INTEGER_DIVIDE_BY_ZERO,
        TrapKind.INTEGER_DIVIDE_BY_ZERO, TrapKind.INTEGER_DIVIDE_BY_ZERO), traps);
  }

  @Test
  void withTheHookAttachedTheCallsFramesShowAboveTheStoppedFrame() {
    GuestFunction twice = (GuestFunction) inst.exportedFunction("twice");
    List<List<Integer>> stacks = new ArrayList<>();
    debugger.onEntry(twice, (stop, state) -> {
      List<Integer> offsets = new ArrayList<>();
      for (Frame f : state.frames()) {
        offsets.add(f.codeOffset());
      }
      stacks.add(offsets);
      return Resume.CONTINUE;
    });
    Probe p = debugger.breakAt(inst, 12, (stop, state) -> {
      assertEquals(8L, state.interpreter().invoke(twice, 4)[0]);
      return Resume.CONTINUE;
    });
    assertEquals(1L, inst.call("sum", 1)[0]);
    p.remove();
    // twice's first instruction (offset 28: its locals vector is at 27), then sum stopped at 12.
    assertEquals(List.of(List.of(28, 12)), stacks);
  }
}
