package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.binary.Opcodes;

/**
 * Opcodes of the internal code the {@link Translator} produces and the {@link Interpreter} runs.
 *
 * <p>A WebAssembly instruction the translator copies (a numeric operator, a load or store,
 * local.get, call, return...) keeps its one-byte number from {@link Opcodes}, deliberately: most
 * instructions then translate one to one, and the interpreter names them {@code Opcodes.I32_ADD}
 * in its switch. This class names only the engine's own instructions: the branch forms with
 * resolved targets (in the slots of block, loop, if, else and br, which the internal code does
 * not need), superinstructions, {@link #BREAK}, {@link #CALL_IMPORT}, and the new numbers of the
 * 0xFC-prefixed instructions ({@code 0xE0 + subopcode}), so every opcode stays below
 * {@link #COUNT} and the interpreter's switch compiles to one dense jump table.
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
 * //
 * // Copied WebAssembly instructions, their immediates one int each:
 * //   local.* global.* table.get table.set ref.func call   the index
 * //   call_indirect                                        type index, table index
 * //   loads and stores                                     the static offset (a u32; the
 * //                                                       alignment hint is dropped)
 * //   i32.const f32.const                                  the value, the bits
 * //   i64.const f64.const                                  low word, high word (of the bits)
 * //   select t*, ref.null t, memory.size, memory.grow      none (type, memory index 0 dropped)
 * </pre>
 */
public final class Op {
  private Op() {}

  // 0x02..0x0A: block, loop, if, else and numbers WebAssembly 2.0 leaves unused; the internal
  // code has no structured control, so these slots hold resolved branches, CALL_IMPORT, BREAK.

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
  // br, br_if and br_table keep their numbers, with resolved immediates.

  /** BR target: nothing to move, the stack already has the target's height. */
  public static final int BR = Opcodes.BR;
  /** BR_IF target. */
  public static final int BR_IF = Opcodes.BR_IF;
  /** BR_TABLE count, then count + 1 triples (target, height, keep); the last is the default. */
  public static final int BR_TABLE = Opcodes.BR_TABLE;

  // Superinstructions, in numbers WebAssembly 2.0 leaves unused (0x12..0x19, 0x27, 0xC5..0xC9):
  // two or more WebAssembly instructions in one dispatch. The translator fuses only neighbours
  // with no branch target between them.
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

  /** Base of the 0xFC-prefixed instructions: {@code FC + subopcode}. */
  public static final int FC = 0xE0;
  public static final int I32_TRUNC_SAT_F32_S = FC + (Opcodes.I32_TRUNC_SAT_F32_S & 0xFF);
  public static final int I32_TRUNC_SAT_F32_U = FC + (Opcodes.I32_TRUNC_SAT_F32_U & 0xFF);
  public static final int I32_TRUNC_SAT_F64_S = FC + (Opcodes.I32_TRUNC_SAT_F64_S & 0xFF);
  public static final int I32_TRUNC_SAT_F64_U = FC + (Opcodes.I32_TRUNC_SAT_F64_U & 0xFF);
  public static final int I64_TRUNC_SAT_F32_S = FC + (Opcodes.I64_TRUNC_SAT_F32_S & 0xFF);
  public static final int I64_TRUNC_SAT_F32_U = FC + (Opcodes.I64_TRUNC_SAT_F32_U & 0xFF);
  public static final int I64_TRUNC_SAT_F64_S = FC + (Opcodes.I64_TRUNC_SAT_F64_S & 0xFF);
  public static final int I64_TRUNC_SAT_F64_U = FC + (Opcodes.I64_TRUNC_SAT_F64_U & 0xFF);
  /** MEMORY_INIT dataIndex. */
  public static final int MEMORY_INIT = FC + (Opcodes.MEMORY_INIT & 0xFF);
  /** DATA_DROP dataIndex. */
  public static final int DATA_DROP = FC + (Opcodes.DATA_DROP & 0xFF);
  public static final int MEMORY_COPY = FC + (Opcodes.MEMORY_COPY & 0xFF);
  public static final int MEMORY_FILL = FC + (Opcodes.MEMORY_FILL & 0xFF);
  /** TABLE_INIT elemIndex tableIndex. */
  public static final int TABLE_INIT = FC + (Opcodes.TABLE_INIT & 0xFF);
  /** ELEM_DROP elemIndex. */
  public static final int ELEM_DROP = FC + (Opcodes.ELEM_DROP & 0xFF);
  /** TABLE_COPY dstTable srcTable. */
  public static final int TABLE_COPY = FC + (Opcodes.TABLE_COPY & 0xFF);
  /** TABLE_GROW tableIndex. */
  public static final int TABLE_GROW = FC + (Opcodes.TABLE_GROW & 0xFF);
  /** TABLE_SIZE tableIndex. */
  public static final int TABLE_SIZE = FC + (Opcodes.TABLE_SIZE & 0xFF);
  /** TABLE_FILL tableIndex. */
  public static final int TABLE_FILL = FC + (Opcodes.TABLE_FILL & 0xFF);

  /** One past the largest opcode. */
  public static final int COUNT = TABLE_FILL + 1;

  /** The internal opcode of a 0xFC-prefixed instruction ({@code Opcodes.MEMORY_FILL}...). */
  static int prefixed(int opcode) {
    return FC + (opcode & 0xFF);
  }

  /** Number of immediate words after each opcode, except BR_TABLE (variable). */
  private static final byte[] IMMEDIATES = new byte[COUNT];

  static {
    for (int op : new int[] {BR, BR_IF, BR_BACK, BR_IF_BACK, BR_UNLESS, CALL_IMPORT,
        Opcodes.CALL, Opcodes.LOCAL_GET, Opcodes.LOCAL_SET, Opcodes.LOCAL_TEE, Opcodes.GLOBAL_GET,
        Opcodes.GLOBAL_SET, Opcodes.TABLE_GET, Opcodes.TABLE_SET, Opcodes.I32_CONST,
        Opcodes.F32_CONST, Opcodes.REF_FUNC, MEMORY_INIT, DATA_DROP, ELEM_DROP, TABLE_GROW,
        TABLE_SIZE, TABLE_FILL}) {
      IMMEDIATES[op] = 1;
    }
    for (int op = Opcodes.I32_LOAD; op <= Opcodes.I64_STORE32; op++) {
      IMMEDIATES[op] = 1;
    }
    for (int op : new int[] {Opcodes.I64_CONST, Opcodes.F64_CONST, Opcodes.CALL_INDIRECT,
        TABLE_INIT, TABLE_COPY, LOCAL_GET2, LOCAL_GET_CONST, LOCAL_ADD_CONST, LOCAL_LOAD32,
        LOCAL_LOAD64, GLOBAL_GET_CONST, GLOBAL_ADD_CONST, GLOBAL_INC, LOCAL_STORE32,
        LOCAL_STORE64, BR_IF_CMP, BR_UNLESS_CMP, BR_IF_BACK_CMP}) {
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
