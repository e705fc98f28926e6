package dev.tricolor.wasm.validate;

import static org.junit.jupiter.api.Assertions.*;

import dev.tricolor.wasm.RepositoryFiles;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.model.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every asc build in test-programs/build is valid. */
class CorpusValidationTest {
  @Test
  void everyCompiledTestProgramValidates() throws IOException {
    Path dir = RepositoryFiles.testProgramsBuild();
    Assumptions.assumeTrue(Files.isDirectory(dir), "no compiled test programs in " + dir);
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
}
