package dev.tricolor.wasm.spec;

/**
 * An engine failure as the spec scripts classify them, with the engine's own message, which
 * for each kind starts with or contains the spec's words.
 */
final class ScriptException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  enum Kind {
    /** The bytes do not decode (assert_malformed). */
    MALFORMED,
    /** The module decodes but does not validate (assert_invalid). */
    INVALID,
    /** An import is missing or does not match (assert_unlinkable). */
    UNLINKABLE,
    /** Execution trapped (assert_trap, assert_exhaustion, assert_uninstantiable). */
    TRAP
  }

  private final Kind kind;
  private final String specText;

  /**
   * @param specText for traps, the spec's words for the trap's kind (e.g. "integer overflow"),
   *     which the script's text must begin with; else null
   */
  ScriptException(Kind kind, String message, String specText, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.specText = specText;
  }

  Kind kind() {
    return kind;
  }

  String specText() {
    return specText;
  }
}
