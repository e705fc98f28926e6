package dev.tricolor.wasm.binary;

import static dev.tricolor.wasm.binary.Opcodes.*;
import static dev.tricolor.wasm.binary.WasmBytes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.ValType;
import dev.tricolor.wasm.model.WasmModule;
import org.junit.jupiter.api.Test;

class InstructionReaderTest {
  // A body using every kind of immediate, in a module that decodes.
  static final byte[] CODE =
      cat(
          bytes(0x02, 0x40), // block (empty)
          bytes(0x03, 0x7F), // loop (result i32)
          bytes(0x04), u32(0), // if (type 0)
          bytes(0x0E), vec(u32(0), u32(1), u32(2)), u32(1), // br_table 0 1 2 default 1
          bytes(0x05), // else
          bytes(0x0C), u32(300), // br 300
          bytes(0x0B, 0x0B, 0x0B), // end end end
          bytes(0x11), u32(5), u32(2), // call_indirect type 5 table 2
          bytes(0x1C), vec(bytes(0x7E)), // select (result i64)
          bytes(0x28, 0x02), u32(0xFFFF_FFFFL), // i32.load align=2 offset=2^32-1
          bytes(0x41), s64(-2), // i32.const -2
          bytes(0x42), s64(Long.MIN_VALUE), // i64.const min
          bytes(0x43, 0x00, 0x00, 0xC0, 0x7F), // f32.const nan:0x400000
          bytes(0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F), // f64.const 1
          bytes(0xD0, 0x6F), // ref.null extern
          bytes(0xFC), u32(8), u32(7), bytes(0), // memory.init 7
          bytes(0xFC), u32(14), u32(3), u32(4), // table.copy 3 4
          bytes(0xFC), u32(0), // i32.trunc_sat_f32_s
          bytes(0x3F, 0x00), // memory.size
          bytes(0x0B));

  @Test
  void decodesEveryKindOfImmediateWithItsOffset() {
    int base = 100;
    byte[] bytes = cat(new byte[base], CODE);
    InstructionReader r = new InstructionReader(bytes, base, bytes.length);

    assertEquals(BLOCK, r.next());
    assertEquals(base, r.offset());
    assertEquals(InstructionReader.BLOCK_EMPTY, r.blockType());
    assertNull(r.blockValType());

    assertEquals(LOOP, r.next());
    assertEquals(base + 2, r.offset());
    assertEquals(ValType.I32, r.blockValType());

    assertEquals(IF, r.next());
    assertEquals(0, r.blockType());
    assertNull(r.blockValType());

    assertEquals(BR_TABLE, r.next());
    assertEquals(3, r.targetCount());
    assertEquals(2, r.target(2));
    assertEquals(1, r.index());

    assertEquals(ELSE, r.next());
    assertEquals(BR, r.next());
    assertEquals(300, r.index());
    assertEquals(END, r.next());
    assertEquals(END, r.next());
    assertEquals(END, r.next());

    assertEquals(CALL_INDIRECT, r.next());
    assertEquals(5, r.index());
    assertEquals(2, r.index2());

    assertEquals(SELECT_T, r.next());
    assertEquals(1, r.selectTypeCount());
    assertEquals(ValType.I64, r.valType());

    assertEquals(I32_LOAD, r.next());
    assertEquals(2, r.align());
    assertEquals(0xFFFF_FFFFL, r.memoryOffset());

    assertEquals(I32_CONST, r.next());
    assertEquals(-2, r.constBits());
    assertEquals(I64_CONST, r.next());
    assertEquals(Long.MIN_VALUE, r.constBits());
    assertEquals(F32_CONST, r.next());
    assertEquals(0x7FC00000L, r.constBits());
    assertEquals(F64_CONST, r.next());
    assertEquals(1.0, Double.longBitsToDouble(r.constBits()));
    assertEquals(REF_NULL, r.next());
    assertEquals(ValType.EXTERNREF, r.valType());

    assertEquals(MEMORY_INIT, r.next());
    assertEquals(7, r.index());
    assertEquals(TABLE_COPY, r.next());
    assertEquals(3, r.index());
    assertEquals(4, r.index2());
    assertEquals(I32_TRUNC_SAT_F32_S, r.next());
    assertEquals(MEMORY_SIZE, r.next());
    assertEquals(END, r.next());
    assertFalse(r.hasNext());
    assertEquals(bytes.length, r.position());
  }

  @Test
  void walksABodyOfAParsedModule() {
    byte[] bytes =
        module(
            section(1, vec(bytes(0x60, 1, 0x7F, 1, 0x7F))),
            section(3, vec(u32(0))),
            section(10, vec(body(vec(), bytes(0x20, 0, 0x41, 1, 0x6A, 0x0B)))));
    WasmModule m = ModuleParser.parse(bytes);
    FunctionBody f = m.body(0);
    InstructionReader r = InstructionReader.of(m.bytes(), f);
    StringBuilder seen = new StringBuilder();
    while (r.hasNext()) {
      int op = r.next();
      seen.append(Opcodes.name(op)).append('@').append(r.offset() - f.codeStart()).append(' ');
    }
    assertEquals("local.get@0 i32.const@2 i32.add@4 end@5 ", seen.toString());
  }

  @Test
  void resetMovesTheCursor() {
    InstructionReader r = new InstructionReader(CODE, 0, CODE.length);
    r.next();
    r.next();
    r.reset(0, 2);
    assertEquals(BLOCK, r.next());
    assertFalse(r.hasNext());
  }

  @Test
  void opcodeNamesAreTheSpecMnemonics() {
    assertEquals("i32.load8_u", Opcodes.name(I32_LOAD8_U));
    assertEquals("table.fill", Opcodes.name(TABLE_FILL));
    assertEquals("f64.reinterpret_i64", Opcodes.name(F64_REINTERPRET_I64));
    assertNull(Opcodes.name(0x06));
    assertFalse(Opcodes.isKnown(0xFC12));
  }

  @Test
  void anUnknownPrefixedOpcodeIsIllegal() {
    byte[] code = cat(bytes(0xFC), u32(18));
    InstructionReader r = new InstructionReader(code, 0, code.length);
    MalformedModuleException e = assertThrows(MalformedModuleException.class, r::next);
    assertTrue(e.getMessage().startsWith("illegal opcode 0xfc 18"), e.getMessage());
  }
}
