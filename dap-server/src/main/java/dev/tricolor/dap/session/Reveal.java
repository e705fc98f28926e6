package dev.tricolor.dap.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.tricolor.dap.variables.Child;
import dev.tricolor.dap.variables.HeapTree;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.debug.Scope;

/**
 * {@code tricolor/reveal} (DAP-CONTRACT.md): a client selects a heap object at a stop, and every
 * frame's scopes then start with that object, opened, so the Variables view shows it at the top.
 * DAP has no request that reveals a variable; a first non-expensive scope is what VS Code expands
 * by itself.
 */
final class Reveal {
  static final String SCOPE_NAME = "Selected object";

  private Reveal() {}

  /**
   * Selects the object whose payload is at {@code arguments.address}, or clears the selection
   * when the address is null or absent. Answers {@code { address, value }}: the payload address
   * and the object's row as the Heap scope shows it (both null when cleared).
   */
  static Map<String, Object> answer(StopContext at, JsonObject arguments) {
    JsonElement given = arguments == null ? null : arguments.get("address");
    Map<String, Object> out = new LinkedHashMap<>();
    if (given == null || given.isJsonNull()) {
      at.selection().clear();
      out.put("address", null);
      out.put("value", null);
      return out;
    }
    long address = parse(given);
    long size = at.view().memorySize();
    if (address < 0 || address >= size) {
      throw new RequestException(String.format(
          "0x%x is outside linear memory (%d bytes); tricolor/reveal takes an object's payload address",
          address, size));
    }
    Child row = new HeapTree(at.view()::heap).objectAtPayload(SCOPE_NAME, address);
    if (row == null) {
      throw new RequestException(String.format(
          "no object's payload starts at 0x%x (give the address __new returned, as the heap view"
              + " and :object show it)", address));
    }
    at.selection().select(address);
    out.put("address", address);
    out.put("value", row.summary());
    return out;
  }

  /**
   * The scope of the selected object, its variables the object's parts exactly as its row in the
   * Heap scope expands to; empty when nothing is selected or the object is gone (freed by
   * {@code :collect}).
   */
  static Optional<Scope> scope(StopContext at, HeapTree tree) {
    if (at.selection().isEmpty()) {
      return Optional.empty();
    }
    Child row = tree.objectAtPayload(SCOPE_NAME, at.selection().payload());
    if (row == null) {
      return Optional.empty();
    }
    Scope s = new Scope();
    s.setName(SCOPE_NAME);
    s.setPresentationHint("data");
    s.setExpensive(false);
    s.setVariablesReference(at.handles().add(row.node()));
    return Optional.of(s);
  }

  private static long parse(JsonElement given) {
    if (given.isJsonPrimitive()) {
      JsonPrimitive p = given.getAsJsonPrimitive();
      if (p.isNumber()) {
        BigDecimal d = p.getAsBigDecimal();
        try {
          return d.longValueExact();
        } catch (ArithmeticException e) {
          throw new RequestException("address " + p + " is not a whole number of bytes");
        }
      }
      if (p.isString()) {
        return Addresses.parse(p.getAsString(), Addresses.NOT_A_HEAP_ADDRESS);
      }
    }
    throw new RequestException("address must be a number or a string such as \"0x1a0\", got " + given);
  }
}
