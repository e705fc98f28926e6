package dev.tricolor.wasm.validate;

/**
 * The module decodes but is not valid. The message starts with the spec's words for the
 * problem (as the spec tests' {@code assert_invalid} expect them), then says where: the
 * function (index and name when the module names it) and the byte offset in the module file,
 * or the section item for module-level problems.
 */
public class InvalidModuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String problem;
  private final int offset;
  private final int functionIndex;

  /**
   * @param problem what is wrong, the spec's words first
   * @param offset byte offset in the module file, or -1 when there is none to give
   * @param functionIndex the function whose code is invalid, or -1
   * @param where a description of the place, e.g. "function 12 (~lib/rt/itcms/__new)"
   */
  public InvalidModuleException(String problem, int offset, int functionIndex, String where) {
    super(problem + (offset >= 0 ? " at 0x" + Integer.toHexString(offset) : "") + (where == null ? "" : " in " + where));
    this.problem = problem;
    this.offset = offset;
    this.functionIndex = functionIndex;
  }

  /** What is wrong, without the position. */
  public String problem() {
    return problem;
  }

  /** Byte offset in the module file, or -1. */
  public int offset() {
    return offset;
  }

  /** The function whose code is invalid, or -1 for a module-level problem. */
  public int functionIndex() {
    return functionIndex;
  }
}
