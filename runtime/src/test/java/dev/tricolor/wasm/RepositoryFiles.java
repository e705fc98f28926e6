package dev.tricolor.wasm;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository and beside it, relative to the repository root. */
public final class RepositoryFiles {
  private RepositoryFiles() {}

  /** The repository root: the nearest folder up from the working directory with runtime/pom.xml. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("runtime/pom.xml"))) {
        return d;
      }
    }
    throw new IllegalStateException("no repository root (a folder with runtime/pom.xml) above " + dir);
  }

  /** {@code test-programs/build} in the repository. */
  public static Path testProgramsBuild() {
    return root().resolve("test-programs/build");
  }

  /** {@code ../shared/wasm-testsuite} next to the repository. */
  public static Path specTestsuite() {
    return root().resolveSibling("shared").resolve("wasm-testsuite");
  }
}
