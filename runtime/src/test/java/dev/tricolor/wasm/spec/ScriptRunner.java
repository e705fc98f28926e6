package dev.tricolor.wasm.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Replays the commands of one converted script, in order, against one {@link ScriptEngine}.
 * A command that does not do what the script says throws an AssertionError naming the line.
 */
final class ScriptRunner {
  private final String script;
  private final Path dir;
  private final ScriptEngine engine;

  ScriptRunner(String script, Path dir, ScriptEngine engine) {
    this.script = script;
    this.dir = dir;
    this.engine = engine;
  }

  /** A short description of {@code command} for the test's display name. */
  static String describe(Map<String, Object> command) {
    String type = (String) command.get("type");
    StringBuilder sb = new StringBuilder("line ").append(command.get("line")).append(' ').append(type);
    @SuppressWarnings("unchecked")
    Map<String, Object> action = (Map<String, Object>) command.get("action");
    if (action != null) {
      sb.append(' ').append(action.get("field"));
    } else if (command.get("text") != null) {
      sb.append(" \"").append(command.get("text")).append('"');
    }
    return sb.toString();
  }

  /** Runs one command, honouring {@link SpecSkips}. */
  @SuppressWarnings("unchecked")
  void run(Map<String, Object> c) {
    int line = ((Number) c.get("line")).intValue();
    Map<String, Object> action = (Map<String, Object>) c.get("action");
    boolean textModule = "text".equals(c.get("module_type")) && "assert_malformed".equals(c.get("type"));
    SpecSkips.Skip skip =
        SpecSkips.commandSkip(script, line, action == null ? null : (String) action.get("field"), textModule);
    if (skip == null) {
      replay(c);
    } else if (skip.kind() == SpecSkips.Kind.SKIP) {
      Assumptions.abort(skip.reason());
    } else {
      try {
        replay(c);
      } catch (AssertionError e) {
        absorbed.merge(skip, 1, Integer::sum);
        Assumptions.abort("known failure (" + skip.reason() + "): " + e.getMessage());
      }
    }
  }

  /** Fails when a known-failure entry of this script absorbed no failure: it is obsolete. */
  void checkKnownFailuresStillFail() {
    for (SpecSkips.Skip s : SpecSkips.knownFailures(script)) {
      if (!absorbed.containsKey(s)) {
        throw new AssertionError(
            "no command failed under the SpecSkips entry \"" + s + "\": the engine is fixed, delete the entry");
      }
    }
  }

  private final Map<SpecSkips.Skip, Integer> absorbed = new HashMap<>();

  @SuppressWarnings("unchecked")
  private void replay(Map<String, Object> c) {
    String type = (String) c.get("type");
    int line = ((Number) c.get("line")).intValue();
    String text = (String) c.get("text");
    Map<String, Object> action = (Map<String, Object>) c.get("action");
    switch (type) {
      case "module" -> {
        try {
          engine.instantiate(wasm(c), (String) c.get("name"));
        } catch (ScriptException e) {
          throw new AssertionError(where(line) + "module failed: " + e.getMessage(), e);
        }
      }
      case "register" -> engine.register((String) c.get("name"), (String) c.get("as"));
      case "action" -> perform(action, line);
      case "assert_return" -> assertReturn(action, (List<Object>) c.get("expected"), line);
      case "assert_trap" -> expectTrap(() -> perform(action, line), text, line);
      case "assert_exhaustion" -> expectTrap(() -> perform(action, line), text, line);
      case "assert_uninstantiable" -> expectTrap(() -> engine.instantiate(wasm(c), null), text, line);
      case "assert_malformed" ->
          expect(ScriptException.Kind.MALFORMED, () -> engine.check(wasm(c)), text, line);
      case "assert_invalid" ->
          expect(ScriptException.Kind.INVALID, () -> engine.check(wasm(c)), text, line);
      case "assert_unlinkable" ->
          expect(ScriptException.Kind.UNLINKABLE, () -> engine.instantiate(wasm(c), null), text, line);
      default -> throw new AssertionError(where(line) + "unknown command " + type);
    }
  }

  @SuppressWarnings("unchecked")
  private List<WasmValue> perform(Map<String, Object> action, int line) {
    String module = (String) action.get("module");
    String field = (String) action.get("field");
    return switch ((String) action.get("type")) {
      case "invoke" -> {
        List<WasmValue> args = new ArrayList<>();
        for (Object a : (List<Object>) action.get("args")) {
          args.add(WasmValue.argument((Map<String, Object>) a));
        }
        yield engine.invoke(module, field, args);
      }
      case "get" -> List.of(engine.get(module, field));
      default -> throw new AssertionError(where(line) + "unknown action " + action.get("type"));
    };
  }

  @SuppressWarnings("unchecked")
  private void assertReturn(Map<String, Object> action, List<Object> expectedJson, int line) {
    List<WasmValue> actual;
    try {
      actual = perform(action, line);
    } catch (ScriptException e) {
      throw new AssertionError(where(line) + action.get("field") + " failed: " + e.getMessage(), e);
    }
    List<ExpectedValue> expected = new ArrayList<>();
    for (Object o : expectedJson) {
      expected.add(ExpectedValue.of((Map<String, Object>) o));
    }
    boolean ok = actual.size() == expected.size();
    for (int i = 0; ok && i < expected.size(); i++) {
      ok = expected.get(i).matches(actual.get(i));
    }
    if (!ok) {
      throw new AssertionError(
          where(line) + action.get("field") + " returned " + actual + ", expected " + expected);
    }
  }

  private void expectTrap(Runnable r, String text, int line) {
    ScriptException e = failure(r, text, line);
    if (e.kind() != ScriptException.Kind.TRAP) {
      throw new AssertionError(where(line) + "expected trap \"" + text + "\", got " + e.kind() + ": " + e.getMessage(), e);
    }
    // The trap's kind must be the one the script names, and the engine's message must begin
    // with the script's words (which may add a detail, as "uninitialized element 2" does).
    if (!text.startsWith(e.specText()) || !e.getMessage().startsWith(text)) {
      throw new AssertionError(
          where(line) + "expected trap \"" + text + "\", got \"" + e.getMessage() + "\" (" + e.specText() + ")", e);
    }
  }

  private void expect(ScriptException.Kind kind, Runnable r, String text, int line) {
    ScriptException e = failure(r, text, line);
    if (e.kind() != kind || !e.getMessage().contains(text)) {
      throw new AssertionError(
          where(line) + "expected " + kind + " \"" + text + "\", got " + e.kind() + ": " + e.getMessage(), e);
    }
  }

  private ScriptException failure(Runnable r, String text, int line) {
    try {
      r.run();
    } catch (ScriptException e) {
      return e;
    }
    throw new AssertionError(where(line) + "expected \"" + text + "\", but it succeeded");
  }

  private byte[] wasm(Map<String, Object> c) {
    try {
      return Files.readAllBytes(dir.resolve((String) c.get("filename")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String where(int line) {
    return script + ".wast:" + line + ": ";
  }
}
