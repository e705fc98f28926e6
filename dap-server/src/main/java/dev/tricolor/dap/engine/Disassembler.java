package dev.tricolor.dap.engine;

import static dev.tricolor.wasm.binary.Opcodes.*;

import dev.tricolor.dap.session.Debuggee;
import dev.tricolor.wasm.binary.InstructionReader;
import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The module's code as text-format instructions, indexed by byte offset for {@code disassemble}.
 * Built on first use (every body decoded once), then a binary search per request.
 */
final class Disassembler {

  private final WasmModule module;
  private int[] offsets;
  private int[] ends;
  private int[] functions;

  Disassembler(WasmModule module) {
    this.module = module;
  }

  private synchronized void index() {
    if (offsets != null) {
      return;
    }
    List<int[]> all = new ArrayList<>();
    for (FunctionBody b : module.bodies()) {
      InstructionReader r = InstructionReader.of(module.bytes(), b);
      while (r.hasNext()) {
        r.next();
        all.add(new int[] {r.offset(), r.position(), b.functionIndex()});
      }
    }
    all.sort((a, c) -> Integer.compare(a[0], c[0]));
    offsets = new int[all.size()];
    ends = new int[all.size()];
    functions = new int[all.size()];
    for (int i = 0; i < all.size(); i++) {
      offsets[i] = all.get(i)[0];
      ends[i] = all.get(i)[1];
      functions[i] = all.get(i)[2];
    }
  }

  /**
   * {@code count} instructions starting {@code instructionOffset} instructions from the one at
   * (or the first after) {@code address}; places before the first or after the last instruction
   * are fillers with address -1, as DAP asks (the client lays them out by index).
   */
  List<Debuggee.Instruction> around(long address, int instructionOffset, int count) {
    index();
    int at = Arrays.binarySearch(offsets, (int) Math.min(address, Integer.MAX_VALUE));
    if (at < 0) {
      at = -at - 1;
    }
    List<Debuggee.Instruction> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      long i = (long) at + instructionOffset + k;
      if (i < 0 || i >= offsets.length) {
        out.add(new Debuggee.Instruction(-1, "", "", ""));
      } else {
        out.add(describe((int) i));
      }
    }
    return out;
  }

  private Debuggee.Instruction describe(int i) {
    int off = offsets[i];
    byte[] bytes = module.bytes();
    StringBuilder hex = new StringBuilder();
    for (int b = off; b < ends[i] && b < off + 16; b++) {
      hex.append(String.format(Locale.ROOT, "%02x ", bytes[b] & 0xFF));
    }
    InstructionReader r = new InstructionReader(bytes, off, ends[i]);
    int op = r.next();
    String name = Opcodes.name(op);
    String fn = module.names().functionName(functions[i]);
    return new Debuggee.Instruction(
        off, hex.toString().trim(), name + operands(r, op, functions[i]),
        fn != null ? fn : "$func" + functions[i]);
  }

  private String operands(InstructionReader r, int op, int function) {
    switch (op) {
      case BR, BR_IF, GLOBAL_GET, GLOBAL_SET, TABLE_GET, TABLE_SET, REF_FUNC, DATA_DROP,
          ELEM_DROP:
        String g = (op == GLOBAL_GET || op == GLOBAL_SET) ? module.names().globalName(r.index()) : null;
        return " " + Integer.toUnsignedString(r.index()) + (g != null ? " ;; " + g : "");
      case LOCAL_GET, LOCAL_SET, LOCAL_TEE:
        String l = module.names().localName(function, r.index());
        return " " + Integer.toUnsignedString(r.index()) + (l != null ? " ;; " + l : "");
      case CALL:
        String c = module.names().functionName(r.index());
        return " " + Integer.toUnsignedString(r.index()) + (c != null ? " ;; " + c : "");
      case CALL_INDIRECT:
        return " (type " + r.index() + ")";
      case BR_TABLE:
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < r.targetCount(); t++) {
          sb.append(' ').append(r.target(t));
        }
        return sb.toString();
      case I32_CONST:
        return " " + (int) r.constBits();
      case I64_CONST:
        return " " + r.constBits();
      case F32_CONST:
        return " " + Float.intBitsToFloat((int) r.constBits());
      case F64_CONST:
        return " " + Double.longBitsToDouble(r.constBits());
      default:
        if ((op >= I32_LOAD && op <= I64_STORE32)) {
          return (r.memoryOffset() != 0 ? " offset=" + r.memoryOffset() : "")
              + " align=" + (1 << r.align());
        }
        return "";
    }
  }
}
