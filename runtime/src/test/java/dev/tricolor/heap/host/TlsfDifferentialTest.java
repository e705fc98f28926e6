package dev.tricolor.heap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tricolor.heap.layout.Common;
import dev.tricolor.heap.layout.Tlsf;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.host.AbortTrap;
import dev.tricolor.wasm.memory.Memory;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Differential test (1) of the host runtime: AssemblyScript's own TLSF (the {@code allocator}
 * program's thin wrappers over {@code __alloc}, {@code __realloc} and {@code __free}, compiled
 * into the module and run in the engine) and {@link HostTlsf} (on a copy of the same memory,
 * continuing the same heap) get the same random sequence of calls; after every call they must
 * have returned the same address and left byte-identical memories, size included. Sizes range
 * from 0 to past 1 MiB, so every size class, splitting, merging, moving and growth are
 * exercised; each payload is then filled with a pattern, so a move that copies the wrong bytes
 * shows.
 */
class TlsfDifferentialTest {
  private static final int SLOTS = 48;

  @ParameterizedTest(name = "{0} build, seed {1}, {2} calls")
  @CsvSource({"debug, 1, 2500", "debug, 20240617, 2500", "release, 7, 2500"})
  void randomCallsLeaveTheSameBytes(String build, long seed, int calls) {
    ModeRun guest = ModeRun.guest(build, "allocator");
    Memory gm = guest.instance.memory();
    int heapBase = (int) guest.value("heapBase");
    int root = (int) guest.globals().root();
    assertEquals(Tlsf.rootOffset(heapBase), root, "the start function initialized the guest TLSF");
    Memory jm = copy(gm);
    HostTlsf java = HostTlsf.resume(jm, heapBase, root);

    SplittableRandom random = new SplittableRandom(seed);
    int[] slots = new int[SLOTS];
    int moves = 0;
    int grows = 0;
    for (int call = 0; call < calls; call++) {
      int slot = random.nextInt(SLOTS);
      int ptr = slots[slot];
      String what;
      int pagesBefore = gm.pages();
      if (ptr == 0) {
        int size = size(random);
        what = "alloc(" + size + ")";
        int g = (int) guest.value("alloc", size);
        int j = java.alloc(size);
        assertEquals(g, j, "call " + call + ": " + what);
        slots[slot] = g;
        fill(gm, jm, g, size, call);
      } else if (random.nextInt(3) == 0) {
        what = "free(0x" + Integer.toHexString(ptr) + ")";
        guest.value("free", ptr);
        java.free(ptr);
        slots[slot] = 0;
      } else {
        int size = size(random);
        what = "realloc(0x" + Integer.toHexString(ptr) + ", " + size + ")";
        int g = (int) guest.value("realloc", ptr, size);
        int j = java.realloc(ptr, size);
        assertEquals(g, j, "call " + call + ": " + what);
        moves += g != ptr ? 1 : 0;
        slots[slot] = g;
        fill(gm, jm, g, size, call);
      }
      grows += gm.pages() > pagesBefore ? 1 : 0;
      assertSameBytes(gm, jm, "call " + call + ": " + what);
    }
    assertTrue(moves > 50, "realloc moved blocks only " + moves + " times");
    assertTrue(grows > 2, "memory grew only " + grows + " times");
  }

  @Test
  void failuresAbortAtUpstreamsAssertsAndErrors() {
    ModeRun guest = ModeRun.guest("debug", "allocator");
    int heapBase = (int) guest.value("heapBase");
    Memory jm = copy(guest.instance.memory());
    HostTlsf java = HostTlsf.resume(jm, heapBase, (int) guest.globals().root());

    int p = (int) guest.value("alloc", 40);
    assertEquals(p, java.alloc(40));
    guest.value("free", p);
    java.free(p);
    sameAbort(guest.call("free", p), () -> {
      java.free(p);
      return 0;
    }, "a double free: tlsf.ts checkUsedBlock");
    sameAbort(guest.call("realloc", p + 4, 10), () -> java.realloc(p + 4, 10),
        "a misaligned pointer: tlsf.ts checkUsedBlock");
    sameAbort(guest.call("alloc", Common.BLOCK_MAXSIZE + 1), () -> java.alloc(Common.BLOCK_MAXSIZE + 1),
        "more than BLOCK_MAXSIZE: tlsf.ts prepareSize");
    assertSameBytes(guest.instance.memory(), jm, "after the failed calls");
  }

  private static void sameAbort(ModeRun.Outcome guest, IntSupplier java, String what) {
    assertEquals("abort", guest.kind(), what);
    AbortTrap g = (AbortTrap) guest.trap();
    try {
      java.getAsInt();
      fail(what + ": the Java TLSF did not abort; AssemblyScript's did with " + g.getMessage());
    } catch (AbortTrap j) {
      assertEquals(g.getMessage(), j.getMessage(), what);
      assertEquals(g.abortMessage(), j.abortMessage(), what);
      assertEquals(g.line(), j.line(), what);
      assertEquals(g.column(), j.column(), what);
    } catch (Trap t) {
      fail(what + ": the Java TLSF trapped with " + t.getMessage() + ", not " + g.getMessage());
    }
  }

  /** Mostly small, some medium, a few past a MiB, a few zero: every first level gets used. */
  private static int size(SplittableRandom r) {
    int k = r.nextInt(100);
    if (k < 2) {
      return 0;
    }
    if (k < 60) {
      return 1 + r.nextInt(256);
    }
    if (k < 88) {
      return 257 + r.nextInt(4096);
    }
    if (k < 98) {
      return 4097 + r.nextInt(65536);
    }
    return 65537 + r.nextInt(1 << 20);
  }

  private static void fill(Memory a, Memory b, int ptr, int size, int call) {
    byte[] pattern = new byte[size];
    Arrays.fill(pattern, (byte) (call * 31 + 7));
    a.write(ptr, pattern);
    b.write(ptr, pattern);
  }

  private static Memory copy(Memory m) {
    Memory c = new Memory(m.pages(), m.limitPages());
    c.write(0, m.bytes());
    return c;
  }

  static void assertSameBytes(Memory guest, Memory java, String where) {
    assertEquals(guest.size(), java.size(), where + ": memory size");
    int at = Arrays.mismatch(guest.bytes(), java.bytes());
    if (at >= 0) {
      fail(String.format("%s: memory differs first at 0x%x: AssemblyScript's TLSF wrote 0x%02x,"
          + " the Java TLSF 0x%02x", where, at, guest.bytes()[at], java.bytes()[at]));
    }
  }
}
