package dev.tricolor.wasm.binary;

/**
 * The bytes are not a well-formed WebAssembly module. The message starts with the spec's words
 * for the problem (as the spec tests' {@code assert_malformed} expect them), then says where:
 * {@code "unexpected end of section or function at 0x1f3 in code section, function 12"}.
 */
public class MalformedModuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String problem;
  private final int offset;

  /**
   * @param problem what is wrong, in the spec's words first
   * @param offset byte offset in the module file where it went wrong
   * @param where the section and item being read, or null
   */
  public MalformedModuleException(String problem, int offset, String where) {
    super(
        problem
            + " at 0x"
            + Integer.toHexString(offset)
            + (where == null || where.isEmpty() ? "" : " in " + where));
    this.problem = problem;
    this.offset = offset;
  }

  /** What is wrong, without the position. */
  public String problem() {
    return problem;
  }

  /** Byte offset in the module file. */
  public int offset() {
    return offset;
  }
}
