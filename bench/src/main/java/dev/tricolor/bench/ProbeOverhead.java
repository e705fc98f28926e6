package dev.tricolor.bench;

import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.debug.Debugger;
import dev.tricolor.wasm.debug.Resume;
import dev.tricolor.wasm.exec.GuestFunction;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Op;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.WasmFunction;
import dev.tricolor.wasm.host.AscHost;
import java.util.ArrayList;
import java.util.List;

/**
 * Tricolor with a debugger attached and breakpoints on code the workload never reaches (the
 * calls to {@code abort} and the {@code unreachable}s in the cold branches of its functions,
 * hot functions included), against Tricolor without a debugger: the cost of debugging features
 * nobody is using.
 */
final class ProbeOverhead {
  private ProbeOverhead() {}

  /** The workload's {@code run} with a debugger and up to {@code count} unreached breakpoints. */
  static Engine.Runner withBreakpoints(byte[] wasm, int count, int[] installed) {
    Store store = new Store();
    AscHost host = new AscHost().out(s -> {}).err(s -> {});
    Instance instance = Instance.instantiate(store, ModuleParser.parse(wasm), host.imports(store));
    Debugger debugger = Debugger.attach(store);
    debugger.setStopListener((stop, state) -> Resume.CONTINUE);
    int n = 0;
    for (int offset : coldInstructions(instance)) {
      if (n == count) {
        break;
      }
      debugger.breakAt(instance, offset, (stop, state) -> {
        throw new IllegalStateException("a breakpoint in unreached code was hit: " + stop);
      });
      n++;
    }
    installed[0] = n;
    WasmFunction run = instance.exportedFunction("run");
    return x -> store.interpreter().invoke(run, x)[0];
  }

  /** Offsets of calls to imported functions named abort, then of unreachable instructions. */
  private static List<Integer> coldInstructions(Instance instance) {
    List<Integer> aborts = new ArrayList<>();
    List<Integer> unreachables = new ArrayList<>();
    int abortIndex = -1;
    for (int i = 0; i < instance.functionCount(); i++) {
      if (instance.function(i).toString().contains("env.abort")) {
        abortIndex = i;
      }
    }
    for (int i = 0; i < instance.functionCount(); i++) {
      if (instance.function(i) instanceof GuestFunction g && g.instance() == instance) {
        for (int offset : g.code().instructionOffsets()) {
          int pc = g.code().pcAt(offset);
          int op = g.opcodeAt(pc);
          if (op == Op.CALL_IMPORT && g.immediateAt(pc, 0) == abortIndex) {
            aborts.add(offset);
          } else if (op == Opcodes.UNREACHABLE) {
            unreachables.add(offset);
          }
        }
      }
    }
    aborts.addAll(unreachables);
    return aborts;
  }
}
