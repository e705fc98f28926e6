package dev.tricolor.dap.session;

import dev.tricolor.dap.launch.LaunchConfig;

/** Loads a program for a {@code launch} request. */
@FunctionalInterface
public interface DebuggeeFactory {
  /**
   * Loads (decodes, validates, instantiates) the program without running any of it.
   *
   * @param output where the program's {@code trace} output and abort messages go
   * @throws RequestException with a message naming the problem: not a wasm module, an unknown
   *     {@code invoke}, wrong argument count, a bad source map
   */
  Debuggee load(LaunchConfig config, ProgramOutput output);

  /** Receives what the program prints. */
  @FunctionalInterface
  interface ProgramOutput {
    /** @param category an {@code OutputEventArgumentsCategory} constant */
    void print(String category, String text);
  }
}
