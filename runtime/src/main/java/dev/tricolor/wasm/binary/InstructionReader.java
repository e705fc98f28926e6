package dev.tricolor.wasm.binary;

import static dev.tricolor.wasm.binary.Opcodes.*;

import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.ValType;

/**
 * Walks the instructions of a function body (or of a constant expression) in the module file,
 * one at a time, without allocating per instruction: {@link #next()} decodes the instruction at
 * the cursor into the accessor fields below and returns its opcode (numbers as in
 * {@link Opcodes}; {@code 0xFC}-prefixed ones as {@code 0xFC00 | sub}).
 *
 * <p>Which immediates an opcode has, and where they land:
 *
 * <pre>
 *   block loop if                 blockType()
 *   br br_if                      index() = label
 *   br_table                      targetCount(), target(i), index() = default label
 *   call                          index() = function
 *   call_indirect                 index() = type, index2() = table
 *   select_t                      selectTypeCount(), valType() = first type
 *   local.* global.*              index()
 *   table.get table.set           index() = table
 *   loads, stores                 align() (log2 bytes), memoryOffset() (u32)
 *   memory.size memory.grow       index() = memory (the reserved 0 byte)
 *   i32.const i64.const           constBits() = the value (i32 sign-extended)
 *   f32.const f64.const           constBits() = the IEEE bits (f32 in the low 32)
 *   ref.null                      valType() = funcref or externref
 *   ref.func                      index() = function
 *   memory.init                   index() = data segment, index2() = memory (0)
 *   data.drop                     index() = data segment
 *   memory.copy                   index() = destination memory, index2() = source memory (both 0)
 *   memory.fill                   index() = memory (0)
 *   table.init                    index() = element segment, index2() = table
 *   elem.drop                     index() = element segment
 *   table.copy                    index() = destination table, index2() = source table
 *   table.grow table.size table.fill   index() = table
 * </pre>
 *
 * Indices are u32 values in an {@code int}: compare them unsigned (or as {@code long} via
 * {@code & 0xFFFFFFFFL}); an index of 2^31 or more is out of range of anything the engine holds.
 *
 * <p>Malformed bytes (an illegal opcode, a bad LEB128, a missing reserved zero byte, running past
 * the end) throw {@link MalformedModuleException}. The decoder runs this reader over every body
 * once, so code of a parsed module never throws here.
 */
public final class InstructionReader {
  /** {@link #blockType()} of a block without results ({@code 0x40}). */
  public static final long BLOCK_EMPTY = -0x40;

  /** {@link #blockType()} of an s33 block type that is negative but no value type: invalid. */
  public static final long BLOCK_INVALID = Long.MIN_VALUE;

  private final ByteReader in;

  private int offset;
  private int opcode;
  private int index;
  private int index2;
  private long blockType;
  private int align;
  private long memoryOffset;
  private long constBits;
  private ValType valType;
  private int selectTypeCount;
  private int[] targets = new int[8];
  private int targetCount;

  /** A reader over {@code bytes[start, end)}, e.g. a body's {@code codeStart} to {@code end}. */
  public InstructionReader(byte[] bytes, int start, int end) {
    this.in = new ByteReader(bytes, start, end);
    in.inSection = true;
  }

  /** A reader over the instructions of {@code body} in {@code moduleBytes}. */
  public static InstructionReader of(byte[] moduleBytes, FunctionBody body) {
    return new InstructionReader(moduleBytes, body.codeStart(), body.end());
  }

  // Used by the decoder, which reads on in the same ByteReader.
  InstructionReader(ByteReader in) {
    this.in = in;
  }

  /** Moves the cursor to {@code start}, reading up to {@code end}. */
  public void reset(int start, int end) {
    in.pos = start;
    in.limit = end;
  }

  public boolean hasNext() {
    return in.pos < in.limit;
  }

  /** Byte offset of the next instruction (after the current one). */
  public int position() {
    return in.pos;
  }

  /** Decodes the instruction at the cursor and returns its opcode. */
  public int next() {
    ByteReader r = in;
    offset = r.pos;
    int op = r.u8();
    switch (op) {
      case BLOCK, LOOP, IF -> blockType = readBlockType();
      case BR, BR_IF, CALL, LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET, TABLE_GET,
          TABLE_SET, REF_FUNC -> index = r.u32();
      case BR_TABLE -> readBrTable();
      case CALL_INDIRECT -> {
        index = r.u32();
        index2 = r.u32();
      }
      case SELECT_T -> {
        long n = r.u32L();
        // Every type is decoded (a bad one is malformed); only the first is kept: a valid
        // select_t has exactly one.
        for (long i = 0; i < n; i++) {
          ValType t = r.valType();
          if (i == 0) {
            valType = t;
          }
        }
        selectTypeCount = (int) Math.min(n, Integer.MAX_VALUE);
      }
      case I32_LOAD, I64_LOAD, F32_LOAD, F64_LOAD, I32_LOAD8_S, I32_LOAD8_U, I32_LOAD16_S,
          I32_LOAD16_U, I64_LOAD8_S, I64_LOAD8_U, I64_LOAD16_S, I64_LOAD16_U, I64_LOAD32_S,
          I64_LOAD32_U, I32_STORE, I64_STORE, F32_STORE, F64_STORE, I32_STORE8, I32_STORE16,
          I64_STORE8, I64_STORE16, I64_STORE32 -> {
        align = r.u32();
        memoryOffset = r.u32L();
      }
      case MEMORY_SIZE, MEMORY_GROW -> index = zeroByte();
      case I32_CONST -> constBits = r.s32();
      case I64_CONST -> constBits = r.s64();
      case F32_CONST -> constBits = r.fixed32() & 0xFFFF_FFFFL;
      case F64_CONST -> constBits = r.fixed64();
      case REF_NULL -> valType = r.refType();
      case PREFIX_FC -> op = readPrefixed();
      case PREFIX_FD -> {
        long sub = r.u32L();
        throw r.error("SIMD instructions are not supported (opcode 0xfd " + sub + ")", offset);
      }
      default -> {
        if (!Opcodes.isKnown(op)) {
          throw r.error("illegal opcode 0x" + Integer.toHexString(op), offset);
        }
      }
    }
    opcode = op;
    return op;
  }

  private int readPrefixed() {
    ByteReader r = in;
    long sub = r.u32L();
    int op = sub < 0x100 ? (int) (0xFC00 | sub) : -1;
    if (op < 0 || !Opcodes.isKnown(op)) {
      throw r.error("illegal opcode 0xfc " + sub, offset);
    }
    switch (op) {
      case MEMORY_INIT -> {
        index = r.u32();
        index2 = zeroByte();
      }
      case DATA_DROP, ELEM_DROP, TABLE_GROW, TABLE_SIZE, TABLE_FILL -> index = r.u32();
      case MEMORY_COPY -> {
        index = zeroByte();
        index2 = zeroByte();
      }
      case MEMORY_FILL -> index = zeroByte();
      case TABLE_INIT, TABLE_COPY -> {
        index = r.u32();
        index2 = r.u32();
      }
      default -> {
        // saturating truncations: no immediates
      }
    }
    return op;
  }

  /** The memory index byte of Wasm 2.0 memory instructions, which must be 0. */
  private int zeroByte() {
    int at = in.pos;
    if (in.u8() != 0) {
      throw in.error("zero byte expected", at);
    }
    return 0;
  }

  private long readBlockType() {
    ByteReader r = in;
    int b = r.peek();
    if (b == 0x40) {
      r.pos++;
      return BLOCK_EMPTY;
    }
    if ((b & 0xC0) == 0x40) {
      valType = r.valType();
      return -valType.code();
    }
    long t = r.varS(33);
    return t >= 0 ? t : BLOCK_INVALID;
  }

  private void readBrTable() {
    ByteReader r = in;
    long n = r.u32L();
    int count = 0;
    for (long i = 0; i < n; i++) {
      int target = r.u32();
      if (count == targets.length) {
        int[] grown = new int[count * 2];
        System.arraycopy(targets, 0, grown, 0, count);
        targets = grown;
      }
      targets[count++] = target;
    }
    targetCount = count;
    index = r.u32();
  }

  // ---- the current instruction ----

  /** Byte offset of the current instruction's opcode in the module file. */
  public int offset() {
    return offset;
  }

  public int opcode() {
    return opcode;
  }

  /** The first index immediate (see the table in the class comment). */
  public int index() {
    return index;
  }

  /** The second index immediate (see the table in the class comment). */
  public int index2() {
    return index2;
  }

  /**
   * The block type of block, loop and if: {@link #BLOCK_EMPTY}; a single result type, encoded as
   * {@code -code} (see {@link #blockValType()}); a type index (&ge; 0, a u32); or
   * {@link #BLOCK_INVALID}.
   */
  public long blockType() {
    return blockType;
  }

  /** The result type of a block type that is a single value type, else null. */
  public ValType blockValType() {
    return blockType < BLOCK_EMPTY && blockType != BLOCK_INVALID ? valType : null;
  }

  /** log2 of the alignment a memory access declares. */
  public int align() {
    return align;
  }

  /** The static offset of a memory access (a u32). */
  public long memoryOffset() {
    return memoryOffset;
  }

  /** The value of i32/i64.const (i32 sign-extended), the bits of f32/f64.const. */
  public long constBits() {
    return constBits;
  }

  /** ref.null's type, select_t's first type, or a single-result block type. */
  public ValType valType() {
    return valType;
  }

  /** How many types select_t lists (valid only when 1). */
  public int selectTypeCount() {
    return selectTypeCount;
  }

  /** br_table's label count, the default not included. */
  public int targetCount() {
    return targetCount;
  }

  /** br_table's label {@code i}; the default is {@link #index()}. */
  public int target(int i) {
    return targets[i];
  }
}
