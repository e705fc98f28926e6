package dev.tricolor.dap.engine;

import dev.tricolor.dap.launch.LaunchConfig;
import dev.tricolor.dap.launch.RuntimeMode;
import dev.tricolor.dap.sourcemap.SourceMap;
import dev.tricolor.dap.sourcemap.SourceMapException;
import dev.tricolor.dap.sourcemap.SourceMapLocator;
import dev.tricolor.heap.host.HostRuntime;
import dev.tricolor.wasm.binary.MalformedModuleException;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.exec.EngineLimits;
import dev.tricolor.wasm.exec.Imports;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.host.AscHost;
import dev.tricolor.wasm.model.FunctionImport;
import dev.tricolor.wasm.model.Import;
import dev.tricolor.wasm.model.MemoryType;
import dev.tricolor.wasm.model.WasmModule;
import dev.tricolor.wasm.validate.InvalidModuleException;
import dev.tricolor.wasm.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A program file read, decoded, validated and checked against what the launch asks of it, before
 * any of it runs: the shared first half of a debug launch and of the {@code run} command.
 */
record LoadedModule(
    Path program,
    WasmModule module,
    Optional<SourceMap> sourceMap,
    Optional<Invocation> invocation,
    EngineLimits limits,
    RuntimeMode runtime) {

  /** A program that cannot be loaded; {@link #kind} says whose fault (exit 66 or 64 on the CLI). */
  static final class LoadException extends Exception {
    private static final long serialVersionUID = 1L;

    enum Kind {
      /** The file is missing or not a valid module. */
      INPUT,
      /** What the launch asks does not fit the module (invoke, args, source map). */
      USAGE
    }

    final Kind kind;

    LoadException(Kind kind, String message) {
      super(message);
      this.kind = kind;
    }
  }

  static LoadedModule load(LaunchConfig config) throws LoadException {
    Path program = config.program();
    try {
      ModuleFile.check(program);
    } catch (ModuleFile.InvalidModuleFileException e) {
      throw new LoadException(LoadException.Kind.INPUT, e.getMessage());
    }
    WasmModule module;
    try {
      module = ModuleParser.parse(Files.readAllBytes(program));
      Validator.validate(module);
    } catch (IOException e) {
      throw new LoadException(LoadException.Kind.INPUT, "cannot read " + program + ": " + e.getMessage());
    } catch (MalformedModuleException | InvalidModuleException e) {
      throw new LoadException(
          LoadException.Kind.INPUT, program + " is not a valid WebAssembly module: " + e.getMessage());
    }
    checkRuntime(program, module, config.runtime());
    checkImports(program, module, config.runtime());
    Optional<SourceMap> map;
    try {
      map = SourceMapLocator.load(config.sourceMap(), program, Optional.ofNullable(module.sourceMappingURL()));
    } catch (SourceMapException e) {
      throw new LoadException(LoadException.Kind.USAGE, e.getMessage());
    }
    Optional<Invocation> invocation;
    try {
      invocation = Invocation.resolve(module, config.invoke(), config.args());
    } catch (Invocation.InvocationException e) {
      throw new LoadException(LoadException.Kind.USAGE, e.getMessage());
    }
    int pages = config.memoryLimitPages().orElse(moduleMaximum(module));
    EngineLimits limits =
        EngineLimits.DEFAULT.withMaxCallDepth(config.maxCallDepth()).withMemoryLimitPages(pages);
    return new LoadedModule(program, module, map, invocation, limits, config.runtime());
  }

  private static int moduleMaximum(WasmModule m) {
    List<MemoryType> mems = m.allMemories();
    if (!mems.isEmpty() && mems.get(0).limits().hasMax()) {
      return (int) Math.min(mems.get(0).limits().max(), LaunchConfig.MAX_MEMORY_PAGES);
    }
    return LaunchConfig.MAX_MEMORY_PAGES;
  }

  /** A host-runtime build runs only in host mode, and host mode only runs such builds. */
  private static void checkRuntime(Path program, WasmModule module, RuntimeMode runtime)
      throws LoadException {
    boolean hostBuild = HostRuntime.isHostBuild(module);
    if (runtime == RuntimeMode.HOST && !hostBuild) {
      throw new LoadException(LoadException.Kind.USAGE, program.getFileName()
          + " has its own AssemblyScript runtime; runtime \"host\" needs a program built against"
          + " Tricolor's host runtime (asc ... --runtime <path>/host, the file"
          + " test-programs/rt/host.ts), or launch it with runtime \"guest\"");
    }
    if (runtime == RuntimeMode.GUEST && hostBuild) {
      throw new LoadException(LoadException.Kind.USAGE, program.getFileName()
          + " was built against Tricolor's host runtime (it imports the runtime from module \""
          + HostRuntime.MODULE + "\"): launch it with runtime \"host\"");
    }
  }

  /** Every function import must be one the default host provides: say which is not, up front. */
  private static void checkImports(Path program, WasmModule module, RuntimeMode runtime)
      throws LoadException {
    Store store = new Store();
    Imports host = new AscHost().imports(store);
    if (runtime == RuntimeMode.HOST) {
      host.addAll(new HostRuntime().imports(store));
    }
    for (Import i : module.imports()) {
      if (i.descriptor() instanceof FunctionImport && host.get(i.module(), i.name()) == null) {
        throw new LoadException(
            LoadException.Kind.INPUT,
            program.getFileName() + " imports " + i.module() + "." + i.name()
                + ", which Tricolor's host does not provide");
      }
    }
  }
}
