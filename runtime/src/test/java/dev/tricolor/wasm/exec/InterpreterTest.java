package dev.tricolor.wasm.exec;

import static dev.tricolor.wasm.exec.HandBuilt.sig;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InterpreterTest {
  // fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
  private static final String FIB =
      "00 20 00 41 02 48 04 7F 20 00 05 20 00 41 01 6B 10 00 20 00 41 02 6B 10 00 6A 0B 0B";

  // sum(n): (local i64 acc) loop: acc += n; n -= 1; br_if n != 0; acc
  private static final String SUM =
      "01 01 7E 03 40 20 01 20 00 AD 7C 21 01 20 00 41 01 6B 22 00 0D 00 0B 20 01 0B";

  @Test
  void recursiveCallsReturnThroughTheEngineFrameStack() {
    Instance inst = new HandBuilt(new Store()).func("fib", sig("i", "i"), FIB).build();
    assertEquals(6765, (int) inst.call("fib", 20)[0]);
    assertEquals(1, (int) inst.call("fib", 1)[0]);
  }

  @Test
  void loopsBranchBackAndKeepI64Locals() {
    Instance inst = new HandBuilt(new Store()).func("sum", sig("i", "I"), SUM).build();
    assertEquals(5_000_050_000L, inst.call("sum", 100_000)[0]);
  }

  @Test
  void brTablePicksTheEntryOrTheDefault() {
    // (block (block (block (br_table 0 1 2 (local.get 0))) (return (i32.const 10)))
    //   (return (i32.const 11))) (i32.const 12)
    String body = "00 02 40 02 40 02 40 20 00 0E 02 00 01 02 0B 41 0A 0F 0B 41 0B 0F 0B 41 0C 0B";
    Instance inst = new HandBuilt(new Store()).func("t", sig("i", "i"), body).build();
    assertEquals(10, (int) inst.call("t", 0)[0]);
    assertEquals(11, (int) inst.call("t", 1)[0]);
    assertEquals(12, (int) inst.call("t", 2)[0]);
    assertEquals(12, (int) inst.call("t", -1)[0]);
  }

  @Test
  void blockResultsMoveDownOnBranch() {
    // (block (result i32) (i32.const 1) (i32.const 7) (br_if 0 (local.get 0)) (drop) (drop)
    //   (i32.const 9))  -- the br_if keeps 7 and drops the 1 under it
    String body = "00 02 7F 41 01 41 07 20 00 0D 00 1A 1A 41 09 0B 0B";
    Instance inst = new HandBuilt(new Store()).func("t", sig("i", "i"), body).build();
    assertEquals(7, (int) inst.call("t", 1)[0]);
    assertEquals(9, (int) inst.call("t", 0)[0]);
  }

  @Test
  void divisionByZeroTrapsWithTheSpecWords() {
    String body = "00 20 00 20 01 6D 0B";
    Instance inst = new HandBuilt(new Store()).func("div", sig("ii", "i"), body).build();
    assertEquals(-3, (int) inst.call("div", -7, 2)[0]);
    Trap t = assertThrows(Trap.class, () -> inst.call("div", 1, 0));
    assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, t.kind());
    Trap o = assertThrows(Trap.class, () -> inst.call("div", Integer.MIN_VALUE, -1));
    assertEquals("integer overflow", o.getMessage());
  }

  @Test
  void unboundedRecursionEndsInCallStackExhausted() {
    String body = "00 20 00 10 00 0B"; // f(x) = f(x)
    Store store = new Store(EngineLimits.DEFAULT.withMaxCallDepth(500));
    Instance inst = new HandBuilt(store).func("f", sig("i", "i"), body).build();
    Trap t = assertThrows(Trap.class, () -> inst.call("f", 1));
    assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind());
    // The store is usable again after the trap.
    Instance fib = new HandBuilt(store).func("fib", sig("i", "i"), FIB).build();
    assertEquals(55, (int) fib.call("fib", 10)[0]);
  }

  // d(n) = n == 0 ? 0 : d(n - 1) + 1: n + 1 guest frames deep
  private static final String COUNTDOWN =
      "00 20 00 45 04 7F 41 00 05 20 00 41 01 6B 10 00 41 01 6A 0B 0B";

  @Test
  void theCallDepthLimitIsTheConfiguredOne() {
    Store store = new Store(EngineLimits.DEFAULT.withMaxCallDepth(500));
    Instance inst = new HandBuilt(store).func("d", sig("i", "i"), COUNTDOWN).build();
    // d(n) nests n calls under the entry frame: 500 are allowed, the 501st traps
    assertEquals(500, (int) inst.call("d", 500)[0]);
    Trap t = assertThrows(Trap.class, () -> inst.call("d", 501));
    assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind());
    assertEquals("call stack exhausted", t.getMessage());
  }

  @Test
  void theValueStackLimitEndsRecursionLikeTheDepthLimit() {
    // each d frame holds its parameter and at most two operands: 1024 slots end it far below
    // the depth limit of 100,000, and the store runs again afterwards
    Store store = new Store(new EngineLimits(100_000, 1024, 16));
    Instance inst = new HandBuilt(store).func("d", sig("i", "i"), COUNTDOWN).build();
    assertEquals(200, (int) inst.call("d", 200)[0]);
    Trap t = assertThrows(Trap.class, () -> inst.call("d", 2000));
    assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind());
    assertEquals(200, (int) inst.call("d", 200)[0]);
  }

  @Test
  void guestRecursionDoesNotUseTheJavaStack() {
    // Far deeper than a Java thread's default stack could hold with one Java frame per guest
    // call, on a thread with a small stack: the frames live in the engine's own arrays.
    Store store = new Store(EngineLimits.DEFAULT.withMaxCallDepth(300_000));
    Instance inst = new HandBuilt(store).func("d", sig("i", "i"), COUNTDOWN).build();
    int[] result = new int[1];
    Throwable[] failure = new Throwable[1];
    Thread small = new Thread(null, () -> {
      try {
        result[0] = (int) inst.call("d", 250_000)[0];
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "small-stack", 256 * 1024);
    small.start();
    assertDoesNotThrow(() -> small.join());
    assertNull(failure[0], () -> "failed with " + failure[0]);
    assertEquals(250_000, result[0]);
  }

  @Test
  void deepButBoundedRecursionGrowsTheValueStack() {
    Instance inst = new HandBuilt(new Store()).func("fib", sig("i", "i"), FIB).build();
    // depth 25 is small; use a countdown of depth 9000 instead: f(n) = n == 0 ? 0 : f(n-1) + 1
    String body = "00 20 00 45 04 7F 41 00 05 20 00 41 01 6B 10 00 41 01 6A 0B 0B";
    Instance deep = new HandBuilt(inst.store()).func("d", sig("i", "i"), body).build();
    assertEquals(9000, (int) deep.call("d", 9000)[0]);
  }

  @Test
  void hostFunctionsReceiveArgumentsAndReturnResults() {
    // import f0(i32, f64) -> f64 ; g(x) = f0(x, 1.5)
    String body = "00 20 00 44 00 00 00 00 00 00 F8 3F 10 00 0B";
    Instance inst = new HandBuilt(new Store())
        .importHost(sig("iF", "F"), c -> Values.f64(c.argI32(0) * c.argF64(1)))
        .func("g", sig("i", "F"), body)
        .build();
    assertEquals(6.0, Values.asF64(inst.call("g", 4)[0]));
  }

  @Test
  void hostExceptionsBecomeHostErrorTraps() {
    String body = "00 20 00 44 00 00 00 00 00 00 F8 3F 10 00 0B";
    Instance inst = new HandBuilt(new Store())
        .importHost(sig("iF", "F"), c -> {
          throw new IllegalStateException("boom");
        })
        .func("g", sig("i", "F"), body)
        .build();
    Trap t = assertThrows(Trap.class, () -> inst.call("g", 4));
    assertEquals(TrapKind.HOST_ERROR, t.kind());
    assertEquals(IllegalStateException.class, t.getCause().getClass());
  }

  @Test
  void memoryAccessesAreBoundsCheckedWithTheAddressInTheTrap() {
    // store(i32 p, i32 v) then load back
    String body = "00 20 00 20 01 36 02 04 20 00 28 02 04 0B";
    Instance inst = new HandBuilt(new Store()).memory(1).func("sl", sig("ii", "i"), body).build();
    assertEquals(42, (int) inst.call("sl", 100, 42)[0]);
    assertEquals(0x2a, inst.memory().bytes()[104]);
    Trap t = assertThrows(Trap.class, () -> inst.call("sl", 65530, 1));
    assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, t.kind());
    assertEquals(65534, t.address());
    assertEquals(4, t.accessSize());
    assertEquals(65536, t.memorySize());
    assertEquals("out of bounds memory access: 4 bytes at 0xfffe (memory is 65536 bytes)", t.getMessage());
  }

  @Test
  void memoryGrowBeyondTheLimitIsRefusedWithMinusOne() {
    // grow(n) = memory.grow(n); size() = memory.size
    Instance inst = new HandBuilt(new Store()).memory(1)
        .func("grow", sig("i", "i"), "00 20 00 40 00 0B")
        .func("size", sig("", "i"), "00 3F 00 0B")
        .build();
    assertEquals(1, (int) inst.call("grow", 2)[0]);
    assertEquals(3, (int) inst.call("size")[0]);
    assertEquals(-1, (int) inst.call("grow", 98)[0]); // the hand-built limit is 100 pages
    assertEquals(3, (int) inst.call("size")[0]);
    assertEquals(3, (int) inst.call("grow", 97)[0]);
    assertEquals(100 * 65536, inst.memory().size());
  }
}
