package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.memory.Memory;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.LocalGroup;
import dev.tricolor.wasm.model.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Builds instances from hand-written function bodies, to test the interpreter on its own. The
 * first body starts at module offset 1.
 */
public final class HandBuilt {
  private final Store store;
  private final List<FuncType> types = new ArrayList<>();
  private final List<Integer> funcTypes = new ArrayList<>();
  private final List<WasmFunction> imports = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();
  private final Map<String, Integer> exports = new HashMap<>();
  private int memoryPages = -1;
  private final List<Long> globals = new ArrayList<>();

  public HandBuilt(Store store) {
    this.store = store;
  }

  int type(FuncType s) {
    int i = types.indexOf(s);
    if (i < 0) {
      types.add(s);
      i = types.size() - 1;
    }
    return i;
  }

  public HandBuilt importHost(FuncType s, HostFunction f) {
    funcTypes.add(type(s));
    imports.add(store.hostFunction("env", "f" + imports.size(), s, f));
    return this;
  }

  /** A function whose body (locals vector and code, hex with spaces) is {@code hex}. */
  public HandBuilt func(String exportName, FuncType s, String hex) {
    funcTypes.add(type(s));
    bodies.add(hex);
    if (exportName != null) {
      exports.put(exportName, funcTypes.size() - 1);
    }
    return this;
  }

  /** A mutable i32 global (index in the order added). */
  public HandBuilt global(int value) {
    globals.add((long) value);
    return this;
  }

  public HandBuilt memory(int pages) {
    memoryPages = pages;
    return this;
  }

  public Instance build() {
    int[] tp = new int[types.size()];
    int[] tr = new int[types.size()];
    for (int i = 0; i < types.size(); i++) {
      tp[i] = types.get(i).paramCount();
      tr[i] = types.get(i).resultCount();
    }
    int[] ft = funcTypes.stream().mapToInt(Integer::intValue).toArray();
    ModuleShape shape = new ModuleShape(tp, tr, ft, imports.size());
    ByteArrayOutputStream module = new ByteArrayOutputStream();
    module.write(0x99); // something before the first body, so offsets are not 0
    int[] starts = new int[bodies.size()];
    int[] ends = new int[bodies.size()];
    for (int i = 0; i < bodies.size(); i++) {
      byte[] b = HexFormat.of().parseHex(bodies.get(i).replace(" ", ""));
      starts[i] = module.size();
      module.writeBytes(b);
      ends[i] = module.size();
    }
    byte[] bytes = module.toByteArray();
    Instance inst = new Instance(store);
    int n = ft.length;
    inst.functions = new WasmFunction[n];
    inst.guests = new GuestFunction[n];
    for (int i = 0; i < imports.size(); i++) {
      inst.functions[i] = imports.get(i);
    }
    for (int i = imports.size(); i < n; i++) {
      int b = i - imports.size();
      FunctionBody body = body(i, bytes, starts[b], ends[b]);
      CompiledCode cc = Translator.translate(shape, types.get(ft[i]), bytes, body);
      GuestFunction g = new GuestFunction(store, inst, i, types.get(ft[i]), cc);
      inst.functions[i] = g;
      inst.guests[i] = g;
    }
    inst.globals = globals.stream()
        .map(v -> new GlobalCell((byte) 0x7F, true, v)).toArray(GlobalCell[]::new);
    inst.tables = new Table[0];
    inst.typeIds = types.stream().mapToInt(store::typeId).toArray();
    inst.data = new byte[0][];
    inst.elements = new long[0][];
    if (memoryPages >= 0) {
      inst.setMemory(new Memory(memoryPages, 100));
    }
    Map<String, Object> ex = new HashMap<>();
    exports.forEach((k, v) -> ex.put(k, inst.functions[v]));
    inst.exports = ex;
    store.add(inst);
    return inst;
  }

  public static FuncType sig(String params, String results) {
    return FuncType.of(types(params), types(results));
  }

  private static ValType[] types(String s) {
    ValType[] b = new ValType[s.length()];
    for (int i = 0; i < s.length(); i++) {
      b[i] = switch (s.charAt(i)) {
        case 'i' -> ValType.I32;
        case 'I' -> ValType.I64;
        case 'f' -> ValType.F32;
        case 'F' -> ValType.F64;
        default -> throw new IllegalArgumentException(s);
      };
    }
    return b;
  }

  /** The body at {@code [start, end)}: its locals vector decoded, as the module parser does. */
  private static FunctionBody body(int functionIndex, byte[] bytes, int start, int end) {
    ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
    List<LocalGroup> locals = new ArrayList<>();
    long total = 0;
    for (long groups = u32(in); groups > 0; groups--) {
      long n = u32(in);
      locals.add(new LocalGroup(n, ValType.fromCode(in.get() & 0xFF)));
      total += n;
    }
    return new FunctionBody(functionIndex, locals, total, start, in.position(), end);
  }

  private static long u32(ByteBuffer in) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in.get();
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
  }
}
