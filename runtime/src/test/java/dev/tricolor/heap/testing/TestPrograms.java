package dev.tricolor.heap.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code test-programs/} from the working directory (the module or the repository root). */
public final class TestPrograms {
  private TestPrograms() {}

  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("test-programs");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no test-programs/ above " + dir);
  }

  /** A compiled program: {@code build/debug/NAME.wasm} or {@code build/release/NAME.wasm}. */
  public static Path wasm(String flavor, String name) {
    return root().resolve("build").resolve(flavor).resolve(name + ".wasm");
  }
}
