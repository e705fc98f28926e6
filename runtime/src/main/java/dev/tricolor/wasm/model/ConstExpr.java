package dev.tricolor.wasm.model;

/**
 * A constant expression (a global's initializer, a segment's offset, an element), as the byte
 * range of its code in the module file plus its decoded form when it is a single instruction.
 *
 * <p>A valid Wasm 2.0 constant expression is exactly one of {@code i32.const}, {@code i64.const},
 * {@code f32.const}, {@code f64.const}, {@code ref.null}, {@code ref.func}, {@code global.get}
 * followed by {@code end}; for those {@link #opcode()} is that instruction (numbers as in
 * {@code dev.tricolor.wasm.binary.Opcodes}) and {@link #immediate()} its operand: the constant's
 * value or bit pattern (i32 sign-extended, floats as raw bits), the global or function index, or
 * the {@link ValType#code()} of ref.null's type. Anything else is {@link #COMPOUND}: the
 * validator reads such an expression from the bytes and rejects it, so an instance only ever
 * sees single instructions.
 *
 * <p>{@code start} is the offset of the first instruction, {@code end} the offset just past the
 * final {@code end} opcode. Elements given as bare function indices (element segment encodings 0
 * to 3) are represented as {@code ref.func} expressions whose range is that of the index.
 */
public record ConstExpr(int start, int end, int opcode, long immediate) {
  /** {@link #opcode()} of an expression that is not a single instruction. */
  public static final int COMPOUND = -1;

  public boolean isSingleInstruction() {
    return opcode != COMPOUND;
  }

  /** The global index of a {@code global.get}, the function index of a {@code ref.func}. */
  public int index() {
    return (int) immediate;
  }
}
