package dev.tricolor.wasm.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded WebAssembly module: every section in the spec's terms, the raw bytes it came from
 * (code is read from them, by byte offset), and lookups across the index spaces, where imports
 * come before definitions.
 *
 * <p>A module comes from {@code dev.tricolor.wasm.binary.ModuleParser}; it is well-formed but
 * not yet validated: indices in it may be out of range until a validator has checked them.
 */
public final class WasmModule {
  /** The custom section asc writes with {@code --sourceMap}. */
  public static final String SOURCE_MAPPING_URL = "sourceMappingURL";

  private final byte[] bytes;
  private final List<FuncType> types;
  private final List<Import> imports;
  private final List<Integer> functionTypeIndices;
  private final List<TableType> tables;
  private final List<MemoryType> memories;
  private final List<Global> globals;
  private final List<Export> exports;
  private final int startFunction;
  private final boolean hasStartFunction;
  private final List<ElementSegment> elements;
  private final List<DataSegment> data;
  private final int dataCount;
  private final List<FunctionBody> bodies;
  private final List<CustomSection> customSections;
  private final NameSection names;
  private final List<String> warnings;

  // Index spaces with imports first: the import (or the definition) behind each index.
  private final int[] importedFunctionTypes;
  private final List<TableType> allTables;
  private final List<MemoryType> allMemories;
  private final List<GlobalType> allGlobalTypes;
  private final Map<String, Export> exportsByName;

  /**
   * @param functionTypeIndices the function section: the type index of each defined function
   * @param startFunction the start function's index, if {@code hasStartFunction}
   * @param dataCount the data count section's value, or -1 when the module has none
   * @param warnings problems that did not make the module malformed (e.g. a broken name
   *     section, which the spec says to ignore)
   */
  public WasmModule(
      byte[] bytes,
      List<FuncType> types,
      List<Import> imports,
      List<Integer> functionTypeIndices,
      List<TableType> tables,
      List<MemoryType> memories,
      List<Global> globals,
      List<Export> exports,
      boolean hasStartFunction,
      int startFunction,
      List<ElementSegment> elements,
      List<DataSegment> data,
      int dataCount,
      List<FunctionBody> bodies,
      List<CustomSection> customSections,
      NameSection names,
      List<String> warnings) {
    this.bytes = bytes;
    this.types = List.copyOf(types);
    this.imports = List.copyOf(imports);
    this.functionTypeIndices = List.copyOf(functionTypeIndices);
    this.tables = List.copyOf(tables);
    this.memories = List.copyOf(memories);
    this.globals = List.copyOf(globals);
    this.exports = List.copyOf(exports);
    this.hasStartFunction = hasStartFunction;
    this.startFunction = hasStartFunction ? startFunction : -1;
    this.elements = List.copyOf(elements);
    this.data = List.copyOf(data);
    this.dataCount = dataCount;
    this.bodies = List.copyOf(bodies);
    this.customSections = List.copyOf(customSections);
    this.names = names;
    this.warnings = List.copyOf(warnings);

    List<Integer> funcTypes = new ArrayList<>();
    List<TableType> allTab = new ArrayList<>();
    List<MemoryType> allMem = new ArrayList<>();
    List<GlobalType> allGlob = new ArrayList<>();
    for (Import imp : imports) {
      ImportDescriptor d = imp.descriptor();
      if (d instanceof FunctionImport f) {
        funcTypes.add(f.typeIndex());
      } else if (d instanceof TableImport t) {
        allTab.add(t.type());
      } else if (d instanceof MemoryImport m) {
        allMem.add(m.type());
      } else if (d instanceof GlobalImport g) {
        allGlob.add(g.type());
      }
    }
    this.importedFunctionTypes = funcTypes.stream().mapToInt(Integer::intValue).toArray();
    allTab.addAll(tables);
    allMem.addAll(memories);
    for (Global g : globals) {
      allGlob.add(g.type());
    }
    this.allTables = List.copyOf(allTab);
    this.allMemories = List.copyOf(allMem);
    this.allGlobalTypes = List.copyOf(allGlob);
    Map<String, Export> byName = new HashMap<>();
    for (Export e : exports) {
      byName.putIfAbsent(e.name(), e);
    }
    this.exportsByName = byName;
  }

  /** The module file. Not copied: callers must not change it. */
  public byte[] bytes() {
    return bytes;
  }

  public List<FuncType> types() {
    return types;
  }

  public List<Import> imports() {
    return imports;
  }

  /** The function section: the type index of each defined (not imported) function. */
  public List<Integer> functionTypeIndices() {
    return functionTypeIndices;
  }

  /** Tables defined by the module (imported ones not included). */
  public List<TableType> tables() {
    return tables;
  }

  /** Memories defined by the module (imported ones not included). */
  public List<MemoryType> memories() {
    return memories;
  }

  /** Globals defined by the module (imported ones not included). */
  public List<Global> globals() {
    return globals;
  }

  public List<Export> exports() {
    return exports;
  }

  /** Whether the module has a start section. */
  public boolean hasStartFunction() {
    return hasStartFunction;
  }

  /**
   * The start function's index (a u32: compare unsigned), or -1 when the module has no start
   * section; {@link #hasStartFunction()} tells the two apart.
   */
  public int startFunction() {
    return startFunction;
  }

  public List<ElementSegment> elements() {
    return elements;
  }

  public List<DataSegment> data() {
    return data;
  }

  /** The data count section's value, or -1 when there is none. */
  public int dataCount() {
    return dataCount;
  }

  /** Code section entries, one per defined function, in order. */
  public List<FunctionBody> bodies() {
    return bodies;
  }

  public List<CustomSection> customSections() {
    return customSections;
  }

  /** The name section, or {@link NameSection#EMPTY}. */
  public NameSection names() {
    return names;
  }

  /** Problems that did not make the module malformed, e.g. an undecodable name section. */
  public List<String> warnings() {
    return warnings;
  }

  // ---- index spaces (imports first) ----

  public int importedFunctionCount() {
    return importedFunctionTypes.length;
  }

  /** Imported plus defined functions. */
  public int functionCount() {
    return importedFunctionTypes.length + functionTypeIndices.size();
  }

  public boolean isImportedFunction(int functionIndex) {
    return functionIndex < importedFunctionTypes.length;
  }

  /** The type index of function {@code functionIndex}, imported or defined. */
  public int functionTypeIndex(int functionIndex) {
    int imported = importedFunctionTypes.length;
    return functionIndex < imported
        ? importedFunctionTypes[functionIndex]
        : functionTypeIndices.get(functionIndex - imported);
  }

  /** The type of function {@code functionIndex}, imported or defined. */
  public FuncType functionType(int functionIndex) {
    return types.get(functionTypeIndex(functionIndex));
  }

  /** The body of a defined function, by its index in the function index space. */
  public FunctionBody body(int functionIndex) {
    return bodies.get(functionIndex - importedFunctionTypes.length);
  }

  /** Imported then defined tables. */
  public List<TableType> allTables() {
    return allTables;
  }

  /** Imported then defined memories. */
  public List<MemoryType> allMemories() {
    return allMemories;
  }

  /** Types of imported then defined globals. */
  public List<GlobalType> allGlobalTypes() {
    return allGlobalTypes;
  }

  public int importedGlobalCount() {
    return allGlobalTypes.size() - globals.size();
  }

  /** The export named {@code name}, or null. */
  public Export export(String name) {
    return exportsByName.get(name);
  }

  /** The first custom section named {@code name}, or null. */
  public CustomSection customSection(String name) {
    for (CustomSection c : customSections) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The URL of the source map from the {@code sourceMappingURL} custom section (its content is
   * a length-prefixed UTF-8 string), or null when there is none or it is unreadable.
   */
  public String sourceMappingURL() {
    CustomSection c = customSection(SOURCE_MAPPING_URL);
    return c == null ? null : SourceMappingUrl.decode(c.content());
  }

  /**
   * A name for function {@code functionIndex} fit for messages: its name-section name, else its
   * import's {@code module.name}, else {@code "function N"}.
   */
  public String functionDisplayName(int functionIndex) {
    String name = names.functionName(functionIndex);
    if (name != null) {
      return name;
    }
    if (functionIndex >= 0 && functionIndex < importedFunctionTypes.length) {
      int seen = 0;
      for (Import imp : imports) {
        if (imp.descriptor() instanceof FunctionImport && seen++ == functionIndex) {
          return imp.module() + "." + imp.name();
        }
      }
    }
    return "function " + functionIndex;
  }
}
