package dev.tricolor.heap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.layout.Common;
import dev.tricolor.heap.layout.Itcms;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.Space;
import dev.tricolor.wasm.exec.TrapKind;
import dev.tricolor.wasm.memory.Memory;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The host runtime on a heap the program corrupted: every call ends, with a result or a trap the
 * guest runtime could give (an assert's abort, an out-of-bounds access, or, where upstream would
 * loop forever, a trap naming the broken list), never with a Java exception of its own and
 * never by hanging the program thread.
 */
class HostRuntimeCorruptionTest {
  /** A host graph with live nodes, garbage and pins, and the heap as read now. */
  private static ModeRun populated(long seed) {
    ModeRun run = ModeRun.host("debug", "graph");
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 40; i++) {
      run.value("create", r.nextInt(8), i);
      run.value("link", r.nextInt(8), r.nextInt(8), r.nextInt(3));
      run.value("label", r.nextInt(8), i);
    }
    run.value("spray", 1, 50, 1000);
    run.value("pin", 2);
    run.value("drop", 3);
    return run;
  }

  @Test
  void aCycleInAGcListEndsInATrapNotALoop() {
    ModeRun run = populated(1);
    HeapSnapshot h = run.heap();
    int victim = -1;
    for (int i = 0; i < h.objectCount(); i++) {
      if (h.space(i) == Space.FROM && !h.isStatic(i)) {
        victim = h.address(i);
      }
    }
    assertTrue(victim > 0, "an object on fromSpace");
    Memory m = run.instance.memory();
    int nwc = m.loadI32(victim + Itcms.NEXT_WITH_COLOR_OFFSET);
    m.storeI32(victim + Itcms.NEXT_WITH_COLOR_OFFSET, victim | (nwc & Itcms.COLOR_MASK));
    ModeRun.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      ModeRun.Outcome last = null;
      for (int i = 0; i < 3 && (last == null || last.kind().equals("return")); i++) {
        last = run.call("collect");
      }
      return last;
    });
    assertTrue(!o.kind().equals("return"), "three collections over a cyclic list: " + o);
    assertNull(o.trap().getCause(), "no Java exception of the runtime's own: " + o.trap());
  }

  @Test
  void randomDamageToHeadersEndsEveryCall() {
    SplittableRandom r = new SplittableRandom(7);
    TreeMap<String, Integer> outcomes = new TreeMap<>();
    for (int c = 0; c < 120; c++) {
      ModeRun run = populated(c);
      HeapSnapshot h = run.heap();
      Memory m = run.instance.memory();
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        int obj = h.address(r.nextInt(h.objectCount()));
        int word = obj + 4 * r.nextInt(Common.TOTAL_OVERHEAD / 4);
        int value = switch (r.nextInt(4)) {
          case 0 -> r.nextInt();
          case 1 -> h.address(r.nextInt(h.objectCount())) | r.nextInt(4); // another object
          case 2 -> m.loadI32(word) ^ (1 << r.nextInt(32)); // one bit
          default -> 0;
        };
        m.storeI32(word, value);
      }
      int seed = c;
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        for (String[] call : new String[][] {{"collect"}, {"spray", "4", "40"}, {"collect"},
            {"create", "5"}, {"reachable"}}) {
          long[] args = call.length == 1 ? new long[0]
              : call.length == 2 ? new long[] {Long.parseLong(call[1]), 7}
              : new long[] {Long.parseLong(call[1]), Long.parseLong(call[2]), 9000};
          ModeRun.Outcome o = run.call(call[0], args);
          if (!o.kind().equals("return")) {
            assertNull(o.trap().getCause(), "case " + seed + " " + call[0]
                + ": a Java exception of the runtime's own: " + o.trap());
            String kind = o.kind().equals("abort") ? "abort" : o.trap().kind().name();
            outcomes.merge(kind, 1, Integer::sum);
            return;
          }
        }
        outcomes.merge("returned", 1, Integer::sum);
      }, "case " + c + " hangs");
    }
    assertTrue(outcomes.getOrDefault("abort", 0) > 0, outcomes.toString());
    assertEquals(120, outcomes.values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(outcomes.keySet().stream().allMatch(k -> k.equals("returned") || k.equals("abort")
        || k.equals(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS.name()) || k.equals(TrapKind.HOST_ERROR.name())
        || k.equals(TrapKind.UNREACHABLE.name())), outcomes.toString());
  }
}
