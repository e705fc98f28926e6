package dev.tricolor.dap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.dap.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code run --runtime host}: a host-runtime build runs headless with the Java allocator and
 * collector, stops on their events, and prints the heap they keep, which is guest mode's heap
 * byte for byte (the same summary at the same stop).
 */
class RunCommandHostRuntimeTest {
  private static Path programs;

  @BeforeAll
  static void programs() {
    programs = TestPaths.repositoryRoot().resolve("test-programs");
    Assumptions.assumeTrue(Files.isRegularFile(programs.resolve("build/host/debug/list.wasm")),
        "SKIPPED: no compiled host-runtime test programs in test-programs/build/host");
  }

  /** Exit code, standard output, standard error of one {@code run}. */
  private record Result(int exit, String out, String err) {}

  private static Result run(String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of(argv));
    args.set(0, programs.resolve(argv[0]).toString());
    int exit = new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String heapPart(String stderr) {
    int at = stderr.indexOf("heap:\n");
    assertTrue(at >= 0, "a heap summary: " + stderr);
    return stderr.substring(at);
  }

  @Test
  void aHostBuildRunsToItsResult() {
    Result host = run("build/host/debug/list.wasm", "--runtime", "host", "--invoke", "build",
        "--args", "300");
    assertEquals(new Result(0, "300\n", ""), host);
    Result sum = run("build/host/release/list.wasm", "--runtime=host", "--invoke", "sum");
    assertEquals(0, sum.exit(), sum.err());
    assertEquals(run("build/release/list.wasm", "--invoke", "sum").out(), sum.out());
  }

  @Test
  void anAllocationStopPrintsTheHostRuntimesHeapWhichIsGuestModes() {
    Result host = run("build/host/debug/list.wasm", "--runtime", "host", "--invoke", "build",
        "--args", "40", "--break-on", "alloc");
    Result guest = run("build/debug/list.wasm", "--invoke", "build", "--args", "40",
        "--break-on", "alloc");
    assertEquals(1, host.exit(), host.err());
    assertEquals("", host.out());
    assertTrue(host.err().startsWith("stopped on alloc: "), host.err());
    assertTrue(host.err().contains("at rt/host/__new"), "the host runtime's __new is on the stack: "
        + host.err());
    assertEquals(1, guest.exit(), guest.err());
    assertEquals(guest.err().lines().findFirst(), host.err().lines().findFirst(), "the same event");
    assertEquals(heapPart(guest.err()), heapPart(host.err()));
  }

  @Test
  void outOfMemoryInTheJavaAllocatorStopsOnOom() {
    Result host = run("build/host/debug/oom.wasm", "--runtime", "host", "--invoke", "exhaust",
        "--args", "8192", "--break-on", "oom");
    assertEquals(1, host.exit(), host.err());
    assertTrue(host.err().startsWith("stopped on oom: "), host.err());
    assertTrue(host.err().contains("the limit is 4 pages"), host.err());
    assertTrue(heapPart(host.err()).contains("memory 262144 bytes"), host.err());
    Result trapped = run("build/host/debug/oom.wasm", "--runtime", "host", "--invoke", "exhaust",
        "--args", "8192");
    assertEquals(2, trapped.exit(), trapped.err());
  }

  @Test
  void theWrongBuildForAModeIsAUsageErrorNamingTheRightMode() {
    Result guestBuild = run("build/debug/list.wasm", "--runtime", "host", "--invoke", "count");
    assertEquals(64, guestBuild.exit());
    assertTrue(guestBuild.err().contains("has its own AssemblyScript runtime; runtime \"host\""),
        guestBuild.err());
    Result hostBuild = run("build/host/debug/list.wasm", "--invoke", "count");
    assertEquals(64, hostBuild.exit());
    assertTrue(hostBuild.err().contains("launch it with runtime \"host\""), hostBuild.err());
    Result mode = run("build/host/debug/list.wasm", "--runtime", "jvm");
    assertEquals(64, mode.exit());
    assertTrue(mode.err().contains("--runtime must be guest or host, got 'jvm'"), mode.err());
  }
}
