package dev.tricolor.wasm.validate;

import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.model.ConstExpr;
import dev.tricolor.wasm.model.DataSegment;
import dev.tricolor.wasm.model.ElementSegment;
import dev.tricolor.wasm.model.Export;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a decoded module per the WebAssembly 2.0 specification without SIMD: MVP, mutable
 * globals, sign extension, non-trapping float-to-int, bulk memory, multi-value and reference
 * types. Checks, in the reference interpreter's order: types, imports, the function section,
 * tables, memories (at most one), globals, element and data segments, every function body,
 * the start function and exports. The first problem is thrown as an
 * {@link InvalidModuleException} in the spec's words.
 */
public final class Validator {
  /** Pages a 32-bit memory can have: 4 GiB. */
  private static final long MAX_MEMORY_PAGES = 65536;

  private final WasmModule m;
  private final ModuleContext c;
  private final ConstantExpressions constants;

  private Validator(WasmModule m) {
    this.m = m;
    this.c = new ModuleContext(m);
    this.constants = new ConstantExpressions(c);
  }

  /**
   * Validates {@code module}; returns what validation learnt about its functions.
   *
   * @throws InvalidModuleException when the module is not valid
   */
  public static ValidationResult validate(WasmModule module) {
    return new Validator(module).run();
  }

  private ValidationResult run() {
    for (int i = 0; i < m.types().size(); i++) {
      for (ValType t : m.types().get(i).params()) {
        supported(t, "type " + i);
      }
      for (ValType t : m.types().get(i).results()) {
        supported(t, "type " + i);
      }
    }
    List<Import> imports = m.imports();
    for (int i = 0; i < imports.size(); i++) {
      Import imp = imports.get(i);
      String where = "import " + i + " (" + imp.module() + "." + imp.name() + ")";
      if (imp.descriptor() instanceof FunctionImport f) {
        typeIndex(f.typeIndex(), where);
      } else if (imp.descriptor() instanceof TableImport t) {
        table(t.type(), where);
      } else if (imp.descriptor() instanceof MemoryImport mem) {
        memory(mem.type(), where);
      } else if (imp.descriptor() instanceof GlobalImport g) {
        supported(g.type().type(), where);
      }
    }
    for (int i = 0; i < m.functionTypeIndices().size(); i++) {
      typeIndex(m.functionTypeIndices().get(i), "function " + (m.importedFunctionCount() + i));
    }
    for (int i = 0; i < m.tables().size(); i++) {
      table(m.tables().get(i), "table " + (c.tables.size() - m.tables().size() + i));
    }
    for (int i = 0; i < m.memories().size(); i++) {
      memory(m.memories().get(i), "memory " + (c.memoryCount - m.memories().size() + i));
    }
    if (c.memoryCount > 1) {
      throw new InvalidModuleException(
          "multiple memories: the module has " + c.memoryCount + ", Wasm 2.0 allows one", -1, -1, null);
    }

    collectDeclaredReferences();
    List<Global> globals = m.globals();
    for (int i = 0; i < globals.size(); i++) {
      Global g = globals.get(i);
      String where = "global " + (c.importedGlobals + i);
      supported(g.type().type(), where);
      constants.check(g.init(), g.type().type(), where);
    }
    List<ElementSegment> elems = m.elements();
    for (int i = 0; i < elems.size(); i++) {
      elementSegment(elems.get(i), "element segment " + i);
    }
    List<DataSegment> data = m.data();
    for (int i = 0; i < data.size(); i++) {
      DataSegment d = data.get(i);
      if (d.mode() == SegmentMode.ACTIVE) {
        String where = "data segment " + i;
        if (d.memoryIndex() >= c.memoryCount || d.memoryIndex() < 0) {
          throw new InvalidModuleException(
              "unknown memory " + Integer.toUnsignedString(d.memoryIndex()), d.start(), -1, where);
        }
        constants.check(d.offset(), ValType.I32, where);
      }
    }

    FunctionValidator functions = new FunctionValidator(c);
    int imported = m.importedFunctionCount();
    int[] maxStackHeights = new int[m.bodies().size()];
    for (int i = 0; i < m.bodies().size(); i++) {
      maxStackHeights[i] = functions.validate(imported + i, m.bodies().get(i));
    }

    if (m.hasStartFunction()) {
      start(m.startFunction());
    }
    exports();
    return new ValidationResult(maxStackHeights);
  }

  // C.refs: the functions named outside code (global initializers, element segments,
  // exports), which are those code may take a reference to with ref.func.
  private void collectDeclaredReferences() {
    for (Global g : m.globals()) {
      declare(g.init());
    }
    for (ElementSegment e : m.elements()) {
      for (ConstExpr x : e.elements()) {
        declare(x);
      }
    }
    for (Export e : m.exports()) {
      if (e.kind() == dev.tricolor.wasm.model.ExternalKind.FUNCTION && e.index() >= 0) {
        c.refs.set(e.index());
      }
    }
  }

  private void declare(ConstExpr e) {
    if (e.opcode() == Opcodes.REF_FUNC && e.immediate() < c.functionCount) {
      c.refs.set((int) e.immediate());
    }
  }

  private void elementSegment(ElementSegment e, String where) {
    if (e.mode() == SegmentMode.ACTIVE) {
      long table = Integer.toUnsignedLong(e.tableIndex());
      if (table >= c.tables.size()) {
        throw new InvalidModuleException("unknown table " + table, e.start(), -1, where);
      }
      TableType t = c.tables.get((int) table);
      if (t.elementType() != e.type()) {
        throw new InvalidModuleException(
            "type mismatch: " + e.type() + " elements for a table of " + t.elementType(), e.start(), -1, where);
      }
      constants.check(e.offset(), ValType.I32, where);
    }
    for (ConstExpr x : e.elements()) {
      constants.check(x, e.type(), where);
    }
  }

  private void start(int function) {
    long f = Integer.toUnsignedLong(function);
    if (f >= c.functionCount) {
      throw new InvalidModuleException("unknown function " + f, -1, -1, "start section");
    }
    int t = c.functionTypeIndex(function);
    if (c.typeParams[t].length != 0 || c.typeResults[t].length != 0) {
      throw new InvalidModuleException(
          "start function must have type [] -> [], " + c.describeFunction(function) + " has " + m.types().get(t),
          -1,
          -1,
          "start section");
    }
  }

  private void exports() {
    Set<String> names = new HashSet<>();
    for (Export e : m.exports()) {
      String where = "export \"" + e.name() + "\"";
      long index = Integer.toUnsignedLong(e.index());
      long count =
          switch (e.kind()) {
            case FUNCTION -> c.functionCount;
            case TABLE -> c.tables.size();
            case MEMORY -> c.memoryCount;
            case GLOBAL -> c.globals.size();
          };
      if (index >= count) {
        String kind = e.kind() == dev.tricolor.wasm.model.ExternalKind.FUNCTION ? "function" : e.kind().toString();
        throw new InvalidModuleException("unknown " + kind + " " + index, -1, -1, where);
      }
      if (!names.add(e.name())) {
        throw new InvalidModuleException("duplicate export name \"" + e.name() + "\"", -1, -1, where);
      }
    }
  }

  private void typeIndex(int index, String where) {
    if (Integer.toUnsignedLong(index) >= m.types().size()) {
      throw new InvalidModuleException("unknown type " + Integer.toUnsignedString(index), -1, -1, where);
    }
  }

  private void table(TableType t, String where) {
    limits(t.limits(), where);
  }

  private void memory(MemoryType t, String where) {
    Limits l = t.limits();
    if (l.min() > MAX_MEMORY_PAGES || (l.hasMax() && l.max() > MAX_MEMORY_PAGES)) {
      throw new InvalidModuleException(
          "memory size must be at most 65536 pages (4GiB): " + l, -1, -1, where);
    }
    limits(l, where);
  }

  private static void limits(Limits l, String where) {
    if (l.hasMax() && l.min() > l.max()) {
      throw new InvalidModuleException(
          "size minimum must not be greater than maximum: " + l, -1, -1, where);
    }
  }

  private static void supported(ValType t, String where) {
    if (t == ValType.V128) {
      throw new InvalidModuleException("v128 is not supported (SIMD)", -1, -1, where);
    }
  }
}
