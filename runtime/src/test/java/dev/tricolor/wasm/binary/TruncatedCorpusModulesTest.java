package dev.tricolor.wasm.binary;

import static org.junit.jupiter.api.Assertions.*;

import dev.tricolor.testing.RepositoryFiles;
import dev.tricolor.wasm.model.WasmModule;
import dev.tricolor.wasm.validate.InvalidModuleException;
import dev.tricolor.wasm.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real asc output cut short at every byte offset: each prefix is rejected with a
 * {@link MalformedModuleException} whose offset lies inside the prefix, or (cut exactly between
 * two sections) decodes to a smaller module that validates or fails validation with a typed
 * error. Never another exception, never a hang.
 */
class TruncatedCorpusModulesTest {
  /** The spec's words for a module that ends too early, in its various places. */
  private static final List<String> CUT_SHORT =
      List.of(
          "unexpected end",
          "length out of bounds",
          "function and code section have inconsistent lengths",
          "data count and data section have inconsistent lengths");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"debug/list.wasm", "release/collections.wasm"})
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyPrefixIsRejectedWithAnOffsetInsideIt(String program) throws IOException {
    Path file = RepositoryFiles.testProgramsBuild().resolve(program);
    assertTrue(Files.isRegularFile(file), "no compiled test program " + file + " (they are committed)");
    byte[] good = Files.readAllBytes(file);
    int decoded = 0;
    for (int cut = 0; cut < good.length; cut++) {
      byte[] prefix = Arrays.copyOf(good, cut);
      try {
        WasmModule m = ModuleParser.parse(prefix);
        decoded++;
        try {
          Validator.validate(m);
        } catch (InvalidModuleException e) {
          // a prefix ending between the function and the code section, for one
        }
      } catch (MalformedModuleException e) {
        int at = cut;
        assertTrue(e.offset() >= 0 && e.offset() <= cut, () -> "cut at " + at + ": " + e.getMessage());
        assertTrue(
            CUT_SHORT.stream().anyMatch(e.problem()::startsWith),
            () -> "cut at " + at + ", not a cut-short message: " + e.getMessage());
      }
    }
    assertTrue(decoded < 20, "only prefixes ending between sections decode: " + decoded);
  }
}
