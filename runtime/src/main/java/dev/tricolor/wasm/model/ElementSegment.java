package dev.tricolor.wasm.model;

import java.util.List;

/**
 * An element segment, whichever of the eight binary encodings it came from.
 *
 * @param mode active, passive or declarative
 * @param type funcref or externref
 * @param tableIndex the table an active segment initializes (0 for the other modes)
 * @param offset the offset expression of an active segment, else null
 * @param elements one constant expression per element; bare function indices (encodings 0 to 3)
 *     appear as {@code ref.func} expressions
 * @param encoding the segment's flags, 0 to 7, as in the binary format
 * @param start byte offset of the segment in the module file
 */
public record ElementSegment(
    SegmentMode mode,
    ValType type,
    int tableIndex,
    ConstExpr offset,
    List<ConstExpr> elements,
    int encoding,
    int start) {

  public ElementSegment {
    elements = List.copyOf(elements);
  }

  /** Whether the elements were written as expressions (encodings 4 to 7), not function indices. */
  public boolean usesExpressions() {
    return (encoding & 4) != 0;
  }
}
