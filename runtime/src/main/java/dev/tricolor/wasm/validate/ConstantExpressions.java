package dev.tricolor.wasm.validate;

import static dev.tricolor.wasm.binary.Opcodes.*;

import dev.tricolor.wasm.binary.InstructionReader;
import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.model.ConstExpr;
import dev.tricolor.wasm.model.GlobalType;
import dev.tricolor.wasm.model.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates constant expressions (global initializers, segment offsets, element expressions):
 * only {@code t.const}, {@code ref.null}, {@code ref.func} and {@code global.get} of an
 * immutable imported global, producing exactly one value of the expected type. As in Wasm 2.0,
 * {@code global.get} may name imported globals only.
 */
final class ConstantExpressions {
  private final ModuleContext c;
  private final InstructionReader reader;

  ConstantExpressions(ModuleContext c) {
    this.c = c;
    this.reader = new InstructionReader(c.module.bytes(), 0, 0);
  }

  /** Checks {@code e} produces one {@code expected}; {@code where} names it in messages. */
  void check(ConstExpr e, ValType expected, String where) {
    List<ValType> produced = new ArrayList<>(1);
    if (e.isSingleInstruction()) {
      produced.add(typeOf(e.opcode(), e.immediate(), e.start(), where));
    } else {
      reader.reset(e.start(), e.end());
      while (reader.hasNext()) {
        int op = reader.next();
        if (op == END && !reader.hasNext()) {
          break;
        }
        long imm =
            switch (op) {
              case GLOBAL_GET, REF_FUNC -> reader.index() & 0xFFFF_FFFFL;
              case REF_NULL -> reader.valType().code();
              default -> 0;
            };
        produced.add(typeOf(op, imm, reader.offset(), where));
      }
    }
    if (produced.size() != 1 || produced.get(0) != expected) {
      throw new InvalidModuleException(
          "type mismatch: constant expression produces " + produced + " where [" + expected + "] is expected",
          e.start(),
          -1,
          where);
    }
  }

  private ValType typeOf(int op, long imm, int offset, String where) {
    switch (op) {
      case I32_CONST:
        return ValType.I32;
      case I64_CONST:
        return ValType.I64;
      case F32_CONST:
        return ValType.F32;
      case F64_CONST:
        return ValType.F64;
      case REF_NULL:
        return ValType.fromCode((int) imm);
      case REF_FUNC:
        if (imm >= c.functionCount) {
          throw new InvalidModuleException("unknown function " + imm, offset, -1, where);
        }
        return ValType.FUNCREF;
      case GLOBAL_GET:
        if (imm >= c.importedGlobals) {
          throw new InvalidModuleException(
              "unknown global " + imm + " (constant expressions may only read imported globals)",
              offset,
              -1,
              where);
        }
        GlobalType g = c.globals.get((int) imm);
        if (g.mutable()) {
          throw new InvalidModuleException(
              "constant expression required: global " + imm + " is mutable", offset, -1, where);
        }
        return g.type();
      default:
        throw new InvalidModuleException(
            "constant expression required: " + Opcodes.name(op) + " is not constant", offset, -1, where);
    }
  }
}
