package dev.tricolor.dap.expr;

import dev.tricolor.wasm.memory.Memory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names looked up in scopes, innermost first (a frame's locals shadow the globals), and loads
 * from a linear memory. A name also matches a scope entry by its last {@code /}-separated part
 * when exactly one entry has it, so {@code counter} finds the global {@code programs/list/counter}.
 */
public final class MemoryEvalContext implements EvalContext {
  private final List<Map<String, Value>> scopes = new ArrayList<>();
  private final Memory memory;

  /** @param memory the instance's memory, or null when the module has none */
  public MemoryEvalContext(Memory memory) {
    this.memory = memory;
  }

  /** Adds a scope searched after the ones added before. */
  public MemoryEvalContext scope(List<Value.Named> values) {
    Map<String, Value> m = new LinkedHashMap<>();
    for (Value.Named n : values) {
      m.putIfAbsent(n.name(), n.value());
    }
    scopes.add(m);
    return this;
  }

  @Override
  public Optional<Value> lookup(String name) {
    for (Map<String, Value> s : scopes) {
      Value v = s.get(name);
      if (v != null) {
        return Optional.of(v);
      }
    }
    for (Map<String, Value> s : scopes) {
      Value found = null;
      int matches = 0;
      for (Map.Entry<String, Value> e : s.entrySet()) {
        String k = e.getKey();
        if (k.endsWith("/" + name)) {
          found = e.getValue();
          matches++;
        }
      }
      if (matches == 1) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> names() {
    List<String> all = new ArrayList<>();
    for (Map<String, Value> s : scopes) {
      all.addAll(s.keySet());
    }
    return all.size() > 20 ? List.of() : all;
  }

  @Override
  public long read(long address, int size) throws ExpressionException {
    if (memory == null) {
      throw new ExpressionException("the module has no linear memory to load from", 0);
    }
    if (!memory.inBounds(address, size)) {
      throw new ExpressionException(
          String.format(
              "load of %d bytes at 0x%x is out of bounds (memory is %d bytes)",
              size, address, memory.size()),
          0);
    }
    return switch (size) {
      case 1 -> memory.loadI8(address) & 0xFFL;
      case 2 -> memory.loadI16(address) & 0xFFFFL;
      case 4 -> memory.loadU32(address);
      default -> memory.loadI64(address);
    };
  }
}
