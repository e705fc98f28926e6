package dev.tricolor.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds files of the repository and beside it, relative to the repository root, as a clean clone
 * has them: no absolute path of a machine. A git worktree needs nothing special as long as
 * {@code ../shared} resolves from it as it does from a clone.
 */
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

  /** {@code test-programs} in the repository. */
  public static Path testPrograms() {
    return root().resolve("test-programs");
  }

  /** {@code test-programs/build} in the repository. */
  public static Path testProgramsBuild() {
    return testPrograms().resolve("build");
  }

  /**
   * {@code ../shared/wasm-testsuite} relative to the repository root (not part of the
   * repository: tests that need it skip with a message when it is missing).
   */
  public static Path specTestsuite() {
    return root().resolveSibling("shared").resolve("wasm-testsuite");
  }
}
