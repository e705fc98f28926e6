package dev.tricolor.wasm.exec;

/**
 * Why execution stopped abnormally. The texts are the WebAssembly specification's own words, as
 * the spec test scripts expect them in {@code assert_trap}; debuggers show them verbatim.
 */
public enum TrapKind {
  UNREACHABLE("unreachable"),
  INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
  INTEGER_OVERFLOW("integer overflow"),
  INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
  OUT_OF_BOUNDS_MEMORY_ACCESS("out of bounds memory access"),
  OUT_OF_BOUNDS_TABLE_ACCESS("out of bounds table access"),
  UNDEFINED_ELEMENT("undefined element"),
  UNINITIALIZED_ELEMENT("uninitialized element"),
  INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
  CALL_STACK_EXHAUSTED("call stack exhausted"),
  /** The guest called a host abort (AssemblyScript's {@code env.abort}). */
  HOST_ABORT("abort"),
  /** A host function failed for a reason of its own; the message says which. */
  HOST_ERROR("host function failed");

  private final String specText;

  TrapKind(String specText) {
    this.specText = specText;
  }

  /** The specification's wording for this trap, e.g. {@code "integer divide by zero"}. */
  public String specText() {
    return specText;
  }
}
