package dev.tricolor.wasm.validate;

import static dev.tricolor.wasm.binary.Opcodes.*;

import dev.tricolor.wasm.binary.InstructionReader;
import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.binary.OperatorTypes;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.GlobalType;
import dev.tricolor.wasm.model.LocalGroup;
import dev.tricolor.wasm.model.TableType;
import dev.tricolor.wasm.model.ValType;
import java.util.Arrays;

/**
 * Types one function body with the algorithm of the spec's validation appendix: an operand
 * stack of value types (with "unknown" below an unreachable point, so the stack is polymorphic
 * after unreachable, br, br_table and return) and a stack of control frames. One instance is
 * reused for every function of a module; it allocates only when its stacks grow.
 *
 * <pre>
 * // operand stack: vals[0 .. valCount)       one type code per value, 0 = unknown
 * // control frames: ctrl*[0 .. ctrlCount)    frame 0 is the function body
 * //   ctrlHeight[i]       operand stack height when the frame was entered
 * //   ctrlUnreachable[i]  the rest of the frame is unreachable (stack polymorphic)
 * //   ctrlIn[i], ctrlOut[i]  the block type; branches to a loop take ctrlIn, others ctrlOut
 * </pre>
 */
final class FunctionValidator {
  private static final int UNKNOWN = 0;
  private static final ValType[] NONE = new ValType[0];
  private static final ValType[][] ONE = new ValType[0x80][];

  static {
    for (ValType t : ValType.values()) {
      ONE[t.code()] = new ValType[] {t};
    }
  }

  private final ModuleContext c;
  private final InstructionReader reader;

  private int[] vals = new int[64];
  private int valCount;
  private int maxValCount;

  private int[] ctrlOpcode = new int[16];
  private int[] ctrlHeight = new int[16];
  private boolean[] ctrlUnreachable = new boolean[16];
  private ValType[][] ctrlIn = new ValType[16][];
  private ValType[][] ctrlOut = new ValType[16][];
  private int ctrlCount;

  private int[] scratch = new int[16];

  // Locals: parameters then declared locals. The first ones are expanded for quick lookup;
  // beyond that (a function may declare up to 2^32-1 locals) the groups are searched.
  private ValType[] localTypes = new ValType[64];
  private int expandedLocals;
  private long localCount;
  private long[] groupEnds = new long[8];
  private ValType[] groupTypes = new ValType[8];
  private int groupCount;

  private int functionIndex;
  private ValType[] params;

  FunctionValidator(ModuleContext c) {
    this.c = c;
    this.reader = new InstructionReader(c.module.bytes(), 0, 0);
  }

  /** Validates the body of defined function {@code functionIndex}; returns its max stack height. */
  int validate(int functionIndex, FunctionBody body) {
    this.functionIndex = functionIndex;
    int typeIndex = c.functionTypeIndex(functionIndex);
    ValType[] params = c.typeParams[typeIndex];
    ValType[] results = c.typeResults[typeIndex];
    setUpLocals(params, body);

    valCount = 0;
    maxValCount = 0;
    ctrlCount = 0;
    pushCtrl(BLOCK, NONE, results);
    reader.reset(body.codeStart(), body.end());
    while (reader.hasNext()) {
      instruction(reader.next());
    }
    if (ctrlCount != 0) {
      // The decoder guarantees a body ends with the end of its outermost block.
      throw fail("END opcode expected");
    }
    return maxValCount;
  }

  private void setUpLocals(ValType[] params, FunctionBody body) {
    groupCount = 0;
    long total = params.length;
    addGroup(total, null); // group 0: the parameters
    for (LocalGroup g : body.locals()) {
      if (g.type() == ValType.V128) {
        throw new InvalidModuleException(
            "v128 locals are not supported (SIMD)", body.start(), functionIndex, c.describeFunction(functionIndex));
      }
      total += g.count();
      addGroup(total, g.type());
    }
    localCount = total;
    int expand = (int) Math.min(total, 1 << 16);
    if (localTypes.length < expand) {
      localTypes = new ValType[Math.max(expand, localTypes.length * 2)];
    }
    System.arraycopy(params, 0, localTypes, 0, params.length);
    int i = params.length;
    for (LocalGroup g : body.locals()) {
      for (long k = 0; k < g.count() && i < expand; k++) {
        localTypes[i++] = g.type();
      }
    }
    expandedLocals = expand;
    this.params = params;
  }

  private void addGroup(long end, ValType type) {
    if (groupCount == groupEnds.length) {
      groupEnds = Arrays.copyOf(groupEnds, groupCount * 2);
      groupTypes = Arrays.copyOf(groupTypes, groupCount * 2);
    }
    groupEnds[groupCount] = end;
    groupTypes[groupCount] = type;
    groupCount++;
  }

  private ValType localType(long index) {
    if (index < expandedLocals) {
      return localTypes[(int) index];
    }
    if (index < params.length) {
      return params[(int) index];
    }
    int lo = 1;
    int hi = groupCount - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (index < groupEnds[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return groupTypes[lo];
  }

  // ---- the instructions ----

  private void instruction(int op) {
    InstructionReader r = reader;
    switch (op) {
      case UNREACHABLE -> unreachable();
      case NOP -> {}
      case BLOCK, LOOP -> {
        long bt = r.blockType();
        ValType[] in = blockParams(bt);
        ValType[] out = blockResults(bt);
        popVals(in);
        pushCtrl(op, in, out);
      }
      case IF -> {
        long bt = r.blockType();
        ValType[] in = blockParams(bt);
        ValType[] out = blockResults(bt);
        popExpect(ValType.I32);
        popVals(in);
        pushCtrl(IF, in, out);
      }
      case ELSE -> {
        int top = ctrlCount - 1;
        if (ctrlOpcode[top] != IF) {
          throw fail("else without if");
        }
        ValType[] in = ctrlIn[top];
        ValType[] out = ctrlOut[top];
        popCtrl();
        pushCtrl(ELSE, in, out);
      }
      case END -> {
        int top = ctrlCount - 1;
        ValType[] in = ctrlIn[top];
        ValType[] out = ctrlOut[top];
        boolean ifWithoutElse = ctrlOpcode[top] == IF;
        popCtrl();
        if (ifWithoutElse && !Arrays.equals(in, out)) {
          throw fail(
              "type mismatch: if without else must leave its parameters "
                  + show(in)
                  + " as results, not "
                  + show(out));
        }
        pushVals(out);
      }
      case BR -> {
        popVals(labelTypes(label(r.index())));
        unreachable();
      }
      case BR_IF -> {
        ValType[] types = labelTypes(label(r.index()));
        popExpect(ValType.I32);
        popVals(types);
        pushVals(types);
      }
      case BR_TABLE -> brTable();
      case RETURN -> {
        popVals(ctrlOut[0]);
        unreachable();
      }
      case CALL -> {
        int f = r.index();
        if (Integer.toUnsignedLong(f) >= c.functionCount) {
          throw fail("unknown function " + Integer.toUnsignedString(f));
        }
        int t = c.functionTypeIndex(f);
        popVals(c.typeParams[t]);
        pushVals(c.typeResults[t]);
      }
      case CALL_INDIRECT -> {
        TableType table = table(r.index2());
        if (table.elementType() != ValType.FUNCREF) {
          throw fail("type mismatch: call_indirect needs a table of funcref, table " + r.index2() + " holds " + table.elementType());
        }
        int t = type(r.index());
        popExpect(ValType.I32);
        popVals(c.typeParams[t]);
        pushVals(c.typeResults[t]);
      }
      case DROP -> popVal();
      case SELECT -> {
        popExpect(ValType.I32);
        int t1 = popVal();
        int t2 = popVal();
        if (isReference(t1) || isReference(t2)) {
          throw fail("type mismatch: select without a type needs numeric operands");
        }
        if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
          throw fail("type mismatch: select operands " + name(t2) + " and " + name(t1) + " differ");
        }
        push(t1 == UNKNOWN ? t2 : t1);
      }
      case SELECT_T -> {
        if (r.selectTypeCount() != 1) {
          throw fail("invalid result arity: select takes 1 type, " + r.selectTypeCount() + " given");
        }
        ValType t = r.valType();
        popExpect(ValType.I32);
        popExpect(t);
        popExpect(t);
        push(t.code());
      }
      case LOCAL_GET -> push(local(r.index()).code());
      case LOCAL_SET -> popExpect(local(r.index()));
      case LOCAL_TEE -> {
        ValType t = local(r.index());
        popExpect(t);
        push(t.code());
      }
      case GLOBAL_GET -> push(global(r.index()).type().code());
      case GLOBAL_SET -> {
        GlobalType g = global(r.index());
        if (!g.mutable()) {
          throw fail("global is immutable: global " + r.index());
        }
        popExpect(g.type());
      }
      case TABLE_GET -> {
        TableType t = table(r.index());
        popExpect(ValType.I32);
        push(t.elementType().code());
      }
      case TABLE_SET -> {
        TableType t = table(r.index());
        popExpect(t.elementType());
        popExpect(ValType.I32);
      }
      case I32_LOAD, I64_LOAD, F32_LOAD, F64_LOAD, I32_LOAD8_S, I32_LOAD8_U, I32_LOAD16_S,
          I32_LOAD16_U, I64_LOAD8_S, I64_LOAD8_U, I64_LOAD16_S, I64_LOAD16_U, I64_LOAD32_S,
          I64_LOAD32_U -> {
        memoryAccess(op);
        popExpect(ValType.I32);
        push(OperatorTypes.accessType(op).code());
      }
      case I32_STORE, I64_STORE, F32_STORE, F64_STORE, I32_STORE8, I32_STORE16, I64_STORE8,
          I64_STORE16, I64_STORE32 -> {
        memoryAccess(op);
        popExpect(OperatorTypes.accessType(op));
        popExpect(ValType.I32);
      }
      case MEMORY_SIZE -> {
        memory(0);
        push(ValType.I32.code());
      }
      case MEMORY_GROW -> {
        memory(0);
        popExpect(ValType.I32);
        push(ValType.I32.code());
      }
      case I32_CONST -> push(ValType.I32.code());
      case I64_CONST -> push(ValType.I64.code());
      case F32_CONST -> push(ValType.F32.code());
      case F64_CONST -> push(ValType.F64.code());
      case REF_NULL -> push(r.valType().code());
      case REF_IS_NULL -> {
        int t = popVal();
        if (t != UNKNOWN && !isReference(t)) {
          throw fail("type mismatch: ref.is_null needs a reference, found " + name(t));
        }
        push(ValType.I32.code());
      }
      case REF_FUNC -> {
        int f = r.index();
        if (Integer.toUnsignedLong(f) >= c.functionCount) {
          throw fail("unknown function " + Integer.toUnsignedString(f));
        }
        if (!c.refs.get(f)) {
          throw fail(
              "undeclared function reference: function "
                  + f
                  + " is not named by an element segment, a global or an export");
        }
        push(ValType.FUNCREF.code());
      }
      case MEMORY_INIT -> {
        memory(0);
        data(r.index());
        popN(ValType.I32, 3);
      }
      case DATA_DROP -> data(r.index());
      case MEMORY_COPY, MEMORY_FILL -> {
        memory(0);
        popN(ValType.I32, 3);
      }
      case TABLE_INIT -> {
        TableType t = table(r.index2());
        ValType e = elem(r.index());
        if (t.elementType() != e) {
          throw fail("type mismatch: table.init of " + e + " elements into a table of " + t.elementType());
        }
        popN(ValType.I32, 3);
      }
      case ELEM_DROP -> elem(r.index());
      case TABLE_COPY -> {
        TableType dst = table(r.index());
        TableType src = table(r.index2());
        if (dst.elementType() != src.elementType()) {
          throw fail("type mismatch: table.copy from " + src.elementType() + " to " + dst.elementType());
        }
        popN(ValType.I32, 3);
      }
      case TABLE_GROW -> {
        TableType t = table(r.index());
        popExpect(ValType.I32);
        popExpect(t.elementType());
        push(ValType.I32.code());
      }
      case TABLE_SIZE -> {
        table(r.index());
        push(ValType.I32.code());
      }
      case TABLE_FILL -> {
        TableType t = table(r.index());
        popExpect(ValType.I32);
        popExpect(t.elementType());
        popExpect(ValType.I32);
      }
      default -> {
        ValType[] in = OperatorTypes.params(op);
        if (in == null) {
          throw fail("unsupported instruction " + Opcodes.name(op));
        }
        for (int i = in.length - 1; i >= 0; i--) {
          popExpect(in[i]);
        }
        push(OperatorTypes.result(op).code());
      }
    }
  }

  private void brTable() {
    InstructionReader r = reader;
    popExpect(ValType.I32);
    ValType[] defaultTypes = labelTypes(label(r.index()));
    int arity = defaultTypes.length;
    for (int i = 0; i < r.targetCount(); i++) {
      ValType[] types = labelTypes(label(r.target(i)));
      if (types.length != arity) {
        throw fail(
            "type mismatch: br_table targets carry "
                + show(types)
                + " and "
                + show(defaultTypes)
                + " (the default)");
      }
      // Check without consuming: pop the label's types, then put back what was there.
      if (scratch.length < arity) {
        scratch = new int[arity * 2];
      }
      for (int k = arity - 1; k >= 0; k--) {
        scratch[k] = popExpect(types[k]);
      }
      for (int k = 0; k < arity; k++) {
        push(scratch[k]);
      }
    }
    popVals(defaultTypes);
    unreachable();
  }

  // ---- index spaces ----

  private int label(int depth) {
    if (Integer.toUnsignedLong(depth) >= ctrlCount) {
      throw fail("unknown label " + Integer.toUnsignedString(depth));
    }
    return ctrlCount - 1 - depth;
  }

  private ValType[] labelTypes(int frame) {
    return ctrlOpcode[frame] == LOOP ? ctrlIn[frame] : ctrlOut[frame];
  }

  private ValType local(int index) {
    long i = Integer.toUnsignedLong(index);
    if (i >= localCount) {
      throw fail("unknown local " + i);
    }
    return localType(i);
  }

  private GlobalType global(int index) {
    if (Integer.toUnsignedLong(index) >= c.globals.size()) {
      throw fail("unknown global " + Integer.toUnsignedString(index));
    }
    return c.globals.get(index);
  }

  private TableType table(int index) {
    if (Integer.toUnsignedLong(index) >= c.tables.size()) {
      throw fail("unknown table " + Integer.toUnsignedString(index));
    }
    return c.tables.get(index);
  }

  private void memory(int index) {
    if (index >= c.memoryCount) {
      throw fail("unknown memory " + index);
    }
  }

  private void memoryAccess(int op) {
    memory(0);
    int natural = OperatorTypes.naturalAlign(op);
    if (Integer.compareUnsigned(reader.align(), natural) > 0) {
      throw fail(
          "alignment must not be larger than natural: "
              + Opcodes.name(op)
              + " align 2^"
              + Integer.toUnsignedString(reader.align())
              + ", natural 2^"
              + natural);
    }
  }

  private int type(int index) {
    if (Integer.toUnsignedLong(index) >= c.typeParams.length) {
      throw fail("unknown type " + Integer.toUnsignedString(index));
    }
    return index;
  }

  private void data(int index) {
    if (Integer.toUnsignedLong(index) >= c.dataSegments) {
      throw fail("unknown data segment " + Integer.toUnsignedString(index));
    }
  }

  private ValType elem(int index) {
    if (Integer.toUnsignedLong(index) >= c.elementTypes.length) {
      throw fail("unknown elem segment " + Integer.toUnsignedString(index));
    }
    return c.elementTypes[index];
  }

  private ValType[] blockParams(long bt) {
    if (bt >= 0) {
      return c.typeParams[blockTypeIndex(bt)];
    }
    return NONE;
  }

  private ValType[] blockResults(long bt) {
    if (bt >= 0) {
      return c.typeResults[blockTypeIndex(bt)];
    }
    if (bt == InstructionReader.BLOCK_EMPTY) {
      return NONE;
    }
    if (bt == InstructionReader.BLOCK_INVALID) {
      throw fail("unknown type: negative block type");
    }
    return ONE[(int) -bt];
  }

  private int blockTypeIndex(long bt) {
    if (bt >= c.typeParams.length) {
      throw fail("unknown type " + bt);
    }
    return (int) bt;
  }

  // ---- the stacks ----

  private void push(int type) {
    if (valCount == vals.length) {
      vals = Arrays.copyOf(vals, valCount * 2);
    }
    vals[valCount++] = type;
    if (valCount > maxValCount) {
      maxValCount = valCount;
    }
  }

  private void pushVals(ValType[] types) {
    for (ValType t : types) {
      push(t.code());
    }
  }

  private int popVal() {
    int top = ctrlCount - 1;
    if (valCount == ctrlHeight[top]) {
      if (ctrlUnreachable[top]) {
        return UNKNOWN;
      }
      throw fail("type mismatch: " + Opcodes.name(reader.opcode()) + " needs an operand but the stack is empty");
    }
    return vals[--valCount];
  }

  private int popExpect(ValType expected) {
    int top = ctrlCount - 1;
    if (valCount == ctrlHeight[top]) {
      if (ctrlUnreachable[top]) {
        return UNKNOWN;
      }
      throw fail(
          "type mismatch: "
              + Opcodes.name(reader.opcode())
              + " expects "
              + expected
              + " but the stack is empty");
    }
    int actual = vals[--valCount];
    if (actual != expected.code() && actual != UNKNOWN) {
      throw fail(
          "type mismatch: " + Opcodes.name(reader.opcode()) + " expects " + expected + " but found " + name(actual));
    }
    return actual;
  }

  private void popVals(ValType[] types) {
    for (int i = types.length - 1; i >= 0; i--) {
      popExpect(types[i]);
    }
  }

  private void popN(ValType type, int n) {
    for (int i = 0; i < n; i++) {
      popExpect(type);
    }
  }

  private void pushCtrl(int opcode, ValType[] in, ValType[] out) {
    if (ctrlCount == ctrlOpcode.length) {
      int n = ctrlCount * 2;
      ctrlOpcode = Arrays.copyOf(ctrlOpcode, n);
      ctrlHeight = Arrays.copyOf(ctrlHeight, n);
      ctrlUnreachable = Arrays.copyOf(ctrlUnreachable, n);
      ctrlIn = Arrays.copyOf(ctrlIn, n);
      ctrlOut = Arrays.copyOf(ctrlOut, n);
    }
    ctrlOpcode[ctrlCount] = opcode;
    ctrlHeight[ctrlCount] = valCount;
    ctrlUnreachable[ctrlCount] = false;
    ctrlIn[ctrlCount] = in;
    ctrlOut[ctrlCount] = out;
    ctrlCount++;
    pushVals(in);
  }

  private void popCtrl() {
    int top = ctrlCount - 1;
    popVals(ctrlOut[top]);
    if (valCount != ctrlHeight[top]) {
      throw fail(
          "type mismatch: "
              + (valCount - ctrlHeight[top])
              + " value(s) left on the stack at the end of a block with results "
              + show(ctrlOut[top]));
    }
    ctrlCount--;
  }

  private void unreachable() {
    int top = ctrlCount - 1;
    valCount = ctrlHeight[top];
    ctrlUnreachable[top] = true;
  }

  // ---- messages ----

  private static boolean isReference(int code) {
    return code == ValType.FUNCREF.code() || code == ValType.EXTERNREF.code();
  }

  private static String name(int code) {
    return code == UNKNOWN ? "unknown" : ValType.fromCode(code).toString();
  }

  private static String show(ValType[] types) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < types.length; i++) {
      sb.append(i == 0 ? "" : " ").append(types[i]);
    }
    return sb.append(']').toString();
  }

  private InvalidModuleException fail(String problem) {
    return new InvalidModuleException(
        problem, reader.offset(), functionIndex, c.describeFunction(functionIndex));
  }
}
