package dev.tricolor.heap.host;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Host calls are a hot path: once warm, allocating, linking, marking and sweeping allocate
 * nothing on the Java heap. Counted with the JVM's per-thread allocation counter (bytes, not
 * time), over a whole benchmark run of hundreds of thousands of {@code __new}s.
 */
class HostRuntimeAllocationTest {
  @Test
  void binarytreesAllocatesNothingInJavaPerObject() {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "SKIPPED: this JVM does not count allocated bytes per thread");
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ModeRun run = ModeRun.host("release", "bench/binarytrees");
    run.value("run", 10); // warm-up: memory grows, classes load
    long before = mx.getCurrentThreadAllocatedBytes();
    long nodes = run.value("run", 10); // every node it checks, so at least as many __new calls
    long bytes = mx.getCurrentThreadAllocatedBytes() - before;
    assertTrue(nodes > 50_000, "nodes " + nodes);
    assertTrue(bytes < nodes / 10, bytes + " bytes allocated in Java for " + nodes + " objects");
  }
}
