package dev.tricolor.wasm.validate;

import dev.tricolor.wasm.model.ElementSegment;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.GlobalType;
import dev.tricolor.wasm.model.TableType;
import dev.tricolor.wasm.model.ValType;
import dev.tricolor.wasm.model.WasmModule;
import java.util.BitSet;
import java.util.List;

/**
 * The spec's validation context C for a module: the types of everything code can name, as
 * arrays for quick lookup, and C.refs, the functions {@code ref.func} may name in code.
 */
final class ModuleContext {
  private static final ValType[] NONE = new ValType[0];

  final WasmModule module;
  final ValType[][] typeParams;
  final ValType[][] typeResults;
  final int functionCount;
  final List<TableType> tables;
  final int memoryCount;
  final List<GlobalType> globals;
  final int importedGlobals;
  final ValType[] elementTypes;
  final long dataSegments;
  final BitSet refs = new BitSet();

  ModuleContext(WasmModule m) {
    this.module = m;
    int n = m.types().size();
    typeParams = new ValType[n][];
    typeResults = new ValType[n][];
    for (int i = 0; i < n; i++) {
      FuncType t = m.types().get(i);
      typeParams[i] = t.params().toArray(NONE);
      typeResults[i] = t.results().toArray(NONE);
    }
    functionCount = m.functionCount();
    tables = m.allTables();
    memoryCount = m.allMemories().size();
    globals = m.allGlobalTypes();
    importedGlobals = m.importedGlobalCount();
    List<ElementSegment> elems = m.elements();
    elementTypes = new ValType[elems.size()];
    for (int i = 0; i < elementTypes.length; i++) {
      elementTypes[i] = elems.get(i).type();
    }
    dataSegments = m.dataCount() >= 0 ? m.dataCount() & 0xFFFF_FFFFL : m.data().size();
  }

  /** The type index of function {@code f} (valid once the function section is checked). */
  int functionTypeIndex(int f) {
    return module.functionTypeIndex(f);
  }

  /** "function 12 (~lib/rt/itcms/__new)" or "function 12". */
  String describeFunction(int f) {
    String name = module.names().functionName(f);
    return name == null ? "function " + f : "function " + f + " (" + name + ")";
  }
}
