package dev.tricolor.heap.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.testing.HeapDump;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * test-programs/programs/corrupt.ts overwrites one header word of a live object with
 * {@code store<u32>}, as a buggy program would; Node dumped each case (the engine's memory is the
 * same, see EngineAndNodeAgreeTest). The checker reports the broken rule at the victim's header,
 * which the program itself names: {@code smash} returns the address of the word it wrote.
 */
class CorruptProgramTest {
  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource({
    "corrupt-bad-next, 4, SPACE_LIST_BROKEN",
    "corrupt-cycle, 4, SPACE_LIST_CYCLE",
    "corrupt-prev, 8, SPACE_LIST_PREV",
    "corrupt-rtid, 12, RTID_OUT_OF_RANGE",
    "corrupt-mminfo, 0, BLOCK_WALK_INCOMPLETE",
    "corrupt-rtsize, 16, RTSIZE_EXCEEDS_BLOCK",
  })
  void checkerNamesTheVictim(String dump, int offsetOfWord, Rule rule) {
    HeapDump d = HeapDump.load(dump);
    int victim = d.result(1) - 20;
    assertEquals(victim + offsetOfWord, d.result(2), "smash wrote into the victim's header");
    HeapSnapshot heap = d.read();
    CheckReport report = HeapChecker.check(heap);
    assertTrue(report.findings().stream().anyMatch(f -> f.rule() == rule && f.address() == victim),
        () -> String.format("%s at 0x%x expected in%n%s", rule.id(), victim, report));
    heap.histogram();
    heap.gc();
  }
}
