package dev.tricolor.dap.cli;

import dev.tricolor.dap.engine.HeadlessRun;
import dev.tricolor.dap.launch.LaunchConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code run}: the headless command line. Exit codes as the contract says: 0 normal end (the
 * results on standard output, one per line), 1 a stop on a {@code --break-on} filter, 2 an
 * uncaught trap or abort, 64 a usage error, 66 a missing or invalid program file.
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
    Path cwd = Path.of("").toAbsolutePath();
    LaunchConfig config =
        new LaunchConfig(
            cwd.resolve(options.program()).normalize(),
            cwd,
            Optional.empty(),
            cwd,
            options.invoke(),
            new ArrayList<Number>(options.args()),
            false,
            options.runtime(),
            options.memoryLimitPages(),
            LaunchConfig.DEFAULT_MAX_CALL_DEPTH,
            Optional.empty());
    return new HeadlessRun(out, err).run(config, options.breakOn());
  }
}
