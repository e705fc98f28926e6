package dev.tricolor.heap.host;

import dev.tricolor.heap.read.HeapReader;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.symbols.RuntimeSymbols;
import dev.tricolor.heap.testing.TestPrograms;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.exec.Imports;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.host.AbortTrap;
import dev.tricolor.wasm.host.AscHost;
import dev.tricolor.wasm.model.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One test program instantiated in the engine, in guest mode (its own compiled runtime) or in host
 * mode (the host-runtime build, served by {@link HostRuntime}), with output captured, for running
 * the same calls both ways.
 */
final class ModeRun {
  enum Mode { GUEST, HOST }

  final Mode mode;
  final String program;
  final WasmModule module;
  final RuntimeSymbols symbols;
  final Store store = new Store();
  final HostRuntime runtime;
  final Instance instance;
  final StringBuilder out = new StringBuilder();
  final StringBuilder err = new StringBuilder();

  private ModeRun(Mode mode, String program, Path wasm) {
    this.mode = mode;
    this.program = program;
    try {
      this.module = ModuleParser.parse(Files.readAllBytes(wasm));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.symbols = RuntimeSymbols.resolve(module);
    Imports imports = new AscHost().out(out::append).err(err::append).imports(store);
    if (mode == Mode.HOST) {
      runtime = new HostRuntime();
      imports.addAll(runtime.imports(store));
    } else {
      runtime = null;
    }
    this.instance = Instance.instantiate(store, module, imports);
    if (runtime != null) {
      runtime.bind(instance);
    }
  }

  /** {@code build/BUILD/PROGRAM.wasm} (PROGRAM may be {@code bench/NAME}). */
  static ModeRun guest(String build, String program) {
    return new ModeRun(Mode.GUEST, program, wasm(build, program));
  }

  /** {@code build/host/BUILD/PROGRAM.wasm}. */
  static ModeRun host(String build, String program) {
    return new ModeRun(Mode.HOST, program, wasm("host/" + build, program));
  }

  static Path wasm(String build, String program) {
    return TestPrograms.root().resolve("build").resolve(build).resolve(program + ".wasm");
  }

  /** How a call ended. */
  record Outcome(String kind, long[] results, Trap trap) {
    @Override
    public String toString() {
      return switch (kind) {
        case "return" -> "return " + Arrays.toString(results);
        case "abort" -> {
          AbortTrap a = (AbortTrap) trap;
          yield "abort " + a.abortMessage() + " in " + a.fileName() + ":" + a.line() + ":" + a.column();
        }
        default -> "trap " + trap.kind().specText();
      };
    }
  }

  Outcome call(String export, long... args) {
    try {
      return new Outcome("return", instance.call(export, args), null);
    } catch (AbortTrap a) {
      return new Outcome("abort", null, a);
    } catch (Trap t) {
      return new Outcome("trap", null, t);
    }
  }

  /** A call that must return; its first result (0 for none). */
  long value(String export, long... args) {
    Outcome o = call(export, args);
    if (!o.kind().equals("return")) {
      throw new AssertionError(program + " " + mode + ": " + export + Arrays.toString(args)
          + " ended with " + o + ": " + o.trap().getMessage());
    }
    return o.results().length == 0 ? 0 : o.results()[0];
  }

  RuntimeGlobals globals() {
    return mode == Mode.HOST ? runtime.globals() : symbols.globals(instance);
  }

  HeapSnapshot heap() {
    byte[] bytes = instance.memory().bytes();
    RuntimeGlobals g = globals();
    return HeapReader.read(bytes, g, symbols.types(bytes, g));
  }
}
