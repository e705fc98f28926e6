package dev.tricolor.wasm.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Converts a {@code .wast} script with wabt's {@code wast2json} into a JSON command list plus one
 * {@code .wasm} per module, in a folder of its own under the output directory. A conversion is
 * reused while it is newer than its script.
 */
final class Wast2Json {
  private static final String TOOL = "wast2json";

  private final Path outDir;

  Wast2Json(Path outDir) {
    this.outDir = outDir;
  }

  /** Whether the tool runs here; null when it does, else why not. */
  static String unavailableReason() {
    try {
      Process p = new ProcessBuilder(TOOL, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return TOOL + " --version did not finish";
      }
      return p.exitValue() == 0 ? null : TOOL + " --version failed";
    } catch (IOException e) {
      return TOOL + " is not installed (apt-get install wabt): " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** The JSON command list of {@code script}, converting it when there is no fresh one. */
  Path convert(Path script) throws IOException, ConversionException {
    String name = SpecScripts.scriptName(script);
    Path dir = outDir.resolve(name);
    Path json = dir.resolve(name + ".json");
    if (Files.exists(json)
        && Files.getLastModifiedTime(json).compareTo(Files.getLastModifiedTime(script)) >= 0) {
      return json;
    }
    Files.createDirectories(dir);
    Path log = dir.resolve("wast2json.log");
    Process p =
        new ProcessBuilder(TOOL, script.toAbsolutePath().toString(), "-o", json.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ConversionException(TOOL + " did not finish converting " + script.getFileName());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConversionException("interrupted");
    }
    if (p.exitValue() != 0) {
      Files.deleteIfExists(json);
      String out = Files.readString(log, StandardCharsets.UTF_8);
      throw new ConversionException(
          TOOL + " cannot convert " + script.getFileName() + ": " + firstLines(out, 5));
    }
    return json;
  }

  private static String firstLines(String s, int n) {
    String[] lines = s.split("\n");
    return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(n, lines.length)));
  }

  static final class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    ConversionException(String message) {
      super(message);
    }
  }
}
