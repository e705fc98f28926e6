package dev.tricolor.wasm.exec;

import static dev.tricolor.wasm.exec.HandBuilt.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tricolor.wasm.debug.Debugger;
import dev.tricolor.wasm.debug.Probe;
import dev.tricolor.wasm.debug.Resume;
import dev.tricolor.wasm.debug.Watchpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the architecture promises for an unused debugger: the interpreter runs the translated code
 * itself, a breakpoint is one BREAK patched into it (taken out again on removal), and only while
 * a watchpoint or a step is active do functions run their per-instruction stepping code.
 */
class UnusedDebuggingCostsNothingTest {
  // sum(n) with (local i64 acc), as in DebuggerTest; 12 is its local.set 1
  private static final String SUM =
      "01 01 7E 03 40 20 01 20 00 AD 7C 21 01 20 00 41 01 6B 22 00 0D 00 0B 20 01 0B";
  // store(p, v): i32.store offset=4
  private static final String STORE = "00 20 00 20 01 36 02 04 0B";

  private static List<Integer> patchedPcs(GuestFunction g) {
    List<Integer> pcs = new ArrayList<>();
    for (int pc = 0; pc < g.compiled.pristine.length; pc++) {
      if (g.compiled.patched[pc] != g.compiled.pristine[pc]) {
        pcs.add(pc);
      }
    }
    return pcs;
  }

  @Test
  void aBreakpointIsOnePatchedInstructionAndRemovingItRestoresTheCode() {
    Store store = new Store();
    Instance inst = new HandBuilt(store).func("sum", sig("i", "I"), SUM).build();
    GuestFunction sum = (GuestFunction) inst.exportedFunction("sum");
    assertSame(sum.compiled.patched, sum.active, "no debugger: the translated code runs");
    assertArrayEquals(sum.compiled.pristine, sum.compiled.patched);

    Debugger d = Debugger.attach(store);
    Probe p = d.breakAt(inst, 12, (stop, state) -> Resume.CONTINUE);
    List<Integer> pcs = patchedPcs(sum);
    assertEquals(1, pcs.size(), "one instruction patched");
    assertEquals(Op.BREAK, sum.compiled.patched[pcs.get(0)]);
    assertEquals(6L, inst.call("sum", 3)[0]);
    assertSame(sum.compiled.patched, sum.active, "a breakpoint needs no stepping code");

    p.remove();
    assertArrayEquals(sum.compiled.pristine, sum.compiled.patched, "the BREAK is gone");
    d.detach();
    assertEquals(6L, inst.call("sum", 3)[0]);
    assertSame(sum.compiled.patched, sum.active);
  }

  @Test
  void steppingCodeRunsOnlyWhileAWatchpointIsSet() {
    Store store = new Store();
    Instance inst = new HandBuilt(store).memory(1).func("st", sig("ii", ""), STORE).build();
    GuestFunction st = (GuestFunction) inst.exportedFunction("st");
    Debugger d = Debugger.attach(store);
    List<Long> writes = new ArrayList<>();
    Watchpoint w = d.watch(inst, 104, 4, (stop, state) -> {
      writes.add((long) inst.memory().loadI32(104));
      return Resume.CONTINUE;
    });
    inst.call("st", 100, 7);
    assertEquals(List.of(7L), writes);
    assertNotSame(st.compiled.patched, st.active, "watching checks every instruction");

    w.remove();
    inst.call("st", 100, 8); // the next run picks up the change
    assertEquals(List.of(7L), writes);
    assertSame(st.compiled.patched, st.active, "no watchpoint: back to the translated code");
    assertArrayEquals(st.compiled.pristine, st.compiled.patched);
  }
}
