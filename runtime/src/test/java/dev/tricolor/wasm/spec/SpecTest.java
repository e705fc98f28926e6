package dev.tricolor.wasm.spec;

import dev.tricolor.testing.Json;
import dev.tricolor.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * The official WebAssembly spec test scripts ({@code ../shared/wasm-testsuite}, next to the
 * repository), converted with wast2json into {@code runtime/target/spec-json/} and replayed
 * against the engine: one dynamic test per command, one container per script. What does not
 * run is in {@link SpecSkips}, with the reason; every other command must pass. Prints the
 * passed / failed / skipped counts of every script at the end (also written to
 * {@code runtime/target/spec-json/summary.txt}).
 */
class SpecTest {
  /** A command running longer than this is stopped and fails: a hang must not stall the build. */
  private static final long COMMAND_TIMEOUT_SECONDS = 60;

  private static final Map<String, int[]> COUNTS = new TreeMap<>();
  private static final Map<String, String> SKIPPED_SCRIPTS = new TreeMap<>();
  private static final List<String> NOTES = new ArrayList<>();
  private static Path outDir;

  private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "spec-watchdog");
    t.setDaemon(true);
    return t;
  });

  static {
    WATCHDOG.setRemoveOnCancelPolicy(true);
  }

  @TestFactory
  Stream<DynamicNode> specScripts() throws IOException {
    Path suite = RepositoryFiles.specTestsuite();
    if (!Files.isDirectory(suite)) {
      return skipAll("spec test suite not found at " + suite + " (expected ../shared/wasm-testsuite next to the repository): spec tests skipped");
    }
    String noTool = Wast2Json.unavailableReason();
    if (noTool != null) {
      return skipAll(noTool + ": spec tests skipped");
    }
    outDir = RepositoryFiles.root().resolve("runtime/target/spec-json");
    Wast2Json converter = new Wast2Json(outDir);

    // Convert in the background (two at a time) while earlier scripts run.
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "wast2json");
      t.setDaemon(true);
      return t;
    });
    List<DynamicNode> scripts = new ArrayList<>();
    for (Path script : SpecScripts.list(suite)) {
      String name = SpecScripts.scriptName(script);
      SpecSkips.Skip skip = SpecSkips.scriptSkip(name);
      if (skip != null) {
        SKIPPED_SCRIPTS.put(name, skip.reason());
        scripts.add(DynamicTest.dynamicTest(name + ".wast", () -> Assumptions.abort(skip.reason())));
        continue;
      }
      Future<Path> json = pool.submit(() -> converter.convert(script));
      scripts.add(DynamicContainer.dynamicContainer(name + ".wast", commands(name, json)));
    }
    pool.shutdown();
    return scripts.stream();
  }

  private static Stream<DynamicNode> skipAll(String why) {
    System.err.println("SpecTest: " + why);
    NOTES.add(why);
    return Stream.of(DynamicTest.dynamicTest("wasm spec tests", () -> Assumptions.abort(why)));
  }

  /** The commands of one script, read when JUnit gets to the script. */
  @SuppressWarnings("unchecked")
  private static Stream<DynamicNode> commands(String name, Future<Path> conversion) {
    return Stream.of(conversion)
        .flatMap(
            f -> {
              int[] counts = COUNTS.computeIfAbsent(name, k -> new int[3]);
              Path json;
              Map<String, Object> doc;
              try {
                json = f.get();
                doc = (Map<String, Object>) Json.parse(Files.readString(json, StandardCharsets.UTF_8));
              } catch (ExecutionException | InterruptedException | IOException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                counts[1]++;
                return Stream.of(
                    DynamicTest.dynamicTest("convert " + name + ".wast", () -> {
                      throw new AssertionError(cause.getMessage(), cause);
                    }));
              }
              TricolorScriptEngine engine = new TricolorScriptEngine();
              ScriptRunner runner = new ScriptRunner(name, json.getParent(), engine);
              Stream<DynamicNode> commands =
                  ((List<Object>) doc.get("commands"))
                      .stream()
                      .map(o -> (Map<String, Object>) o)
                      .map(c -> DynamicTest.dynamicTest(ScriptRunner.describe(c), () -> run(runner, engine, c, counts)));
              if (SpecSkips.knownFailures(name).isEmpty()) {
                return commands;
              }
              return Stream.concat(
                  commands,
                  Stream.of(DynamicTest.dynamicTest("known failures still fail", runner::checkKnownFailuresStillFail)));
            });
  }

  private static void run(ScriptRunner runner, ScriptEngine engine, Map<String, Object> command, int[] counts) {
    ScheduledFuture<?> watchdog = WATCHDOG.schedule(engine::stop, COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    try {
      runner.run(command);
      counts[0]++;
    } catch (TestAbortedException e) {
      counts[2]++;
      throw e;
    } catch (Throwable e) {
      counts[1]++;
      throw e;
    } finally {
      watchdog.cancel(false);
      engine.resume();
    }
  }

  @AfterAll
  static void printCounts() throws IOException {
    StringBuilder sb = new StringBuilder("WebAssembly spec scripts: passed / failed / skipped\n");
    int[] total = new int[3];
    for (Map.Entry<String, int[]> e : COUNTS.entrySet()) {
      int[] c = e.getValue();
      sb.append(String.format("  %-32s %6d %6d %6d%n", e.getKey() + ".wast", c[0], c[1], c[2]));
      for (int i = 0; i < 3; i++) {
        total[i] += c[i];
      }
    }
    sb.append(String.format("  %-32s %6d %6d %6d%n", "total", total[0], total[1], total[2]));
    if (!SKIPPED_SCRIPTS.isEmpty()) {
      sb.append("skipped scripts:\n");
      SKIPPED_SCRIPTS.forEach((k, v) -> sb.append("  ").append(k).append(".wast: ").append(v).append('\n'));
    }
    sb.append("the skip list (SpecSkips):\n");
    SpecSkips.SKIPS.forEach(s -> sb.append("  ").append(s.kind()).append(' ').append(s).append('\n'));
    NOTES.forEach(n -> sb.append(n).append('\n'));
    System.out.print(sb);
    if (outDir != null) {
      Files.createDirectories(outDir);
      Files.writeString(outDir.resolve("summary.txt"), sb.toString());
    }
  }
}
