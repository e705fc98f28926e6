package dev.tricolor.dap;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the repository's files, without any absolute path of a machine. */
public final class TestPaths {
  private TestPaths() {}

  /** The repository root: the nearest folder up from the working directory with a pom.xml of modules. */
  public static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("dap-server")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("not inside the Tricolor repository: " + Path.of("").toAbsolutePath());
  }
}
