package dev.tricolor.dap.cli;

import dev.tricolor.dap.launch.LaunchConfig;
import dev.tricolor.dap.launch.RuntimeMode;
import dev.tricolor.dap.session.ExceptionFilter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code run} command's arguments:
 * {@code run PROGRAM.wasm [--invoke NAME] [--args 1,2.5] [--runtime guest|host]
 * [--memory-limit-pages N] [--break-on FILTER,...]}. Flags take their value as the next argument
 * or after {@code =}.
 */
public record RunOptions(
    Path program,
    Optional<String> invoke,
    List<Double> args,
    RuntimeMode runtime,
    OptionalInt memoryLimitPages,
    Set<ExceptionFilter> breakOn) {

  public static final String USAGE =
      "usage: java -jar dap-server.jar run PROGRAM.wasm [--invoke NAME] [--args 1,2.5]"
          + " [--runtime guest|host] [--memory-limit-pages N] [--break-on FILTER,...]\n"
          + "       java -jar dap-server.jar [--port N]   (Debug Adapter Protocol on stdio, or on"
          + " 127.0.0.1:N)\n"
          + "filters: trap, bounds, oom, abort, alloc, free, collect";

  public RunOptions {
    args = Collections.unmodifiableList(new ArrayList<>(args));
    breakOn = breakOn.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(breakOn));
  }

  /** Parses the arguments after {@code run}. */
  public static RunOptions parse(List<String> argv) throws UsageException {
    Path program = null;
    Optional<String> invoke = Optional.empty();
    List<Double> args = List.of();
    RuntimeMode runtime = RuntimeMode.GUEST;
    OptionalInt pages = OptionalInt.empty();
    Set<ExceptionFilter> breakOn = EnumSet.noneOf(ExceptionFilter.class);

    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (!a.startsWith("--")) {
        if (program != null) {
          throw new UsageException("unexpected argument '" + a + "': the program is " + program);
        }
        try {
          program = Path.of(a);
        } catch (InvalidPathException e) {
          throw new UsageException("'" + a + "' is not a valid path");
        }
        continue;
      }
      String flag = a;
      String value = null;
      int eq = a.indexOf('=');
      if (eq > 0) {
        flag = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (!List.of("--invoke", "--args", "--runtime", "--memory-limit-pages", "--break-on")
          .contains(flag)) {
        throw new UsageException("unknown flag '" + flag + "'");
      }
      if (value == null) {
        if (i + 1 >= argv.size()) {
          throw new UsageException("flag " + flag + " needs a value");
        }
        value = argv.get(++i);
      }
      switch (flag) {
        case "--invoke" -> {
          if (value.isEmpty()) {
            throw new UsageException("--invoke needs an export name");
          }
          invoke = Optional.of(value);
        }
        case "--args" -> args = numbers(value);
        case "--runtime" -> {
          runtime = RuntimeMode.byId(value);
          if (runtime == null) {
            throw new UsageException("--runtime must be guest or host, got '" + value + "'");
          }
        }
        case "--memory-limit-pages" -> pages = OptionalInt.of(pages(value));
        default -> breakOn.addAll(filters(value));
      }
    }
    if (program == null) {
      throw new UsageException("run needs a program: run PROGRAM.wasm");
    }
    return new RunOptions(program, invoke, args, runtime, pages, breakOn);
  }

  private static List<Double> numbers(String value) throws UsageException {
    List<Double> out = new ArrayList<>();
    if (value.isBlank()) {
      return out;
    }
    for (String part : value.split(",", -1)) {
      String p = part.trim();
      try {
        double d = Double.parseDouble(p);
        if (!Double.isFinite(d) || p.endsWith("d") || p.endsWith("f") || p.endsWith("D") || p.endsWith("F")) {
          throw new NumberFormatException();
        }
        out.add(d);
      } catch (NumberFormatException e) {
        throw new UsageException("--args: '" + p + "' is not a number");
      }
    }
    return out;
  }

  private static int pages(String value) throws UsageException {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= LaunchConfig.MAX_MEMORY_PAGES) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "--memory-limit-pages must be an integer from 1 to " + LaunchConfig.MAX_MEMORY_PAGES
            + ", got '" + value + "'");
  }

  private static Set<ExceptionFilter> filters(String value) throws UsageException {
    Set<ExceptionFilter> out = EnumSet.noneOf(ExceptionFilter.class);
    for (String part : value.split(",", -1)) {
      ExceptionFilter f = ExceptionFilter.byId(part.trim());
      if (f == null) {
        throw new UsageException(
            "--break-on: unknown filter '" + part.trim()
                + "' (filters: trap, bounds, oom, abort, alloc, free, collect)");
      }
      out.add(f);
    }
    return out;
  }
}
