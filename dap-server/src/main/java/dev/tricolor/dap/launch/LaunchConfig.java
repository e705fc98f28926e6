package dev.tricolor.dap.launch;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code launch} request's arguments, parsed once at the edge (see DAP-CONTRACT.md, "Debug
 * type and launch arguments"). Paths are absolute and normalized. Defaults that need the module
 * (the {@code sourceMappingURL} section, the exports, the memory maximum) stay empty here and are
 * settled when the module is loaded: {@link #sourceMap}, {@link #invoke}, {@link
 * #memoryLimitPages}.
 *
 * @param program the {@code .wasm} file; exists and is a regular file
 * @param cwd base for relative paths
 * @param sourceMap an explicitly given source map, else empty (then: the module's {@code
 *     sourceMappingURL}, else {@code PROGRAM.map})
 * @param sourceRoot where the source map's relative {@code sources} live; default {@code cwd}
 * @param invoke the exported function to call, else empty ({@code _start}, else {@code main})
 * @param args arguments for {@code invoke}, as given (their types are checked against the export)
 * @param stopOnEntry stop before the first instruction that runs
 * @param runtime whose heap the program uses
 * @param memoryLimitPages page limit for {@code memory.grow}, else empty (the module's maximum)
 * @param maxCallDepth guest call depth that traps with "call stack exhausted"
 * @param debugInfo typed debug information: as given, else {@code PROGRAM.debug.json} when that
 *     file exists, else empty
 */
public record LaunchConfig(
    Path program,
    Path cwd,
    Optional<Path> sourceMap,
    Path sourceRoot,
    Optional<String> invoke,
    List<Number> args,
    boolean stopOnEntry,
    RuntimeMode runtime,
    OptionalInt memoryLimitPages,
    int maxCallDepth,
    Optional<Path> debugInfo) {

  public static final int DEFAULT_MAX_CALL_DEPTH = 10_000;
  /** The largest linear memory a Java {@code byte[]} can hold, in 64 KiB pages. */
  public static final int MAX_MEMORY_PAGES = 32767;

  public LaunchConfig {
    args = List.copyOf(args);
  }

  /**
   * Parses the launch arguments. Relative paths resolve against {@code cwd}; a missing {@code cwd}
   * means {@code serverDirectory}. Unknown keys (VS Code adds {@code type}, {@code request},
   * {@code name} and its own {@code __} keys) are ignored.
   */
  public static LaunchConfig parse(Map<String, Object> raw, Path serverDirectory)
      throws LaunchArgumentException {
    LaunchArguments a = new LaunchArguments(raw);

    Path cwd = serverDirectory.toAbsolutePath().normalize();
    String cwdArg = a.string("cwd");
    if (cwdArg != null) {
      cwd = path("cwd", cwdArg, cwd);
      if (!Files.isDirectory(cwd)) {
        throw new LaunchArgumentException(
            "cwd", "launch argument 'cwd': no such folder " + cwd);
      }
    }

    Path program = path("program", a.requiredString("program"), cwd);
    if (!Files.exists(program)) {
      throw new LaunchArgumentException(
          "program", "launch argument 'program': no such file " + program);
    }
    if (!Files.isRegularFile(program)) {
      throw new LaunchArgumentException(
          "program", "launch argument 'program': " + program + " is not a file");
    }

    Optional<Path> sourceMap = Optional.empty();
    String sourceMapArg = a.string("sourceMap");
    if (sourceMapArg != null) {
      Path p = path("sourceMap", sourceMapArg, cwd);
      if (!Files.isRegularFile(p)) {
        throw new LaunchArgumentException(
            "sourceMap", "launch argument 'sourceMap': no such file " + p);
      }
      sourceMap = Optional.of(p);
    }

    String sourceRootArg = a.string("sourceRoot");
    Path sourceRoot = sourceRootArg == null ? cwd : path("sourceRoot", sourceRootArg, cwd);

    Optional<String> invoke = Optional.ofNullable(a.string("invoke"));
    List<Number> args = a.numbers("args");
    boolean stopOnEntry = a.bool("stopOnEntry", false);

    RuntimeMode runtime = RuntimeMode.GUEST;
    String runtimeArg = a.string("runtime");
    if (runtimeArg != null) {
      runtime = RuntimeMode.byId(runtimeArg);
      if (runtime == null) {
        throw LaunchArguments.wrongType("runtime", "\"guest\" or \"host\"", runtimeArg);
      }
    }

    int pages =
        a.integer(
            "memoryLimitPages",
            1,
            MAX_MEMORY_PAGES,
            "a positive integer (at most " + MAX_MEMORY_PAGES + ")");
    OptionalInt memoryLimitPages = pages < 0 ? OptionalInt.empty() : OptionalInt.of(pages);

    int depth = a.integer("maxCallDepth", 1, Integer.MAX_VALUE, "a positive integer");
    int maxCallDepth = depth < 0 ? DEFAULT_MAX_CALL_DEPTH : depth;

    Optional<Path> debugInfo;
    String debugInfoArg = a.string("debugInfo");
    if (debugInfoArg != null) {
      Path p = path("debugInfo", debugInfoArg, cwd);
      if (!Files.isRegularFile(p)) {
        throw new LaunchArgumentException(
            "debugInfo", "launch argument 'debugInfo': no such file " + p);
      }
      debugInfo = Optional.of(p);
    } else {
      Path beside = program.resolveSibling(program.getFileName() + ".debug.json");
      debugInfo = Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty();
    }

    return new LaunchConfig(
        program,
        cwd,
        sourceMap,
        sourceRoot,
        invoke,
        args,
        stopOnEntry,
        runtime,
        memoryLimitPages,
        maxCallDepth,
        debugInfo);
  }

  private static Path path(String name, String value, Path base) throws LaunchArgumentException {
    try {
      return base.resolve(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new LaunchArgumentException(
          name,
          "launch argument '" + name + "' is not a valid path: " + LaunchArguments.quote(value));
    }
  }
}
