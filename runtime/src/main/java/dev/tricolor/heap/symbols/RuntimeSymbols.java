package dev.tricolor.heap.symbols;

import dev.tricolor.heap.layout.Tlsf;
import dev.tricolor.heap.layout.Typeinfo;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.read.RuntimeTypes;
import dev.tricolor.wasm.binary.InstructionReader;
import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.memory.Memory;
import dev.tricolor.wasm.model.FunctionImport;
import dev.tricolor.wasm.model.Global;
import dev.tricolor.wasm.model.Import;
import dev.tricolor.wasm.model.ValType;
import dev.tricolor.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * Where AssemblyScript's runtime lives in one module: the indices of its globals and functions,
 * the {@code env.abort} import, and the class names per runtime id. A {@code --debug} build
 * (name section) resolves fully. An {@code -O3} build has no names: {@code __heap_base} is then
 * found as the start value of the shadow stack pointer (the global every function prologue
 * decrements), the TLSF root from it, and the RTTI table by its shape in memory; what stays
 * unknown is listed in {@link #missing()}.
 */
public final class RuntimeSymbols {
  private final WasmModule module;
  private final Map<String, Integer> globals;
  private final Map<RuntimeFunction, Integer> functions;
  private final int abortFunction;
  private final Map<Integer, String> classNames;
  private final boolean named;
  private final int stackPointerGlobal;
  private final long heapBaseGuess;
  private final List<String> missing;

  private RuntimeSymbols(
      WasmModule module,
      Map<String, Integer> globals,
      Map<RuntimeFunction, Integer> functions,
      int abortFunction,
      Map<Integer, String> classNames,
      boolean named,
      int stackPointerGlobal,
      long heapBaseGuess,
      List<String> missing) {
    this.module = module;
    this.globals = globals;
    this.functions = functions;
    this.abortFunction = abortFunction;
    this.classNames = classNames;
    this.named = named;
    this.stackPointerGlobal = stackPointerGlobal;
    this.heapBaseGuess = heapBaseGuess;
    this.missing = missing;
  }

  /** Resolves the runtime's symbols in {@code module}. Never fails: what is not found is missing. */
  public static RuntimeSymbols resolve(WasmModule module) {
    boolean named = !module.names().functionNames().isEmpty();
    Map<String, Integer> globalsByName = new HashMap<>();
    module.names().globalNames().forEach((index, name) -> globalsByName.putIfAbsent(name, index));
    Map<String, Integer> globals = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : RuntimeGlobals.NAMES) {
      Integer index = globalsByName.get(name);
      if (index != null) {
        globals.put(name, index);
      }
    }
    Map<String, Integer> functionsByName = new HashMap<>();
    module.names().functionNames().forEach((index, name) -> functionsByName.putIfAbsent(name, index));
    Map<RuntimeFunction, Integer> functions = new EnumMap<>(RuntimeFunction.class);
    for (RuntimeFunction f : RuntimeFunction.values()) {
      Integer index = functionsByName.get(f.symbol());
      if (index != null) {
        functions.put(f, index);
      }
    }
    int abort = -1;
    int fn = 0;
    for (Import imp : module.imports()) {
      if (imp.descriptor() instanceof FunctionImport) {
        if (imp.module().equals("env") && imp.name().equals("abort")) {
          abort = fn;
        }
        fn++;
      }
    }
    int stackPointer = globals.getOrDefault(RuntimeGlobals.STACK_POINTER, -1);
    long heapBase = RuntimeGlobals.UNKNOWN;
    if (!globals.containsKey(RuntimeGlobals.HEAP_BASE)) {
      if (stackPointer < 0) {
        stackPointer = findStackPointer(module);
      }
      heapBase = initialValue(module, stackPointer);
    }
    Map<Integer, String> classNames =
        ClassNames.resolve(module, functions.getOrDefault(RuntimeFunction.VISIT_MEMBERS, -1),
            functions.getOrDefault(RuntimeFunction.NEW, -1));
    if (!named) {
      missing.add("no name section (an -O3 build): runtime functions and class names other than "
          + "Object, ArrayBuffer and String are unknown; build with --debug for them");
    }
    for (String name : RuntimeGlobals.NAMES) {
      if (!globals.containsKey(name)) {
        boolean derived =
            (name.equals(RuntimeGlobals.HEAP_BASE) && heapBase >= 0)
                || (name.equals(RuntimeGlobals.STACK_POINTER) && stackPointer >= 0)
                || ((name.equals(RuntimeGlobals.ROOT) || name.equals(RuntimeGlobals.RTTI_BASE)
                        || name.equals(RuntimeGlobals.DATA_END))
                    && heapBase >= 0);
        if (!derived) {
          missing.add("global " + name);
        }
      }
    }
    if (abort < 0) {
      missing.add("import env.abort (the program never aborts)");
    }
    return new RuntimeSymbols(module, Collections.unmodifiableMap(globals),
        Collections.unmodifiableMap(functions), abort, Collections.unmodifiableMap(classNames),
        named, stackPointer, heapBase, Collections.unmodifiableList(missing));
  }

  /** Whether the module has a name section (a --debug build). */
  public boolean named() {
    return named;
  }

  public WasmModule module() {
    return module;
  }

  /** The index of the runtime global {@code name} (one of {@link RuntimeGlobals#NAMES}), or -1. */
  public int globalIndex(String name) {
    return globals.getOrDefault(name, -1);
  }

  /** The function index of {@code f}, or -1 when the module has no such (named) function. */
  public int functionIndex(RuntimeFunction f) {
    return functions.getOrDefault(f, -1);
  }

  /** The function index of the {@code env.abort} import, or -1. */
  public int abortFunction() {
    return abortFunction;
  }

  /** Qualified class names by runtime id ({@code ~lib/array/Array<i32>}). */
  public Map<Integer, String> qualifiedClassNames() {
    return classNames;
  }

  /** Class names by runtime id as the source writes them ({@code Array<i32>}, {@code Item}). */
  public Map<Integer, String> classNames() {
    Map<Integer, String> shown = new LinkedHashMap<>();
    classNames.forEach((id, name) -> shown.put(id, ClassNames.display(name)));
    return shown;
  }

  /** What could not be resolved, in words (empty for a --debug build). */
  public List<String> missing() {
    return missing;
  }

  // ---- values ----

  /** The runtime's globals as {@code instance} holds them now. */
  public RuntimeGlobals globals(Instance instance) {
    Memory memory = instance.memory();
    return globals(i -> instance.global(i).get(), memory == null ? new byte[0] : memory.bytes());
  }

  /**
   * The runtime's globals from a global reader (index to raw bits) and the memory's bytes. Named
   * globals are read; for an unnamed build {@code __heap_base}, {@code ROOT} (when TLSF is
   * initialized), {@code __rtti_base} and {@code __data_end} are derived.
   */
  public RuntimeGlobals globals(IntToLongFunction globalValue, byte[] memory) {
    Map<String, Long> values = new HashMap<>();
    globals.forEach((name, index) -> values.put(name, globalValue.applyAsLong(index) & 0xffffffffL));
    if (!values.containsKey(RuntimeGlobals.STACK_POINTER) && stackPointerGlobal >= 0) {
      values.put(RuntimeGlobals.STACK_POINTER, globalValue.applyAsLong(stackPointerGlobal) & 0xffffffffL);
    }
    if (!values.containsKey(RuntimeGlobals.HEAP_BASE) && heapBaseGuess >= 0) {
      long heapBase = heapBaseGuess;
      values.put(RuntimeGlobals.HEAP_BASE, heapBase);
      if (!values.containsKey(RuntimeGlobals.ROOT)) {
        values.put(RuntimeGlobals.ROOT, initializedRoot(memory, heapBase));
      }
      if (!values.containsKey(RuntimeGlobals.RTTI_BASE)) {
        int rtti = findRtti(memory, (int) Math.min(heapBase, memory.length));
        if (rtti >= 0) {
          values.put(RuntimeGlobals.RTTI_BASE, (long) rtti);
          values.put(RuntimeGlobals.DATA_END, rtti + 4L + 4L * Memory.getI32(memory, rtti));
        }
      }
    }
    return RuntimeGlobals.fromNamed(values);
  }

  /** The runtime types of {@code memory}: RTTI flags from {@code globals} and the class names. */
  public RuntimeTypes types(byte[] memory, RuntimeGlobals globals) {
    return RuntimeTypes.read(memory, globals.rttiBase(), classNames());
  }

  // ---- finding things without names ----

  /**
   * The global that function prologues decrement: {@code global.get G; i32.const n; i32.sub;
   * global.set G}, the shadow stack pointer of asc output. -1 when no global is used that way.
   */
  static int findStackPointer(WasmModule module) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (var body : module.bodies()) {
      InstructionReader r = InstructionReader.of(module.bytes(), body);
      int state = 0;
      int global = -1;
      while (r.hasNext()) {
        int op = r.next();
        if (op == Opcodes.GLOBAL_GET) {
          state = 1;
          global = r.index();
        } else if (state == 1 && op == Opcodes.I32_CONST) {
          state = 2;
        } else if (state == 2 && op == Opcodes.I32_SUB) {
          state = 3;
        } else if (state == 3 && op == Opcodes.GLOBAL_SET && r.index() == global) {
          counts.merge(global, 1, Integer::sum);
          state = 0;
        } else {
          state = 0;
        }
      }
    }
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(-1);
  }

  /** The i32.const a defined global starts with, or UNKNOWN. */
  private static long initialValue(WasmModule module, int globalIndex) {
    int defined = globalIndex - module.importedGlobalCount();
    if (globalIndex < 0 || defined < 0 || defined >= module.globals().size()) {
      return RuntimeGlobals.UNKNOWN;
    }
    Global g = module.globals().get(defined);
    if (g.type().type() != ValType.I32 || g.init().opcode() != Opcodes.I32_CONST) {
      return RuntimeGlobals.UNKNOWN;
    }
    return g.init().immediate() & 0xffffffffL;
  }

  /** Where TLSF's {@code initialize()} put the root, or 0 when it has not run yet. */
  private static long initializedRoot(byte[] memory, long heapBase) {
    int root = Tlsf.rootOffset((int) heapBase);
    if (root <= 0 || root > memory.length - Tlsf.ROOT_SIZE) {
      return 0;
    }
    return Memory.getI32(memory, Tlsf.tailAddress(root)) != 0 ? root : 0;
  }

  /**
   * The RTTI table in static data: a count followed by the flags of Object, ArrayBuffer and
   * String (all POINTERFREE), the last such place below the heap.
   */
  static int findRtti(byte[] memory, int limit) {
    int found = -1;
    for (int a = 0; a + 16 <= limit; a += 4) {
      int count = Memory.getI32(memory, a);
      if (count >= 3 && count < RuntimeTypes.MAX_COUNT
          && a + 4L + 4L * count <= limit
          && Memory.getI32(memory, a + 4) == Typeinfo.POINTERFREE
          && Memory.getI32(memory, a + 8) == Typeinfo.POINTERFREE
          && Memory.getI32(memory, a + 12) == Typeinfo.POINTERFREE) {
        found = a;
      }
    }
    return found;
  }
}
