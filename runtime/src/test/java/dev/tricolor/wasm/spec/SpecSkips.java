package dev.tricolor.wasm.spec;

import java.util.List;

/**
 * THE skip list of the spec harness: everything in the test suite that does not run, one entry
 * per line with the reason. Nothing else is skipped: every other command of every other script
 * must pass.
 */
final class SpecSkips {
  private SpecSkips() {}

  /**
   * @param script a script name, or a prefix ending in {@code *}
   * @param line 0 for the whole script; a command's line; or {@link #TEXT_MODULES}
   */
  record Skip(String script, int line, String reason) {
    boolean covers(String name) {
      return script.endsWith("*") ? name.startsWith(script.substring(0, script.length() - 1)) : name.equals(script);
    }
  }

  /** {@link Skip#line()} of the entry for assert_malformed commands on text-format modules. */
  static final int TEXT_MODULES = -1;

  private static final String UNCONVERTIBLE =
      "wast2json 1.0.32 cannot convert this script (folded reference-type syntax it does not parse)";

  static final List<Skip> SKIPS =
      List.of(
          new Skip("simd_*", 0, "SIMD not supported"),
          new Skip("table_fill", 0, UNCONVERTIBLE),
          new Skip("table_get", 0, UNCONVERTIBLE),
          new Skip("table_grow", 0, UNCONVERTIBLE),
          new Skip("table_set", 0, UNCONVERTIBLE),
          new Skip("table_size", 0, UNCONVERTIBLE),
          new Skip(
              "*",
              TEXT_MODULES,
              "assert_malformed of a text-format module checks the text parser; the engine decodes"
                  + " binary modules only"),
          new Skip(
              "select",
              324,
              "wast2json 1.0.32 writes (select (result)) as the untyped select 0x1B, so the binary"
                  + " has no result arity left to reject"));

  /** Why all of {@code script} is skipped, or null. */
  static String scriptSkip(String script) {
    return find(script, 0);
  }

  /** Why the command of {@code script} at {@code line} is skipped, or null. */
  static String commandSkip(String script, int line) {
    return find(script, line);
  }

  private static String find(String script, int line) {
    for (Skip s : SKIPS) {
      if (s.line() == line && s.covers(script)) {
        return s.reason();
      }
    }
    return null;
  }
}
