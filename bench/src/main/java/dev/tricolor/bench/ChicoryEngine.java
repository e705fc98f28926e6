package dev.tricolor.bench;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.FunctionImport;
import dev.tricolor.wasm.model.Import;
import dev.tricolor.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Chicory 1.6.1's interpreter (its default machine), with the same host behaviour as the
 * default asc host where the workloads can tell: abort fails the run, seed and Date.now are
 * fixed, output is discarded.
 */
final class ChicoryEngine implements Engine {
  @Override
  public String name() {
    return "chicory";
  }

  @Override
  public Runner load(byte[] wasm) {
    ImportValues.Builder imports = ImportValues.builder();
    WasmModule ours = ModuleParser.parse(wasm);
    for (Import imp : ours.imports()) {
      if (!(imp.descriptor() instanceof FunctionImport f)) {
        throw new IllegalArgumentException("benchmark imports a non-function: " + imp);
      }
      FuncType t = ours.types().get(f.typeIndex());
      String key = imp.module() + "." + imp.name();
      long[] result = switch (key) {
        case "env.seed" -> new long[] {Double.doubleToRawLongBits(42.0)};
        case "env.Date.now" -> new long[] {Double.doubleToRawLongBits(1_700_000_000_000.0)};
        default -> null;
      };
      imports.addFunction(new HostFunction(imp.module(), imp.name(), type(t), (inst, args) -> {
        if (key.equals("env.abort")) {
          throw new IllegalStateException("the benchmark aborted");
        }
        return result;
      }));
    }
    Instance instance = Instance.builder(Parser.parse(wasm)).withImportValues(imports.build())
        .build();
    var run = instance.export("run");
    return n -> run.apply(n)[0];
  }

  private static FunctionType type(FuncType t) {
    List<ValType> params = new ArrayList<>();
    for (int i = 0; i < t.paramCount(); i++) {
      params.add(valType(t.param(i)));
    }
    List<ValType> results = new ArrayList<>();
    for (int i = 0; i < t.resultCount(); i++) {
      results.add(valType(t.result(i)));
    }
    return FunctionType.of(params, results);
  }

  private static ValType valType(dev.tricolor.wasm.model.ValType t) {
    return switch (t) {
      case I32 -> ValType.I32;
      case I64 -> ValType.I64;
      case F32 -> ValType.F32;
      case F64 -> ValType.F64;
      default -> throw new IllegalArgumentException("benchmark import with a " + t);
    };
  }
}
