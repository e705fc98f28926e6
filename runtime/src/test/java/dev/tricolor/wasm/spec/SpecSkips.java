package dev.tricolor.wasm.spec;

import java.util.List;

/**
 * THE skip list of the spec harness: everything in the test suite that does not run as a plain
 * pass, one entry per line with the reason. Every other command of every other script must pass.
 *
 * <p>Two kinds of entry. A {@link Kind#SKIP} does not run. A {@link Kind#KNOWN_FAILURE} runs: a
 * failure under it is reported as skipped with the reason, a pass counts as a pass, and an entry
 * under which nothing failed in a whole script fails that script's last test, so the list can
 * only shrink as the engine is fixed.
 */
final class SpecSkips {
  private SpecSkips() {}

  enum Kind {
    SKIP,
    KNOWN_FAILURE
  }

  /**
   * @param script a script name, or a prefix ending in {@code *}
   * @param line 0 for any line; a command's line; or {@link #TEXT_MODULES}
   * @param field null for any command; else only actions on the export of that name
   */
  record Skip(String script, int line, String field, Kind kind, String reason) {
    boolean coversScript(String name) {
      return script.endsWith("*")
          ? name.startsWith(script.substring(0, script.length() - 1))
          : name.equals(script);
    }

    boolean wholeScript() {
      return line == 0 && field == null;
    }

    @Override
    public String toString() {
      String where = line > 0 ? ":" + line : line == TEXT_MODULES ? " (text-format assert_malformed)" : "";
      return script + where + (field != null ? " " + field : "") + ": " + reason;
    }
  }

  /** {@link Skip#line()} of the entry for assert_malformed commands on text-format modules. */
  static final int TEXT_MODULES = -1;

  private static final String UNCONVERTIBLE =
      "wast2json 1.0.32 cannot convert this script (folded reference-type syntax it does not parse)";

  static final List<Skip> SKIPS =
      List.of(
          new Skip("simd_*", 0, null, Kind.SKIP, "SIMD not supported"),
          new Skip("table_fill", 0, null, Kind.SKIP, UNCONVERTIBLE),
          new Skip("table_get", 0, null, Kind.SKIP, UNCONVERTIBLE),
          new Skip("table_grow", 0, null, Kind.SKIP, UNCONVERTIBLE),
          new Skip("table_set", 0, null, Kind.SKIP, UNCONVERTIBLE),
          new Skip("table_size", 0, null, Kind.SKIP, UNCONVERTIBLE),
          new Skip(
              "*",
              TEXT_MODULES,
              null,
              Kind.SKIP,
              "assert_malformed of a text-format module checks the text parser; the engine decodes"
                  + " binary modules only"),
          new Skip(
              "select",
              324,
              null,
              Kind.SKIP,
              "wast2json 1.0.32 writes (select (result)) as the untyped select 0x1B, so the binary"
                  + " has no result arity left to reject"));

  /** The entry skipping all of {@code script}, or null. */
  static Skip scriptSkip(String script) {
    for (Skip s : SKIPS) {
      if (s.wholeScript() && s.kind() == Kind.SKIP && s.coversScript(script)) {
        return s;
      }
    }
    return null;
  }

  /**
   * The entry covering one command, or null.
   *
   * @param field the export an action names, or null
   * @param textModule whether the command is an assert_malformed of a text-format module
   */
  static Skip commandSkip(String script, int line, String field, boolean textModule) {
    for (Skip s : SKIPS) {
      if (!s.coversScript(script) || s.wholeScript()) {
        continue;
      }
      boolean lineMatches =
          s.line() == TEXT_MODULES ? textModule : s.line() == 0 || s.line() == line;
      boolean fieldMatches = s.field() == null || s.field().equals(field);
      if (lineMatches && fieldMatches) {
        return s;
      }
    }
    return null;
  }

  /** The known-failure entries of {@code script}. */
  static List<Skip> knownFailures(String script) {
    return SKIPS.stream().filter(s -> s.kind() == Kind.KNOWN_FAILURE && s.coversScript(script)).toList();
  }
}
