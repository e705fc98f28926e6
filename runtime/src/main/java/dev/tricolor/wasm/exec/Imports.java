package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.memory.Memory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an instantiation may import, by module and field name: functions ({@link WasmFunction}),
 * globals ({@link GlobalCell}), tables ({@link Table}) and memories ({@link Memory}).
 */
public final class Imports {
  private final Map<String, Map<String, Object>> byModule = new LinkedHashMap<>();

  public Imports add(String module, String name, Object extern) {
    if (!(extern instanceof WasmFunction || extern instanceof GlobalCell
        || extern instanceof Table || extern instanceof Memory)) {
      throw new IllegalArgumentException("cannot import a " + extern.getClass().getSimpleName());
    }
    byModule.computeIfAbsent(module, k -> new LinkedHashMap<>()).put(name, extern);
    return this;
  }

  /** A host function, registered in {@code store}. */
  public Imports addFunction(
      Store store, String module, String name, FuncType type, HostFunction body) {
    return add(module, name, store.hostFunction(module, name, type, body));
  }

  /** Every export of {@code instance} under module name {@code module} (the spec's register). */
  public Imports addInstance(String module, Instance instance) {
    instance.exports().forEach((name, extern) -> add(module, name, extern));
    return this;
  }

  public Imports addAll(Imports other) {
    other.byModule.forEach((m, fields) -> fields.forEach((n, e) -> add(m, n, e)));
    return this;
  }

  /** The extern for {@code module.name}, or null. */
  public Object get(String module, String name) {
    Map<String, Object> fields = byModule.get(module);
    return fields == null ? null : fields.get(name);
  }
}
