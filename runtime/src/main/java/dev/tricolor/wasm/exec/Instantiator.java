package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.memory.Memory;
import dev.tricolor.wasm.model.ConstExpr;
import dev.tricolor.wasm.model.DataSegment;
import dev.tricolor.wasm.model.ElementSegment;
import dev.tricolor.wasm.model.Export;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.FunctionImport;
import dev.tricolor.wasm.model.Global;
import dev.tricolor.wasm.model.GlobalImport;
import dev.tricolor.wasm.model.Import;
import dev.tricolor.wasm.model.Limits;
import dev.tricolor.wasm.model.MemoryImport;
import dev.tricolor.wasm.model.MemoryType;
import dev.tricolor.wasm.model.SegmentMode;
import dev.tricolor.wasm.model.TableImport;
import dev.tricolor.wasm.model.TableType;
import dev.tricolor.wasm.model.ValType;
import dev.tricolor.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes an {@link Instance} from a validated module, as the spec's instantiation does: resolve
 * and check imports, translate every function body, create tables, memory and globals, apply
 * active element and data segments in order (a trap there fails the instantiation, keeping what
 * was written before), then run the start function.
 */
final class Instantiator {
  private final Store store;
  private final WasmModule module;
  private final Imports imports;
  private final Instance inst;

  Instantiator(Store store, WasmModule module, Imports imports) {
    this.store = store;
    this.module = module;
    this.imports = imports;
    this.inst = new Instance(store);
    inst.module = module;
  }

  Instance run() {
    List<WasmFunction> functions = new ArrayList<>();
    List<Table> tables = new ArrayList<>();
    List<GlobalCell> globals = new ArrayList<>();
    Memory memory = null;
    for (Import imp : module.imports()) {
      Object extern = imports == null ? null : imports.get(imp.module(), imp.name());
      if (imp.descriptor() instanceof FunctionImport f) {
        functions.add(importFunction(imp, extern, module.types().get(f.typeIndex())));
      } else if (imp.descriptor() instanceof TableImport t) {
        tables.add(importTable(imp, extern, t.type()));
      } else if (imp.descriptor() instanceof MemoryImport m) {
        memory = importMemory(imp, extern, m.type());
      } else if (imp.descriptor() instanceof GlobalImport g) {
        globals.add(importGlobal(imp, extern, g.type().type(), g.type().mutable()));
      }
    }
    int importedFunctions = functions.size();
    inst.typeIds = module.types().stream().mapToInt(store::typeId).toArray();

    int n = module.functionCount();
    inst.functions = new WasmFunction[n];
    inst.guests = new GuestFunction[n];
    for (int i = 0; i < importedFunctions; i++) {
      inst.functions[i] = functions.get(i);
    }
    ModuleShape shape = shape();
    byte[] bytes = module.bytes();
    for (FunctionBody body : module.bodies()) {
      int i = body.functionIndex();
      FuncType type = module.functionType(i);
      long locals = type.paramCount() + body.localCount();
      if (locals > Translator.MAX_LOCALS) {
        throw new LinkException(module.functionDisplayName(i) + " has " + locals
            + " locals (parameters included), more than the " + Translator.MAX_LOCALS
            + " supported");
      }
      CompiledCode code = Translator.translate(shape, type, bytes, body);
      GuestFunction g = new GuestFunction(store, inst, i, type, code);
      inst.functions[i] = g;
      inst.guests[i] = g;
    }

    for (TableType t : module.tables()) {
      tables.add(new Table((byte) t.elementType().code(), checkedSize(t.limits().min()),
          t.limits().max()));
    }
    inst.tables = tables.toArray(new Table[0]);

    for (MemoryType m : module.memories()) {
      Limits l = m.limits();
      if (l.min() > Memory.MAX_PAGES) {
        throw new LinkException("memory of " + l.min() + " pages is larger than the "
            + Memory.MAX_PAGES + " pages supported");
      }
      int limit = (int) Math.min(l.hasMax() ? l.max() : Memory.MAX_PAGES,
          store.limits().memoryLimitPages());
      memory = new Memory((int) l.min(), limit, l.max());
    }
    inst.setMemory(memory);

    inst.globals = new GlobalCell[globals.size() + module.globals().size()];
    for (int i = 0; i < globals.size(); i++) {
      inst.globals[i] = globals.get(i);
    }
    int g = globals.size();
    for (Global global : module.globals()) {
      inst.globals[g++] = new GlobalCell((byte) global.type().type().code(),
          global.type().mutable(), eval(global.init()));
    }

    Map<String, Object> exports = new LinkedHashMap<>();
    for (Export e : module.exports()) {
      exports.put(e.name(), switch (e.kind()) {
        case FUNCTION -> inst.functions[e.index()];
        case TABLE -> inst.tables[e.index()];
        case MEMORY -> inst.memory;
        case GLOBAL -> inst.globals[e.index()];
      });
    }
    inst.exports = exports;

    List<ElementSegment> elems = module.elements();
    inst.elements = new long[elems.size()][];
    for (int i = 0; i < elems.size(); i++) {
      ElementSegment s = elems.get(i);
      long[] refs = new long[s.elements().size()];
      for (int k = 0; k < refs.length; k++) {
        refs[k] = eval(s.elements().get(k));
      }
      inst.elements[i] = refs;
    }
    List<DataSegment> data = module.data();
    inst.data = new byte[data.size()][];
    for (int i = 0; i < data.size(); i++) {
      DataSegment d = data.get(i);
      byte[] b = new byte[d.dataLength()];
      System.arraycopy(bytes, d.dataStart(), b, 0, b.length);
      inst.data[i] = b;
    }
    store.add(inst);

    for (int i = 0; i < elems.size(); i++) {
      ElementSegment s = elems.get(i);
      if (s.mode() == SegmentMode.ACTIVE) {
        inst.tableInit(i, s.tableIndex(), eval(s.offset()), 0, inst.elements[i].length);
      }
      if (s.mode() != SegmentMode.PASSIVE) {
        inst.elemDrop(i);
      }
    }
    for (int i = 0; i < data.size(); i++) {
      DataSegment d = data.get(i);
      if (d.mode() == SegmentMode.ACTIVE) {
        inst.memoryInit(i, eval(d.offset()), 0, inst.data[i].length);
        inst.dataDrop(i);
      }
    }
    if (module.startFunction() >= 0) {
      store.interpreter().invoke(inst.functions[module.startFunction()]);
    }
    return inst;
  }

  private ModuleShape shape() {
    List<FuncType> types = module.types();
    int[] params = new int[types.size()];
    int[] results = new int[types.size()];
    for (int i = 0; i < params.length; i++) {
      params[i] = types.get(i).paramCount();
      results[i] = types.get(i).resultCount();
    }
    int[] funcTypes = new int[module.functionCount()];
    for (int i = 0; i < funcTypes.length; i++) {
      funcTypes[i] = module.functionTypeIndex(i);
    }
    return new ModuleShape(params, results, funcTypes, module.importedFunctionCount());
  }

  private static int checkedSize(long elements) {
    if (elements > Table.MAX_ELEMENTS) {
      throw new LinkException("table of " + elements + " elements is larger than the "
          + Table.MAX_ELEMENTS + " supported");
    }
    return (int) elements;
  }

  /** The value of a constant expression, as raw bits. */
  private long eval(ConstExpr e) {
    return switch (e.opcode()) {
      case Opcodes.I32_CONST -> (int) e.immediate();
      case Opcodes.GLOBAL_GET -> inst.globals[e.index()].value;
      case Opcodes.REF_NULL -> 0;
      case Opcodes.REF_FUNC -> inst.functions[e.index()].ref;
      default -> e.immediate(); // i64, f32 (raw bits), f64 (raw bits)
    };
  }

  // ---- imports ----

  private static String describe(Import imp) {
    return imp.module() + "." + imp.name();
  }

  private static LinkException unknown(Import imp, String what) {
    return new LinkException("unknown import " + describe(imp) + ": " + what);
  }

  private static LinkException incompatible(Import imp, String expected, String got) {
    return new LinkException("incompatible import type for " + describe(imp) + ": expected "
        + expected + ", got " + got);
  }

  /** {@code (i32, f64) -> f64}, as error messages write a function type. */
  static String signature(FuncType t) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < t.paramCount(); i++) {
      sb.append(i == 0 ? "" : ", ").append(t.param(i));
    }
    sb.append(") -> ");
    if (t.resultCount() == 1) {
      return sb.append(t.result(0)).toString();
    }
    sb.append('(');
    for (int i = 0; i < t.resultCount(); i++) {
      sb.append(i == 0 ? "" : ", ").append(t.result(i));
    }
    return sb.append(')').toString();
  }

  private WasmFunction importFunction(Import imp, Object extern, FuncType type) {
    if (extern == null) {
      throw unknown(imp, signature(type));
    }
    if (!(extern instanceof WasmFunction f)) {
      throw incompatible(imp, "function " + signature(type), kindOf(extern));
    }
    if (!f.type.equals(type)) {
      throw incompatible(imp, signature(type), signature(f.type));
    }
    return f;
  }

  private Table importTable(Import imp, Object extern, TableType type) {
    if (extern == null) {
      throw unknown(imp, type.toString());
    }
    if (!(extern instanceof Table t)) {
      throw incompatible(imp, type.toString(), kindOf(extern));
    }
    Limits l = type.limits();
    boolean ok = t.elementType == type.elementType().code()
        && t.size() >= l.min()
        && (!l.hasMax() || (t.declaredMax >= 0 && t.declaredMax <= l.max()));
    if (!ok) {
      throw incompatible(imp, type.toString(), "table " + t.size() + ".."
          + (t.declaredMax < 0 ? "" : t.declaredMax) + " "
          + ValType.fromCode(t.elementType));
    }
    return t;
  }

  private Memory importMemory(Import imp, Object extern, MemoryType type) {
    if (extern == null) {
      throw unknown(imp, type.toString());
    }
    if (!(extern instanceof Memory m)) {
      throw incompatible(imp, type.toString(), kindOf(extern));
    }
    Limits l = type.limits();
    long max = m.declaredMaxPages();
    boolean ok = m.pages() >= l.min() && (!l.hasMax() || (max >= 0 && max <= l.max()));
    if (!ok) {
      throw incompatible(imp, type.toString(),
          "memory of " + m.pages() + " pages, maximum " + (max < 0 ? "none" : max));
    }
    return m;
  }

  private GlobalCell importGlobal(Import imp, Object extern, ValType type, boolean mutable) {
    String expected = mutable ? "(mut " + type + ")" : type.toString();
    if (extern == null) {
      throw unknown(imp, "global " + expected);
    }
    if (!(extern instanceof GlobalCell g)) {
      throw incompatible(imp, "global " + expected, kindOf(extern));
    }
    if (g.type != type.code() || g.mutable != mutable) {
      ValType gt = ValType.fromCode(g.type);
      throw incompatible(imp, "global " + expected,
          "global " + (g.mutable ? "(mut " + gt + ")" : String.valueOf(gt)));
    }
    return g;
  }

  private static String kindOf(Object extern) {
    if (extern instanceof WasmFunction f) {
      return "function " + signature(f.type);
    }
    return extern instanceof Table ? "a table"
        : extern instanceof Memory ? "a memory"
        : extern instanceof GlobalCell ? "a global"
        : extern.getClass().getSimpleName();
  }
}
