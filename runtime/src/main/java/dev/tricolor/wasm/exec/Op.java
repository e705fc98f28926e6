package dev.tricolor.wasm.exec;

/**
 * Opcodes of the internal code the {@link Translator} produces and the {@link Interpreter} runs.
 *
 * <p>Numbers below 0x100 that WebAssembly uses for a plain instruction (numeric ops, loads and
 * stores, locals, globals, constants) keep the WebAssembly number, so most instructions translate
 * one to one. The structured-control numbers WebAssembly needs but the internal code does not
 * (block, loop, if, else, end) are reused for resolved branches. The 0xFC-prefixed instructions
 * live at {@code 0xE0 + subopcode}.
 *
 * <pre>
 * // One instruction = opcode word, then its immediates, all ints in one int[]:
 * //
 * //   ┌────────┬──────────┬──────────┬─────
 * //   │ opcode │ imm 0    │ imm 1    │ ...     e.g. BR_ADJ: target pc, height, keep
 * //   └────────┴──────────┴──────────┴─────
 * //
 * // Branch immediates, resolved by the translator:
 * //   target  internal pc of the instruction to continue at
 * //   height  operand stack height (slots above the frame base, locals included) to drop to
 * //   keep    how many values on top of the stack move down to that height
 * </pre>
 */
public final class Op {
  private Op() {}

  public static final int UNREACHABLE = 0x00;
  public static final int NOP = 0x01;
  /** BR_ADJ target height keep. */
  public static final int BR_ADJ = 0x02;
  /** BR_BACK target: a branch to a loop with nothing to move; checks for interrupts. */
  public static final int BR_BACK = 0x03;
  /** BR_UNLESS target: pops a condition, jumps when it is zero (the translation of `if`). */
  public static final int BR_UNLESS = 0x04;
  /** BR_IF_ADJ target height keep. */
  public static final int BR_IF_ADJ = 0x05;
  /** BR_IF_BACK target. */
  public static final int BR_IF_BACK = 0x06;
  /** BR_BACK_ADJ target height keep. */
  public static final int BR_BACK_ADJ = 0x07;
  /** BR_IF_BACK_ADJ target height keep. */
  public static final int BR_IF_BACK_ADJ = 0x08;
  /** CALL_IMPORT funcIndex: a call to an imported function (host or other instance). */
  public static final int CALL_IMPORT = 0x09;
  /** A breakpoint or a stepping probe; the original opcode is kept in the pristine code. */
  public static final int BREAK = 0x0A;
  /** BR target: nothing to move, the stack already has the target's height. */
  public static final int BR = 0x0C;
  /** BR_IF target. */
  public static final int BR_IF = 0x0D;
  /** BR_TABLE count, then count + 1 triples (target, height, keep); the last is the default. */
  public static final int BR_TABLE = 0x0E;
  public static final int RETURN = 0x0F;
  /** CALL funcIndex (a function defined in this module). */
  public static final int CALL = 0x10;
  /** CALL_INDIRECT typeIndex tableIndex. */
  public static final int CALL_INDIRECT = 0x11;
  // Superinstructions (0x12..0x19): two WebAssembly instructions in one dispatch. The
  // translator fuses only neighbours with no branch target between them.
  /** LOCAL_GET2 a b: local.get a; local.get b. */
  public static final int LOCAL_GET2 = 0x12;
  /** LOCAL_GET_CONST x c: local.get x; i32.const c. */
  public static final int LOCAL_GET_CONST = 0x13;
  /** LOCAL_ADD_CONST x c: local.get x; i32.const c; i32.add (or i32.sub of -c). */
  public static final int LOCAL_ADD_CONST = 0x14;
  /** LOCAL_LOAD32 x offset: local.get x; i32.load or f32.load. */
  public static final int LOCAL_LOAD32 = 0x15;
  /** LOCAL_LOAD64 x offset: local.get x; i64.load or f64.load. */
  public static final int LOCAL_LOAD64 = 0x16;
  /** GLOBAL_GET_CONST g c: global.get g; i32.const c. */
  public static final int GLOBAL_GET_CONST = 0x17;
  /** GLOBAL_ADD_CONST g c: global.get g; i32.const c; i32.add (or i32.sub of -c). */
  public static final int GLOBAL_ADD_CONST = 0x18;
  /**
   * GLOBAL_INC g c: global.get g; i32.const c; i32.add; global.set g (AssemblyScript's shadow
   * stack pointer moving in every prologue and epilogue).
   */
  public static final int GLOBAL_INC = 0x19;
  /** LOCAL_STORE32 x offset: local.get x; i32.store or f32.store (the address is below). */
  public static final int LOCAL_STORE32 = 0x27;
  /** LOCAL_STORE64 x offset: local.get x; i64.store or f64.store. */
  public static final int LOCAL_STORE64 = 0xC5;
  /**
   * GLOBAL_LOCAL_STORE32 g x offset: global.get g; local.get x; i32.store offset (how
   * AssemblyScript spills a reference to its shadow stack).
   */
  public static final int GLOBAL_LOCAL_STORE32 = 0xC9;
  /** BR_IF_CMP cmp target: an i32 comparison (I32_EQ..I32_GE_U) then br_if, nothing to move. */
  public static final int BR_IF_CMP = 0xC6;
  /** BR_UNLESS_CMP cmp target: an i32 comparison then if (jump when it is false). */
  public static final int BR_UNLESS_CMP = 0xC7;
  /** BR_IF_BACK_CMP cmp target: an i32 comparison then br_if to a loop. */
  public static final int BR_IF_BACK_CMP = 0xC8;
  public static final int DROP = 0x1A;
  public static final int SELECT = 0x1B;

  public static final int LOCAL_GET = 0x20;
  public static final int LOCAL_SET = 0x21;
  public static final int LOCAL_TEE = 0x22;
  public static final int GLOBAL_GET = 0x23;
  public static final int GLOBAL_SET = 0x24;
  public static final int TABLE_GET = 0x25;
  public static final int TABLE_SET = 0x26;

  // Loads and stores: one immediate, the static offset (an unsigned 32-bit value in an int).
  public static final int I32_LOAD = 0x28;
  public static final int I64_LOAD = 0x29;
  public static final int F32_LOAD = 0x2A;
  public static final int F64_LOAD = 0x2B;
  public static final int I32_LOAD8_S = 0x2C;
  public static final int I32_LOAD8_U = 0x2D;
  public static final int I32_LOAD16_S = 0x2E;
  public static final int I32_LOAD16_U = 0x2F;
  public static final int I64_LOAD8_S = 0x30;
  public static final int I64_LOAD8_U = 0x31;
  public static final int I64_LOAD16_S = 0x32;
  public static final int I64_LOAD16_U = 0x33;
  public static final int I64_LOAD32_S = 0x34;
  public static final int I64_LOAD32_U = 0x35;
  public static final int I32_STORE = 0x36;
  public static final int I64_STORE = 0x37;
  public static final int F32_STORE = 0x38;
  public static final int F64_STORE = 0x39;
  public static final int I32_STORE8 = 0x3A;
  public static final int I32_STORE16 = 0x3B;
  public static final int I64_STORE8 = 0x3C;
  public static final int I64_STORE16 = 0x3D;
  public static final int I64_STORE32 = 0x3E;
  public static final int MEMORY_SIZE = 0x3F;
  public static final int MEMORY_GROW = 0x40;

  /** I32_CONST value. */
  public static final int I32_CONST = 0x41;
  /** I64_CONST low high. */
  public static final int I64_CONST = 0x42;
  /** F32_CONST bits. */
  public static final int F32_CONST = 0x43;
  /** F64_CONST low high (of the raw bits). */
  public static final int F64_CONST = 0x44;

  public static final int I32_EQZ = 0x45;
  public static final int I32_EQ = 0x46;
  public static final int I32_NE = 0x47;
  public static final int I32_LT_S = 0x48;
  public static final int I32_LT_U = 0x49;
  public static final int I32_GT_S = 0x4A;
  public static final int I32_GT_U = 0x4B;
  public static final int I32_LE_S = 0x4C;
  public static final int I32_LE_U = 0x4D;
  public static final int I32_GE_S = 0x4E;
  public static final int I32_GE_U = 0x4F;
  public static final int I64_EQZ = 0x50;
  public static final int I64_EQ = 0x51;
  public static final int I64_NE = 0x52;
  public static final int I64_LT_S = 0x53;
  public static final int I64_LT_U = 0x54;
  public static final int I64_GT_S = 0x55;
  public static final int I64_GT_U = 0x56;
  public static final int I64_LE_S = 0x57;
  public static final int I64_LE_U = 0x58;
  public static final int I64_GE_S = 0x59;
  public static final int I64_GE_U = 0x5A;
  public static final int F32_EQ = 0x5B;
  public static final int F32_NE = 0x5C;
  public static final int F32_LT = 0x5D;
  public static final int F32_GT = 0x5E;
  public static final int F32_LE = 0x5F;
  public static final int F32_GE = 0x60;
  public static final int F64_EQ = 0x61;
  public static final int F64_NE = 0x62;
  public static final int F64_LT = 0x63;
  public static final int F64_GT = 0x64;
  public static final int F64_LE = 0x65;
  public static final int F64_GE = 0x66;
  public static final int I32_CLZ = 0x67;
  public static final int I32_CTZ = 0x68;
  public static final int I32_POPCNT = 0x69;
  public static final int I32_ADD = 0x6A;
  public static final int I32_SUB = 0x6B;
  public static final int I32_MUL = 0x6C;
  public static final int I32_DIV_S = 0x6D;
  public static final int I32_DIV_U = 0x6E;
  public static final int I32_REM_S = 0x6F;
  public static final int I32_REM_U = 0x70;
  public static final int I32_AND = 0x71;
  public static final int I32_OR = 0x72;
  public static final int I32_XOR = 0x73;
  public static final int I32_SHL = 0x74;
  public static final int I32_SHR_S = 0x75;
  public static final int I32_SHR_U = 0x76;
  public static final int I32_ROTL = 0x77;
  public static final int I32_ROTR = 0x78;
  public static final int I64_CLZ = 0x79;
  public static final int I64_CTZ = 0x7A;
  public static final int I64_POPCNT = 0x7B;
  public static final int I64_ADD = 0x7C;
  public static final int I64_SUB = 0x7D;
  public static final int I64_MUL = 0x7E;
  public static final int I64_DIV_S = 0x7F;
  public static final int I64_DIV_U = 0x80;
  public static final int I64_REM_S = 0x81;
  public static final int I64_REM_U = 0x82;
  public static final int I64_AND = 0x83;
  public static final int I64_OR = 0x84;
  public static final int I64_XOR = 0x85;
  public static final int I64_SHL = 0x86;
  public static final int I64_SHR_S = 0x87;
  public static final int I64_SHR_U = 0x88;
  public static final int I64_ROTL = 0x89;
  public static final int I64_ROTR = 0x8A;
  public static final int F32_ABS = 0x8B;
  public static final int F32_NEG = 0x8C;
  public static final int F32_CEIL = 0x8D;
  public static final int F32_FLOOR = 0x8E;
  public static final int F32_TRUNC = 0x8F;
  public static final int F32_NEAREST = 0x90;
  public static final int F32_SQRT = 0x91;
  public static final int F32_ADD = 0x92;
  public static final int F32_SUB = 0x93;
  public static final int F32_MUL = 0x94;
  public static final int F32_DIV = 0x95;
  public static final int F32_MIN = 0x96;
  public static final int F32_MAX = 0x97;
  public static final int F32_COPYSIGN = 0x98;
  public static final int F64_ABS = 0x99;
  public static final int F64_NEG = 0x9A;
  public static final int F64_CEIL = 0x9B;
  public static final int F64_FLOOR = 0x9C;
  public static final int F64_TRUNC = 0x9D;
  public static final int F64_NEAREST = 0x9E;
  public static final int F64_SQRT = 0x9F;
  public static final int F64_ADD = 0xA0;
  public static final int F64_SUB = 0xA1;
  public static final int F64_MUL = 0xA2;
  public static final int F64_DIV = 0xA3;
  public static final int F64_MIN = 0xA4;
  public static final int F64_MAX = 0xA5;
  public static final int F64_COPYSIGN = 0xA6;
  public static final int I32_WRAP_I64 = 0xA7;
  public static final int I32_TRUNC_F32_S = 0xA8;
  public static final int I32_TRUNC_F32_U = 0xA9;
  public static final int I32_TRUNC_F64_S = 0xAA;
  public static final int I32_TRUNC_F64_U = 0xAB;
  public static final int I64_EXTEND_I32_S = 0xAC;
  public static final int I64_EXTEND_I32_U = 0xAD;
  public static final int I64_TRUNC_F32_S = 0xAE;
  public static final int I64_TRUNC_F32_U = 0xAF;
  public static final int I64_TRUNC_F64_S = 0xB0;
  public static final int I64_TRUNC_F64_U = 0xB1;
  public static final int F32_CONVERT_I32_S = 0xB2;
  public static final int F32_CONVERT_I32_U = 0xB3;
  public static final int F32_CONVERT_I64_S = 0xB4;
  public static final int F32_CONVERT_I64_U = 0xB5;
  public static final int F32_DEMOTE_F64 = 0xB6;
  public static final int F64_CONVERT_I32_S = 0xB7;
  public static final int F64_CONVERT_I32_U = 0xB8;
  public static final int F64_CONVERT_I64_S = 0xB9;
  public static final int F64_CONVERT_I64_U = 0xBA;
  public static final int F64_PROMOTE_F32 = 0xBB;
  public static final int I32_REINTERPRET_F32 = 0xBC;
  public static final int I64_REINTERPRET_F64 = 0xBD;
  public static final int F32_REINTERPRET_I32 = 0xBE;
  public static final int F64_REINTERPRET_I64 = 0xBF;
  public static final int I32_EXTEND8_S = 0xC0;
  public static final int I32_EXTEND16_S = 0xC1;
  public static final int I64_EXTEND8_S = 0xC2;
  public static final int I64_EXTEND16_S = 0xC3;
  public static final int I64_EXTEND32_S = 0xC4;

  /** REF_NULL: pushes the null reference (0), whatever its type. */
  public static final int REF_NULL = 0xD0;
  public static final int REF_IS_NULL = 0xD1;
  /** REF_FUNC funcIndex. */
  public static final int REF_FUNC = 0xD2;

  /** Base of the 0xFC-prefixed instructions: {@code FC + subopcode}. */
  public static final int FC = 0xE0;
  public static final int I32_TRUNC_SAT_F32_S = FC;
  public static final int I32_TRUNC_SAT_F32_U = FC + 1;
  public static final int I32_TRUNC_SAT_F64_S = FC + 2;
  public static final int I32_TRUNC_SAT_F64_U = FC + 3;
  public static final int I64_TRUNC_SAT_F32_S = FC + 4;
  public static final int I64_TRUNC_SAT_F32_U = FC + 5;
  public static final int I64_TRUNC_SAT_F64_S = FC + 6;
  public static final int I64_TRUNC_SAT_F64_U = FC + 7;
  /** MEMORY_INIT dataIndex. */
  public static final int MEMORY_INIT = FC + 8;
  /** DATA_DROP dataIndex. */
  public static final int DATA_DROP = FC + 9;
  public static final int MEMORY_COPY = FC + 10;
  public static final int MEMORY_FILL = FC + 11;
  /** TABLE_INIT elemIndex tableIndex. */
  public static final int TABLE_INIT = FC + 12;
  /** ELEM_DROP elemIndex. */
  public static final int ELEM_DROP = FC + 13;
  /** TABLE_COPY dstTable srcTable. */
  public static final int TABLE_COPY = FC + 14;
  /** TABLE_GROW tableIndex. */
  public static final int TABLE_GROW = FC + 15;
  /** TABLE_SIZE tableIndex. */
  public static final int TABLE_SIZE = FC + 16;
  /** TABLE_FILL tableIndex. */
  public static final int TABLE_FILL = FC + 17;

  /** One past the largest opcode. */
  public static final int COUNT = FC + 18;

  /** Number of immediate words after each opcode, except BR_TABLE (variable). */
  private static final byte[] IMMEDIATES = new byte[COUNT];

  static {
    for (int op : new int[] {BR, BR_IF, BR_BACK, BR_IF_BACK, BR_UNLESS, CALL, CALL_IMPORT,
        LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET, TABLE_GET, TABLE_SET, I32_CONST,
        F32_CONST, REF_FUNC, MEMORY_INIT, DATA_DROP, ELEM_DROP, TABLE_GROW, TABLE_SIZE,
        TABLE_FILL}) {
      IMMEDIATES[op] = 1;
    }
    for (int op = I32_LOAD; op <= I64_STORE32; op++) {
      IMMEDIATES[op] = 1;
    }
    for (int op : new int[] {I64_CONST, F64_CONST, CALL_INDIRECT, TABLE_INIT, TABLE_COPY,
        LOCAL_GET2, LOCAL_GET_CONST, LOCAL_ADD_CONST, LOCAL_LOAD32, LOCAL_LOAD64,
        GLOBAL_GET_CONST, GLOBAL_ADD_CONST, GLOBAL_INC, LOCAL_STORE32, LOCAL_STORE64,
        BR_IF_CMP, BR_UNLESS_CMP, BR_IF_BACK_CMP}) {
      IMMEDIATES[op] = 2;
    }
    for (int op : new int[] {BR_ADJ, BR_IF_ADJ, BR_BACK_ADJ, BR_IF_BACK_ADJ,
        GLOBAL_LOCAL_STORE32}) {
      IMMEDIATES[op] = 3;
    }
  }

  /** Words the instruction at {@code pc} occupies, opcode included. */
  public static int length(int[] code, int pc, int opcode) {
    // code may be null for any opcode but BR_TABLE
    if (opcode == BR_TABLE) {
      return 2 + 3 * (code[pc + 1] + 1);
    }
    return 1 + IMMEDIATES[opcode];
  }
}
