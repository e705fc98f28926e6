package dev.tricolor.wasm.model;

import java.util.Map;

/**
 * The {@code name} custom section: the module name, function names, local names per function,
 * and the extended subsections binaryen writes (labels 3, types 4, tables 5, memories 6, globals
 * 7, element segments 8, data segments 9). Maps are keyed by index and keep the section's order;
 * a subsection the module lacks is an empty map.
 */
public record NameSection(
    String moduleName,
    Map<Integer, String> functionNames,
    Map<Integer, Map<Integer, String>> localNames,
    Map<Integer, Map<Integer, String>> labelNames,
    Map<Integer, String> typeNames,
    Map<Integer, String> tableNames,
    Map<Integer, String> memoryNames,
    Map<Integer, String> globalNames,
    Map<Integer, String> elemSegmentNames,
    Map<Integer, String> dataSegmentNames) {

  public static final NameSection EMPTY =
      new NameSection(
          null, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
          Map.of());

  /** The name of function {@code index}, or null. */
  public String functionName(int index) {
    return functionNames.get(index);
  }

  /** The name of local {@code local} (parameters first) of function {@code function}, or null. */
  public String localName(int function, int local) {
    Map<Integer, String> locals = localNames.get(function);
    return locals == null ? null : locals.get(local);
  }

  /** The name of global {@code index}, or null. */
  public String globalName(int index) {
    return globalNames.get(index);
  }
}
