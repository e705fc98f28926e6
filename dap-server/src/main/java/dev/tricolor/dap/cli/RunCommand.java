package dev.tricolor.dap.cli;

import dev.tricolor.dap.engine.ModuleFile;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code run}: the headless command line. Exit codes as the contract says: 64 for a usage error,
 * 66 when the program file is missing or not a module.
 */
public final class RunCommand {
  private final PrintStream out;
  private final PrintStream err;

  public RunCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs {@code argv} (the arguments after {@code run}) and returns the exit code. */
  public int run(List<String> argv) {
    RunOptions options;
    try {
      options = RunOptions.parse(argv);
    } catch (UsageException e) {
      err.println("tricolor run: " + e.getMessage());
      err.println(RunOptions.USAGE);
      return ExitCodes.USAGE;
    }
    try {
      ModuleFile.check(options.program().toAbsolutePath());
    } catch (ModuleFile.InvalidModuleFileException e) {
      err.println("tricolor run: " + e.getMessage());
      return ExitCodes.NO_INPUT;
    }
    err.println(
        "tricolor run: cannot run " + options.program()
            + ": this build of Tricolor has no WebAssembly engine yet (dev.tricolor.wasm.exec)");
    return ExitCodes.SOFTWARE;
  }
}
