package dev.tricolor.heap.testing;

import dev.tricolor.testing.RepositoryFiles;
import java.nio.file.Path;

/** The corpus of compiled test programs, {@code test-programs/} in the repository. */
public final class TestPrograms {
  private TestPrograms() {}

  public static Path root() {
    return RepositoryFiles.testPrograms();
  }

  /** A compiled program: {@code build/debug/NAME.wasm} or {@code build/release/NAME.wasm}. */
  public static Path wasm(String flavor, String name) {
    return root().resolve("build").resolve(flavor).resolve(name + ".wasm");
  }
}
