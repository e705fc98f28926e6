package dev.tricolor.wasm.exec;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.testing.RepositoryFiles;
import dev.tricolor.wasm.binary.MalformedModuleException;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.host.AscHost;
import dev.tricolor.wasm.model.WasmModule;
import dev.tricolor.wasm.validate.InvalidModuleException;
import dev.tricolor.wasm.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real asc output with random bytes changed, taken as far as it goes: the corruptions that still
 * decode and validate are instantiated (data and element segments placed, bodies translated,
 * the start function run). Each ends in a result, a typed error (malformed, invalid, link error)
 * or a trap that is not a host function failing on guest data; a start function that a changed
 * byte sent into an endless loop is ended by a terminate request. Never another exception.
 */
class CorruptedProgramsRunTest {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void corruptedProgramsInstantiateOrFailWithTypedErrors() throws IOException {
    Path dir = RepositoryFiles.testProgramsBuild().resolve("debug");
    assertTrue(Files.isDirectory(dir), "no compiled test programs in " + dir + " (they are committed)");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".wasm") && !p.endsWith("big.wasm")).sorted().toList();
    }
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "terminate-watchdog");
      t.setDaemon(true);
      return t;
    });
    Random random = new Random(20261124);
    int instantiated = 0;
    int trapped = 0;
    int typed = 0;
    try {
      for (Path f : files) {
        byte[] good = Files.readAllBytes(f);
        for (int k = 0; k < 60; k++) {
          byte[] bad = good.clone();
          for (int i = 1 + random.nextInt(2); i > 0; i--) {
            bad[8 + random.nextInt(bad.length - 8)] = (byte) random.nextInt(256);
          }
          WasmModule m;
          try {
            m = ModuleParser.parse(bad);
            Validator.validate(m);
          } catch (MalformedModuleException | InvalidModuleException e) {
            typed++;
            continue;
          }
          Store store = new Store(EngineLimits.DEFAULT.withMemoryLimitPages(256));
          ScheduledFuture<?> stop =
              watchdog.schedule(store.interpreter()::requestTerminate, 300, TimeUnit.MILLISECONDS);
          try {
            Instance.instantiate(store, m, new AscHost().out(s -> {}).err(s -> {}).imports(store));
            instantiated++;
          } catch (LinkException | Terminated e) {
            typed++;
          } catch (Trap t) {
            trapped++;
            String where = f.getFileName() + " corruption " + k;
            assertNotEquals(TrapKind.HOST_ERROR, t.kind(), () -> where + ": a host function failed: " + t.getCause());
          } finally {
            stop.cancel(false);
          }
        }
      }
    } finally {
      watchdog.shutdownNow();
    }
    int all = instantiated + trapped + typed;
    assertTrue(instantiated > 0 && typed > 0,
        "of " + all + ": " + instantiated + " instantiated, " + trapped + " trapped, " + typed + " typed errors");
  }
}
