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

  /**
   * {@code ../shared/wasm-testsuite} next to the repository. In a linked git worktree (whose
   * {@code .git} is a file naming the main repository's git folder) it is looked for next to the
   * main checkout too.
   */
  public static Path specTestsuite() {
    Path root = root();
    Path beside = root.resolveSibling("shared").resolve("wasm-testsuite");
    if (Files.isDirectory(beside)) {
      return beside;
    }
    Path main = mainCheckout(root);
    return main == null ? beside : main.resolveSibling("shared").resolve("wasm-testsuite");
  }

  // A linked worktree's .git file reads "gitdir: <main>/.git/worktrees/<name>".
  private static Path mainCheckout(Path root) {
    Path gitFile = root.resolve(".git");
    if (!Files.isRegularFile(gitFile)) {
      return null;
    }
    try {
      String line = Files.readString(gitFile).trim();
      if (!line.startsWith("gitdir:")) {
        return null;
      }
      Path gitDir = root.resolve(line.substring("gitdir:".length()).trim()).normalize();
      Path worktrees = gitDir.getParent();
      if (worktrees == null || !worktrees.getFileName().toString().equals("worktrees")) {
        return null;
      }
      Path dotGit = worktrees.getParent();
      return dotGit == null ? null : dotGit.getParent();
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
