package dev.tricolor.dap.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The first check on a program file, before the decoder sees it: it exists, can be read, and
 * starts with the WebAssembly magic and version 1. The decoder gives the detailed error for
 * anything wrong after that.
 */
public final class ModuleFile {
  private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

  private ModuleFile() {}

  /** Why {@code file} cannot be a module. */
  public static final class InvalidModuleFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidModuleFileException(String message) {
      super(message);
    }
  }

  public static void check(Path file) throws InvalidModuleFileException {
    if (!Files.exists(file)) {
      throw new InvalidModuleFileException("no such file " + file);
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidModuleFileException(file + " is not a file");
    }
    byte[] head = new byte[HEADER.length];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (NoSuchFileException e) {
      throw new InvalidModuleFileException("no such file " + file);
    } catch (IOException e) {
      throw new InvalidModuleFileException("cannot read " + file + ": " + e.getMessage());
    }
    if (n < 4 || !Arrays.equals(head, 0, 4, HEADER, 0, 4)) {
      throw new InvalidModuleFileException(
          file + " is not a WebAssembly module (it does not start with \\0asm)");
    }
    if (n < 8 || !Arrays.equals(head, 4, 8, HEADER, 4, 8)) {
      throw new InvalidModuleFileException(
          file + " is not a WebAssembly module of version 1 (binary format version "
              + (n < 8 ? "truncated" : String.format("%02x %02x %02x %02x", head[4], head[5], head[6], head[7]))
              + ")");
    }
  }
}
