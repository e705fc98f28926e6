package dev.tricolor.wasm.binary;

import static dev.tricolor.wasm.binary.Opcodes.*;

import dev.tricolor.wasm.model.ValType;

/**
 * The fixed types of the operators whose typing depends on nothing but the opcode: numeric
 * tests, comparisons, arithmetic, conversions, sign extensions and saturating truncations, as
 * {@code [params] -> [result]}. Memory accesses also have their natural alignment here. The
 * validator checks code against these; the translator and the debugger take stack effects and
 * access sizes from them.
 */
public final class OperatorTypes {
  private OperatorTypes() {}

  private static final ValType I32 = ValType.I32;
  private static final ValType I64 = ValType.I64;
  private static final ValType F32 = ValType.F32;
  private static final ValType F64 = ValType.F64;

  // Indexed by slot(opcode): one-byte opcodes, then the 0xFC ones.
  private static final ValType[][] PARAMS = new ValType[0x200][];
  private static final ValType[] RESULT = new ValType[0x200];
  private static final ValType[] ACCESS_TYPE = new ValType[0x40];
  private static final int[] NATURAL_ALIGN = new int[0x40];

  static {
    range(I32_EQZ, I32_EQZ, I32, null, I32);
    range(I32_EQ, I32_GE_U, I32, I32, I32);
    range(I64_EQZ, I64_EQZ, I64, null, I32);
    range(I64_EQ, I64_GE_U, I64, I64, I32);
    range(F32_EQ, F32_GE, F32, F32, I32);
    range(F64_EQ, F64_GE, F64, F64, I32);
    range(I32_CLZ, I32_POPCNT, I32, null, I32);
    range(I32_ADD, I32_ROTR, I32, I32, I32);
    range(I64_CLZ, I64_POPCNT, I64, null, I64);
    range(I64_ADD, I64_ROTR, I64, I64, I64);
    range(F32_ABS, F32_SQRT, F32, null, F32);
    range(F32_ADD, F32_COPYSIGN, F32, F32, F32);
    range(F64_ABS, F64_SQRT, F64, null, F64);
    range(F64_ADD, F64_COPYSIGN, F64, F64, F64);
    range(I32_WRAP_I64, I32_WRAP_I64, I64, null, I32);
    range(I32_TRUNC_F32_S, I32_TRUNC_F32_U, F32, null, I32);
    range(I32_TRUNC_F64_S, I32_TRUNC_F64_U, F64, null, I32);
    range(I64_EXTEND_I32_S, I64_EXTEND_I32_U, I32, null, I64);
    range(I64_TRUNC_F32_S, I64_TRUNC_F32_U, F32, null, I64);
    range(I64_TRUNC_F64_S, I64_TRUNC_F64_U, F64, null, I64);
    range(F32_CONVERT_I32_S, F32_CONVERT_I32_U, I32, null, F32);
    range(F32_CONVERT_I64_S, F32_CONVERT_I64_U, I64, null, F32);
    range(F32_DEMOTE_F64, F32_DEMOTE_F64, F64, null, F32);
    range(F64_CONVERT_I32_S, F64_CONVERT_I32_U, I32, null, F64);
    range(F64_CONVERT_I64_S, F64_CONVERT_I64_U, I64, null, F64);
    range(F64_PROMOTE_F32, F64_PROMOTE_F32, F32, null, F64);
    range(I32_REINTERPRET_F32, I32_REINTERPRET_F32, F32, null, I32);
    range(I64_REINTERPRET_F64, I64_REINTERPRET_F64, F64, null, I64);
    range(F32_REINTERPRET_I32, F32_REINTERPRET_I32, I32, null, F32);
    range(F64_REINTERPRET_I64, F64_REINTERPRET_I64, I64, null, F64);
    range(I32_EXTEND8_S, I32_EXTEND16_S, I32, null, I32);
    range(I64_EXTEND8_S, I64_EXTEND32_S, I64, null, I64);
    range(I32_TRUNC_SAT_F32_S, I32_TRUNC_SAT_F32_U, F32, null, I32);
    range(I32_TRUNC_SAT_F64_S, I32_TRUNC_SAT_F64_U, F64, null, I32);
    range(I64_TRUNC_SAT_F32_S, I64_TRUNC_SAT_F32_U, F32, null, I64);
    range(I64_TRUNC_SAT_F64_S, I64_TRUNC_SAT_F64_U, F64, null, I64);

    access(I32_LOAD, I32, 2);
    access(I64_LOAD, I64, 3);
    access(F32_LOAD, F32, 2);
    access(F64_LOAD, F64, 3);
    access(I32_LOAD8_S, I32, 0);
    access(I32_LOAD8_U, I32, 0);
    access(I32_LOAD16_S, I32, 1);
    access(I32_LOAD16_U, I32, 1);
    access(I64_LOAD8_S, I64, 0);
    access(I64_LOAD8_U, I64, 0);
    access(I64_LOAD16_S, I64, 1);
    access(I64_LOAD16_U, I64, 1);
    access(I64_LOAD32_S, I64, 2);
    access(I64_LOAD32_U, I64, 2);
    access(I32_STORE, I32, 2);
    access(I64_STORE, I64, 3);
    access(F32_STORE, F32, 2);
    access(F64_STORE, F64, 3);
    access(I32_STORE8, I32, 0);
    access(I32_STORE16, I32, 1);
    access(I64_STORE8, I64, 0);
    access(I64_STORE16, I64, 1);
    access(I64_STORE32, I64, 2);
  }

  private static int slot(int opcode) {
    return opcode < 0x100 ? opcode : 0x100 | (opcode & 0xFF);
  }

  private static void range(int first, int last, ValType a, ValType b, ValType result) {
    for (int op = first; op <= last; op++) {
      PARAMS[slot(op)] = b == null ? new ValType[] {a} : new ValType[] {a, b};
      RESULT[slot(op)] = result;
    }
  }

  private static void access(int op, ValType type, int naturalAlign) {
    ACCESS_TYPE[op] = type;
    NATURAL_ALIGN[op] = naturalAlign;
  }

  /** The operand types of a fixed-type operator, or null when {@code opcode} is not one. */
  public static ValType[] params(int opcode) {
    return opcode < 0xFD00 && (opcode < 0x100 || (opcode & 0xFF00) == 0xFC00) ? PARAMS[slot(opcode)] : null;
  }

  public static ValType result(int opcode) {
    return RESULT[slot(opcode)];
  }

  /** The value type a load produces or a store consumes. */
  public static ValType accessType(int opcode) {
    return ACCESS_TYPE[opcode];
  }

  /** log2 of the access size in bytes of a load or store: the largest valid alignment. */
  public static int naturalAlign(int opcode) {
    return NATURAL_ALIGN[opcode];
  }
}
