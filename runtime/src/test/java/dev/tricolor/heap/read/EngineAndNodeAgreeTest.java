package dev.tricolor.heap.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tricolor.heap.check.CheckReport;
import dev.tricolor.heap.check.HeapChecker;
import dev.tricolor.heap.testing.EngineRun;
import dev.tricolor.heap.testing.HeapDump;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every heap dump Node made (test-programs/heap-dumps) against the same program run in the
 * engine, stopped by a function-entry probe at the same point: the same memory byte for byte,
 * the same runtime globals, the same results so far, and so the same readings and findings.
 */
class EngineAndNodeAgreeTest {
  @TestFactory
  Stream<DynamicTest> engineSeesTheHeapNodeSaw() {
    return EngineRun.specs().stream().map(spec -> DynamicTest.dynamicTest(
        (String) spec.get("name"), () -> compare(spec)));
  }

  private static void compare(Map<String, Object> spec) throws Exception {
    String name = (String) spec.get("name");
    HeapDump node = HeapDump.load(name);
    EngineRun.Result engine = EngineRun.run(spec);
    assertEquals(node.runtimeGlobals(), engine.globals(), "runtime globals");
    assertEquals(node.results(), engine.results(), "results of the calls before the point");
    assertArrayEquals(node.memory(), engine.memory(), "linear memory");

    HeapSnapshot fromNode = node.read();
    HeapSnapshot fromEngine = engine.read();
    CheckReport n = HeapChecker.check(fromNode);
    CheckReport e = HeapChecker.check(fromEngine);
    assertEquals(n.findings(), e.findings());
    // the same bytes read the same; what makes the findings worth comparing is what they say:
    // errors exactly on the dumps of the program that corrupts its own heap
    assertEquals(name.startsWith("corrupt-"), e.errors() > 0, () -> name + ": " + e);
    assertEquals(fromNode.allocator(), fromEngine.allocator());
    assertEquals(counts(fromNode), counts(fromEngine), "objects per class and color");
  }

  private static List<String> counts(HeapSnapshot h) {
    return h.histogram().entries().stream()
        .map(x -> x.rtId() + ":" + x.count() + ":" + x.bytes() + ":" + java.util.Arrays.toString(x.colors()))
        .toList();
  }
}
