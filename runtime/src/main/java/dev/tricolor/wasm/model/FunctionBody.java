package dev.tricolor.wasm.model;

import java.util.List;

/**
 * The code section entry of a defined function. All positions are byte offsets in the module
 * file (the positions asc's source maps use):
 *
 * <pre>
 * // ┌──────────┬───────────────────────┬──────────────────────────────┐
 * // │ size LEB │ local groups          │ instructions ... end (0x0B)  │
 * // └──────────┴───────────────────────┴──────────────────────────────┘
 * //            ^start                  ^codeStart                     ^end (exclusive)
 * </pre>
 *
 * @param functionIndex index in the function index space (imports come first)
 * @param locals the declared locals (parameters not included), in declaration groups
 * @param localCount total declared locals, at most 2^32 - 1
 */
public record FunctionBody(
    int functionIndex, List<LocalGroup> locals, long localCount, int start, int codeStart, int end) {

  public FunctionBody {
    locals = List.copyOf(locals);
  }

  /** The type of declared local {@code i} (0 is the first local after the parameters). */
  public ValType localType(long i) {
    long seen = 0;
    for (LocalGroup g : locals) {
      seen += g.count();
      if (i < seen) {
        return g.type();
      }
    }
    throw new IndexOutOfBoundsException("local " + i + " of " + localCount);
  }
}
