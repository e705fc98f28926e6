package dev.tricolor.heap.testing;

import dev.tricolor.heap.read.HeapReader;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.symbols.RuntimeSymbols;
import dev.tricolor.testing.Json;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.debug.Debugger;
import dev.tricolor.wasm.debug.Probe;
import dev.tricolor.wasm.debug.Resume;
import dev.tricolor.wasm.exec.GuestFunction;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.Terminated;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.host.AbortTrap;
import dev.tricolor.wasm.host.AscHost;
import dev.tricolor.wasm.model.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a heap-dump spec (test-programs/tools/heap-dumps.json) in the engine: the same program,
 * the same calls, and a function-entry probe standing where the Node dump was taken. The memory
 * and the globals at that point are what the engine-side readers see.
 */
public final class EngineRun {
  private EngineRun() {}

  /** What the engine had at the dump point. */
  public record Result(
      RuntimeSymbols symbols, byte[] memory, RuntimeGlobals globals, Map<String, Long> named,
      List<Object> results) {
    public HeapSnapshot read() {
      return HeapReader.read(memory, globals, symbols.types(memory, globals));
    }
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> specs() {
    try {
      return (List<Map<String, Object>>) (List<?>) Json.parse(
          Files.readString(TestPrograms.root().resolve("tools").resolve("heap-dumps.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, Object> spec(String name) {
    return specs().stream().filter(s -> name.equals(s.get("name"))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no heap dump spec " + name));
  }

  @SuppressWarnings("unchecked")
  public static Result run(Map<String, Object> spec) throws IOException {
    byte[] wasm = Files.readAllBytes(TestPrograms.wasm("debug", (String) spec.get("program")));
    WasmModule module = ModuleParser.parse(wasm);
    RuntimeSymbols symbols = RuntimeSymbols.resolve(module);
    Store store = new Store();
    Instance instance = Instance.instantiate(store, module, new AscHost().imports(store));
    Result[] taken = new Result[1];
    List<Object> results = new ArrayList<>();
    Map<String, Object> at = (Map<String, Object>) spec.get("at");
    Debugger debugger = Debugger.attach(store);
    if (at != null) {
      String function = (String) at.get("function");
      int hit = at.get("hit") == null ? 1 : ((Long) at.get("hit")).intValue();
      int index = indexOf(module, function);
      int[] hits = {0};
      Probe probe = debugger.onEntry((GuestFunction) instance.function(index), (stop, state) -> {
        if (++hits[0] != hit) {
          return Resume.CONTINUE;
        }
        taken[0] = take(symbols, instance, results);
        return Resume.TERMINATE;
      });
      assert probe != null;
    }
    for (Object o : (List<Object>) spec.getOrDefault("calls", List.of())) {
      Map<String, Object> call = (Map<String, Object>) o;
      List<Object> args = (List<Object>) call.getOrDefault("args", List.of());
      long[] raw = args.stream().mapToLong(a -> ((Number) a).longValue()).toArray();
      try {
        long[] r = instance.call((String) call.get("export"), raw);
        results.add(r.length == 0 ? null : (Object) (long) (int) r[0]);
      } catch (Terminated t) {
        break;
      } catch (AbortTrap abort) {
        results.add(Map.of("abort", abort.abortMessage()));
      } catch (Trap trap) {
        results.add(Map.of("trap", trap.kind().specText()));
      }
    }
    debugger.detach();
    if (at != null && taken[0] == null) {
      throw new AssertionError(spec.get("name") + ": " + at + " never reached in the engine");
    }
    return taken[0] != null ? taken[0] : take(symbols, instance, results);
  }

  private static Result take(RuntimeSymbols symbols, Instance instance, List<Object> results) {
    byte[] memory = instance.memory().bytes().clone();
    Map<String, Long> named = new HashMap<>();
    instance.module().names().globalNames().forEach(
        (i, n) -> named.put(n, instance.global(i).get() & 0xffffffffL));
    return new Result(symbols, memory, symbols.globals(instance), named,
        java.util.Collections.unmodifiableList(new ArrayList<>(results)));
  }

  private static int indexOf(WasmModule module, String function) {
    return module.names().functionNames().entrySet().stream()
        .filter(e -> e.getValue().equals(function)).mapToInt(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no function " + function));
  }
}
