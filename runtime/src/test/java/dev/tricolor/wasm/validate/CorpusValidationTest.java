package dev.tricolor.wasm.validate;

import static org.junit.jupiter.api.Assertions.*;

import dev.tricolor.testing.RepositoryFiles;
import dev.tricolor.wasm.binary.MalformedModuleException;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.model.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every asc build in test-programs/build is valid; corrupted ones fail with typed errors only. */
class CorpusValidationTest {
  @Test
  void everyCompiledTestProgramValidates() throws IOException {
    Path dir = RepositoryFiles.testProgramsBuild();
    assertTrue(Files.isDirectory(dir), "no compiled test programs in " + dir + " (they are committed)");
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    for (Path f : files) {
      WasmModule m = ModuleParser.parse(Files.readAllBytes(f));
      ValidationResult r = Validator.validate(m);
      assertEquals(m.bodies().size(), r.maxStackHeights().length, f.toString());
    }
  }

  /**
   * Random byte corruptions of real asc output: each one decodes and validates, or fails with
   * MalformedModuleException or InvalidModuleException that says where (a file offset; for an
   * invalid body always one), never another exception or a hang.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void corruptedProgramsFailWithTypedErrorsOnly() throws IOException {
    Path dir = RepositoryFiles.testProgramsBuild().resolve("debug");
    assertTrue(Files.isDirectory(dir), "no compiled test programs in " + dir + " (they are committed)");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
    }
    Random random = new Random(20240601);
    int parsed = 0;
    int rejected = 0;
    for (Path f : files) {
      byte[] good = Files.readAllBytes(f);
      for (int k = 0; k < 100; k++) {
        byte[] bad = good.clone();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          bad[8 + random.nextInt(bad.length - 8)] = (byte) random.nextInt(256);
        }
        try {
          WasmModule m = ModuleParser.parse(bad);
          parsed++;
          Validator.validate(m);
        } catch (MalformedModuleException e) {
          rejected++;
          assertTrue(e.offset() >= 8 && e.offset() <= bad.length, () -> f + ": " + e.getMessage());
        } catch (InvalidModuleException e) {
          rejected++;
          assertTrue(e.offset() < bad.length, () -> f + ": " + e.getMessage());
          assertTrue(e.offset() >= 0 || e.functionIndex() < 0, () -> f + ", code without an offset: " + e.getMessage());
        }
      }
    }
    assertTrue(parsed > 0 && rejected > 0, "parsed " + parsed + ", rejected " + rejected);
  }
}
