package dev.tricolor.wasm.exec;

/**
 * Translates one WebAssembly function body into internal code ({@link Op}): structured control
 * becomes jumps with resolved targets and stack heights, so the interpreter never searches for a
 * block's end. The body must have passed validation; the translator trusts it.
 *
 * <p>Heights count stack slots above the frame base, locals included: a function with 2 params and
 * 3 locals starts its operand stack at height 5. Code after an unconditional branch is unreachable
 * (its stack is polymorphic) and is not emitted.
 */
public final class Translator {
  private static final int KIND_FUNC = 0;
  private static final int KIND_BLOCK = 1;
  private static final int KIND_LOOP = 2;
  private static final int KIND_IF = 3;

  /** One open block, loop, if or the function itself. */
  private static final class Control {
    int kind;
    int startHeight;
    int params;
    int results;
    int loopPc;
    int elseFixup = -1;
    boolean deadAtEntry;
    boolean unreachable;
    final IntBuffer fixups = new IntBuffer(4);
  }

  private final ModuleShape shape;
  private final byte[] bytes;
  private int p;

  private final IntBuffer out = new IntBuffer(256);
  private final IntBuffer pcs = new IntBuffer(128);
  private final IntBuffer offsets = new IntBuffer(128);
  /** Module offsets of instructions fused into the one before, and that one's pc. */
  private final IntBuffer aliasOffsets = new IntBuffer(16);
  private final IntBuffer aliasPcs = new IntBuffer(16);
  /** Pc of the last instruction the next one may fuse into, or -1 after a possible label. */
  private int fusePc = -1;
  /** The instruction before fusePc, when nothing may branch between the two; else -1. */
  private int prevFusePc = -1;
  private Control[] controls = new Control[16];
  private int depth;
  private int height;
  private int maxHeight;

  private Translator(ModuleShape shape, byte[] bytes, int start) {
    this.shape = shape;
    this.bytes = bytes;
    this.p = start;
  }

  /**
   * Translates the body of function {@code funcIndex} that occupies {@code [start, end)} of
   * {@code moduleBytes} (the body proper: its locals vector, then its expression), so that code
   * offsets are positions in the module file.
   */
  public static CompiledCode translate(
      ModuleShape shape, int funcIndex, byte[] moduleBytes, int start, int end) {
    return new Translator(shape, moduleBytes, start).run(funcIndex, end);
  }

  private CompiledCode run(int funcIndex, int end) {
    int type = shape.funcTypes()[funcIndex];
    int numParams = shape.typeParams()[type];
    int numResults = shape.typeResults()[type];
    byte[] paramTypes = paramTypes(funcIndex);
    // Locals: a vector of (count, type) runs.
    int runs = readU32();
    long total = numParams;
    int mark = p;
    for (int i = 0; i < runs; i++) {
      total += Integer.toUnsignedLong(readU32());
      p++;
    }
    if (total > 50_000) {
      throw new IllegalArgumentException("too many locals: " + total);
    }
    byte[] localTypes = new byte[(int) total];
    System.arraycopy(paramTypes, 0, localTypes, 0, numParams);
    p = mark;
    int k = numParams;
    for (int i = 0; i < runs; i++) {
      int n = readU32();
      byte t = bytes[p++];
      for (int j = 0; j < n; j++) {
        localTypes[k++] = t;
      }
    }
    int startOffset = p;
    height = localTypes.length;
    maxHeight = height;
    Control f = push(KIND_FUNC, height, 0, numResults, false);
    f.loopPc = -1;
    while (depth > 0) {
      instruction();
    }
    if (p != end) {
      throw new IllegalArgumentException(
          "function body ends at 0x" + Integer.toHexString(p) + ", expected 0x"
              + Integer.toHexString(end));
    }
    return new CompiledCode(
        out.toArray(),
        pcs.toArray(),
        offsets.toArray(),
        aliasOffsets.toArray(),
        aliasPcs.toArray(),
        localTypes,
        numParams,
        numResults,
        maxHeight + 1,
        startOffset,
        end - 1);
  }

  /** Parameter type codes of a function: filled in by {@link #paramTypesProvider}. */
  private byte[] paramTypes(int funcIndex) {
    byte[] t = paramTypesProvider == null ? null : paramTypesProvider.apply(funcIndex);
    if (t == null) {
      int n = shape.typeParams()[shape.funcTypes()[funcIndex]];
      t = new byte[n];
      java.util.Arrays.fill(t, (byte) 0x7F);
    }
    return t;
  }

  private java.util.function.IntFunction<byte[]> paramTypesProvider;

  /** As {@link #translate}, with the parameter types known (for debuggers showing locals). */
  public static CompiledCode translate(
      ModuleShape shape,
      java.util.function.IntFunction<byte[]> paramTypes,
      int funcIndex,
      byte[] moduleBytes,
      int start,
      int end) {
    Translator t = new Translator(shape, moduleBytes, start);
    t.paramTypesProvider = paramTypes;
    return t.run(funcIndex, end);
  }

  private Control push(int kind, int startHeight, int params, int results, boolean dead) {
    if (depth == controls.length) {
      controls = java.util.Arrays.copyOf(controls, depth * 2);
    }
    Control c = controls[depth];
    if (c == null) {
      c = controls[depth] = new Control();
    }
    c.kind = kind;
    c.startHeight = startHeight;
    c.params = params;
    c.results = results;
    c.loopPc = -1;
    c.elseFixup = -1;
    c.deadAtEntry = dead;
    c.unreachable = dead;
    c.fixups.clear();
    depth++;
    return c;
  }

  private Control top() {
    return controls[depth - 1];
  }

  private boolean live() {
    return !controls[depth - 1].unreachable;
  }

  private void markInstruction(int offset) {
    pcs.add(out.size());
    offsets.add(offset);
  }

  private void emit(int offset, int op) {
    markInstruction(offset);
    prevFusePc = fusePc;
    fusePc = out.size();
    out.add(op);
  }

  /** Whether the last instruction is {@code op} and nothing may branch to just after it. */
  private boolean after(int op) {
    return fusePc >= 0 && out.get(fusePc) == op && out.size() == fusePc + 1 + immediates(op);
  }

  private static int immediates(int op) {
    return Op.length(null, 0, op) - 1;
  }

  /** The last instruction if it is an i32 comparison that a branch may absorb, else -1. */
  private int lastCompare() {
    for (int op = Op.I32_EQ; op <= Op.I32_GE_U; op++) {
      if (after(op)) {
        return op;
      }
    }
    return -1;
  }

  /** Turns the last instruction into {@code fused}, which now also stands for offset {@code at}. */
  private void fuse(int at, int fused) {
    out.set(fusePc, fused);
    aliasOffsets.add(at);
    aliasPcs.add(fusePc);
  }

  private void adjust(int delta) {
    height += delta;
    if (height > maxHeight) {
      maxHeight = height;
    }
  }

  private void instruction() {
    int at = p;
    int opcode = bytes[p++] & 0xFF;
    boolean live = live();
    instruction(at, opcode, live);
    if (opcode >= 0x02 && opcode <= 0x11) {
      fusePc = -1; // labels, branches and calls: what follows may be a branch target
    }
  }

  private void instruction(int at, int opcode, boolean live) {
    switch (opcode) {
      case 0x00 -> { // unreachable
        if (live) {
          emit(at, Op.UNREACHABLE);
          top().unreachable = true;
        }
      }
      case 0x01 -> {} // nop: nothing to run
      case 0x02, 0x03, 0x04 -> structured(at, opcode, live);
      case 0x05 -> elseBranch(at);
      case 0x0B -> end(at);
      case 0x0C -> { // br
        int l = readU32();
        if (live) {
          branch(at, l, false);
          top().unreachable = true;
        }
      }
      case 0x0D -> { // br_if
        int l = readU32();
        if (live) {
          adjust(-1);
          branch(at, l, true);
        }
      }
      case 0x0E -> brTable(at, live);
      case 0x0F -> {
        if (live) {
          emit(at, Op.RETURN);
          top().unreachable = true;
        }
      }
      case 0x10 -> { // call
        int f = readU32();
        if (live) {
          emit(at, f < shape.importedFunctions() ? Op.CALL_IMPORT : Op.CALL);
          out.add(f);
          int t = shape.funcTypes()[f];
          adjust(-shape.typeParams()[t]);
          adjust(shape.typeResults()[t]);
        }
      }
      case 0x11 -> { // call_indirect
        int t = readU32();
        int table = readU32();
        if (live) {
          emit(at, Op.CALL_INDIRECT);
          out.add(t);
          out.add(table);
          adjust(-1 - shape.typeParams()[t]);
          adjust(shape.typeResults()[t]);
        }
      }
      case 0x1A -> simple(at, live, Op.DROP, -1);
      case 0x1B -> simple(at, live, Op.SELECT, -2);
      case 0x1C -> { // select t*
        int n = readU32();
        p += n; // value types are single bytes in Wasm 2.0
        simple(at, live, Op.SELECT, -2);
      }
      case 0x20 -> {
        if (live && after(Op.LOCAL_GET)) {
          int x = readU32();
          fuse(at, Op.LOCAL_GET2);
          out.add(x);
          adjust(1);
        } else {
          withIndex(at, live, Op.LOCAL_GET, 1);
        }
      }
      case 0x21 -> withIndex(at, live, Op.LOCAL_SET, -1);
      case 0x22 -> withIndex(at, live, Op.LOCAL_TEE, 0);
      case 0x23 -> withIndex(at, live, Op.GLOBAL_GET, 1);
      case 0x24 -> {
        int g = readU32();
        if (live && after(Op.GLOBAL_ADD_CONST) && out.get(fusePc + 1) == g) {
          fuse(at, Op.GLOBAL_INC);
          adjust(-1);
        } else if (live) {
          emit(at, Op.GLOBAL_SET);
          out.add(g);
          adjust(-1);
        }
      }
      case 0x25 -> withIndex(at, live, Op.TABLE_GET, 0);
      case 0x26 -> withIndex(at, live, Op.TABLE_SET, -2);
      case 0x3F, 0x40 -> { // memory.size, memory.grow: memory index byte
        p++;
        simple(at, live, opcode, opcode == 0x3F ? 1 : 0);
      }
      case 0x41 -> {
        int v = readS32();
        if (live && after(Op.LOCAL_GET)) {
          fuse(at, Op.LOCAL_GET_CONST);
          out.add(v);
          adjust(1);
        } else if (live && after(Op.GLOBAL_GET)) {
          fuse(at, Op.GLOBAL_GET_CONST);
          out.add(v);
          adjust(1);
        } else if (live) {
          emit(at, Op.I32_CONST);
          out.add(v);
          adjust(1);
        }
      }
      case 0x42 -> {
        long v = readS64();
        if (live) {
          emit(at, Op.I64_CONST);
          out.add((int) v);
          out.add((int) (v >>> 32));
          adjust(1);
        }
      }
      case 0x43 -> {
        int v = (bytes[p] & 0xFF) | (bytes[p + 1] & 0xFF) << 8 | (bytes[p + 2] & 0xFF) << 16
            | (bytes[p + 3] & 0xFF) << 24;
        p += 4;
        if (live) {
          emit(at, Op.F32_CONST);
          out.add(v);
          adjust(1);
        }
      }
      case 0x44 -> {
        int lo = (bytes[p] & 0xFF) | (bytes[p + 1] & 0xFF) << 8 | (bytes[p + 2] & 0xFF) << 16
            | (bytes[p + 3] & 0xFF) << 24;
        int hi = (bytes[p + 4] & 0xFF) | (bytes[p + 5] & 0xFF) << 8
            | (bytes[p + 6] & 0xFF) << 16 | (bytes[p + 7] & 0xFF) << 24;
        p += 8;
        if (live) {
          emit(at, Op.F64_CONST);
          out.add(lo);
          out.add(hi);
          adjust(1);
        }
      }
      case 0xD0 -> { // ref.null t
        p++;
        simple(at, live, Op.REF_NULL, 1);
      }
      case 0xD1 -> simple(at, live, Op.REF_IS_NULL, 0);
      case 0xD2 -> withIndex(at, live, Op.REF_FUNC, 1);
      case 0xFC -> prefixed(at, live);
      default -> {
        if (opcode >= 0x28 && opcode <= 0x3E) {
          readU32(); // alignment: a hint only
          int offset = readU32();
          if (live && opcode <= Op.F64_LOAD && after(Op.LOCAL_GET)) {
            boolean wide = opcode == Op.I64_LOAD || opcode == Op.F64_LOAD;
            fuse(at, wide ? Op.LOCAL_LOAD64 : Op.LOCAL_LOAD32);
            out.add(offset);
          } else if (live && opcode == Op.I32_STORE && after(Op.LOCAL_GET)
              && prevFusePc >= 0 && prevFusePc + 2 == fusePc
              && out.get(prevFusePc) == Op.GLOBAL_GET) {
            // global.get g; local.get x; i32.store: one instruction at the global.get
            int x = out.get(fusePc + 1);
            int localGetOffset = offsets.get(offsets.size() - 1);
            pcs.removeLast();
            offsets.removeLast();
            aliasOffsets.add(localGetOffset);
            aliasPcs.add(prevFusePc);
            fusePc = prevFusePc;
            prevFusePc = -1;
            fuse(at, Op.GLOBAL_LOCAL_STORE32);
            out.set(fusePc + 2, x);
            out.set(fusePc + 3, offset);
            adjust(-2);
          } else if (live && opcode >= Op.I32_STORE && opcode <= Op.F64_STORE
              && after(Op.LOCAL_GET)) {
            boolean wide = opcode == Op.I64_STORE || opcode == Op.F64_STORE;
            fuse(at, wide ? Op.LOCAL_STORE64 : Op.LOCAL_STORE32);
            out.add(offset);
            adjust(-2);
          } else if (live) {
            emit(at, opcode);
            out.add(offset);
            adjust(opcode >= Op.I32_STORE ? -2 : 0);
          }
        } else if (live && (opcode == Op.I32_ADD || opcode == Op.I32_SUB)
            && (after(Op.LOCAL_GET_CONST) || after(Op.GLOBAL_GET_CONST))) {
          fuse(at, out.get(fusePc) == Op.LOCAL_GET_CONST ? Op.LOCAL_ADD_CONST
              : Op.GLOBAL_ADD_CONST);
          if (opcode == Op.I32_SUB) {
            out.set(fusePc + 2, -out.get(fusePc + 2));
          }
          adjust(-1);
        } else if (opcode >= 0x45 && opcode <= 0xC4) {
          simple(at, live, opcode, numericEffect(opcode));
        } else {
          throw new IllegalArgumentException(
              String.format("unsupported opcode 0x%02x at 0x%x", opcode, at));
        }
      }
    }
  }

  private static int numericEffect(int op) {
    if (op == Op.I32_EQZ || op == Op.I64_EQZ) {
      return 0;
    }
    if (op <= Op.F64_GE) {
      return -1; // comparisons
    }
    if ((op >= Op.I32_CLZ && op <= Op.I32_POPCNT)
        || (op >= Op.I64_CLZ && op <= Op.I64_POPCNT)
        || (op >= Op.F32_ABS && op <= Op.F32_SQRT)
        || (op >= Op.F64_ABS && op <= Op.F64_SQRT)
        || op >= Op.I32_WRAP_I64) {
      return 0; // unary operators and conversions
    }
    return -1; // binary operators
  }

  private void simple(int at, boolean live, int op, int effect) {
    if (live) {
      emit(at, op);
      adjust(effect);
    }
  }

  private void withIndex(int at, boolean live, int op, int effect) {
    int index = readU32();
    if (live) {
      emit(at, op);
      out.add(index);
      adjust(effect);
    }
  }

  private void prefixed(int at, boolean live) {
    int sub = readU32();
    switch (sub) {
      case 0, 1, 2, 3, 4, 5, 6, 7 -> simple(at, live, Op.FC + sub, 0);
      case 8 -> { // memory.init data 0x00
        int data = readU32();
        p++;
        if (live) {
          emit(at, Op.MEMORY_INIT);
          out.add(data);
          adjust(-3);
        }
      }
      case 9 -> withIndex(at, live, Op.DATA_DROP, 0);
      case 10 -> {
        p += 2;
        simple(at, live, Op.MEMORY_COPY, -3);
      }
      case 11 -> {
        p++;
        simple(at, live, Op.MEMORY_FILL, -3);
      }
      case 12, 14 -> { // table.init elem table, table.copy dst src
        int a = readU32();
        int b = readU32();
        if (live) {
          emit(at, sub == 12 ? Op.TABLE_INIT : Op.TABLE_COPY);
          out.add(a);
          out.add(b);
          adjust(-3);
        }
      }
      case 13 -> withIndex(at, live, Op.ELEM_DROP, 0);
      case 15 -> withIndex(at, live, Op.TABLE_GROW, -1);
      case 16 -> withIndex(at, live, Op.TABLE_SIZE, 1);
      case 17 -> withIndex(at, live, Op.TABLE_FILL, -3);
      default -> throw new IllegalArgumentException(
          String.format("unsupported opcode 0xfc %d at 0x%x", sub, at));
    }
  }

  // ---- control ----

  private void structured(int at, int opcode, boolean live) {
    int[] pr = blockType();
    int params = pr[0];
    int results = pr[1];
    if (!live) {
      push(opcode == 0x03 ? KIND_LOOP : opcode == 0x04 ? KIND_IF : KIND_BLOCK, 0, params, results,
          true);
      return;
    }
    if (opcode == 0x04) {
      adjust(-1); // the condition
      int cmp = lastCompare();
      if (after(Op.I32_EQZ)) {
        fuse(at, Op.BR_IF); // if (i32.eqz x): skip the then-branch when x is not zero
      } else if (cmp >= 0) {
        fuse(at, Op.BR_UNLESS_CMP);
        out.add(cmp);
      } else {
        emit(at, Op.BR_UNLESS);
      }
      int fix = out.size();
      out.add(-1);
      Control c = push(KIND_IF, height - params, params, results, false);
      c.elseFixup = fix;
    } else if (opcode == 0x03) {
      if (out.size() == 0) {
        // A loop at pc 0 would make branches back to it look like function entries to a probe.
        emit(at, Op.NOP);
      }
      Control c = push(KIND_LOOP, height - params, params, results, false);
      c.loopPc = out.size();
    } else {
      push(KIND_BLOCK, height - params, params, results, false);
    }
  }

  private void elseBranch(int at) {
    Control c = top();
    if (c.deadAtEntry) {
      return;
    }
    if (!c.unreachable) {
      emit(at, Op.BR);
      c.fixups.add(out.size());
      out.add(-1);
    }
    out.set(c.elseFixup, out.size());
    c.elseFixup = -1;
    c.unreachable = false;
    height = c.startHeight + c.params;
  }

  private void end(int at) {
    Control c = top();
    if (c.kind == KIND_FUNC) {
      // Always emitted: the fall-through return, and the target of br_table to the function.
      int endPc = out.size();
      emit(at, Op.RETURN);
      patch(c, endPc);
      depth--;
      return;
    }
    depth--;
    if (c.deadAtEntry) {
      return;
    }
    int endPc = out.size();
    patch(c, endPc);
    if (c.elseFixup >= 0) {
      out.set(c.elseFixup, endPc);
    }
    height = c.startHeight + c.results;
    if (height > maxHeight) {
      maxHeight = height;
    }
  }

  private void patch(Control c, int pc) {
    for (int i = 0; i < c.fixups.size(); i++) {
      out.set(c.fixups.get(i), pc);
    }
  }

  /** Emits br or br_if to label {@code l}; for br_if the condition is already popped. */
  private void branch(int at, int l, boolean conditional) {
    Control t = controls[depth - 1 - l];
    if (t.kind == KIND_FUNC) {
      if (conditional) {
        emit(at, Op.BR_UNLESS);
        int skip = out.size();
        out.add(-1);
        // The RETURN counts as an instruction of its own so exit probes and stepping see it.
        pcs.add(out.size());
        offsets.add(at);
        out.add(Op.RETURN);
        out.set(skip, out.size());
      } else {
        emit(at, Op.RETURN);
      }
      return;
    }
    boolean back = t.kind == KIND_LOOP;
    int keep = back ? t.params : t.results;
    boolean plain = height == t.startHeight + keep;
    int op;
    if (back) {
      op = conditional ? (plain ? Op.BR_IF_BACK : Op.BR_IF_BACK_ADJ)
          : (plain ? Op.BR_BACK : Op.BR_BACK_ADJ);
    } else {
      op = conditional ? (plain ? Op.BR_IF : Op.BR_IF_ADJ) : (plain ? Op.BR : Op.BR_ADJ);
    }
    int cmp = conditional && plain ? lastCompare() : -1;
    if (conditional && plain && !back && after(Op.I32_EQZ)) {
      fuse(at, op == Op.BR_IF ? Op.BR_UNLESS : op);
    } else if (cmp >= 0) {
      fuse(at, back ? Op.BR_IF_BACK_CMP : Op.BR_IF_CMP);
      out.add(cmp);
    } else {
      emit(at, op);
    }
    target(t);
    if (!plain) {
      out.add(t.startHeight);
      out.add(keep);
    }
  }

  private void target(Control t) {
    if (t.kind == KIND_LOOP) {
      out.add(t.loopPc);
    } else {
      t.fixups.add(out.size());
      out.add(-1);
    }
  }

  private void brTable(int at, boolean live) {
    int n = readU32();
    if (!live) {
      for (int i = 0; i <= n; i++) {
        readU32();
      }
      return;
    }
    adjust(-1);
    emit(at, Op.BR_TABLE);
    out.add(n);
    for (int i = 0; i <= n; i++) {
      Control t = controls[depth - 1 - readU32()];
      boolean back = t.kind == KIND_LOOP;
      // A branch to the function's label goes to its final RETURN, which moves the results.
      target(t);
      out.add(t.startHeight);
      out.add(back ? t.params : t.results);
    }
    top().unreachable = true;
  }

  /** {params, results} of a block type. */
  private int[] blockType() {
    int b = bytes[p] & 0xFF;
    if (b == 0x40) {
      p++;
      return new int[] {0, 0};
    }
    if (b >= 0x6F && b <= 0x7F) { // a single value type (negative as an s33)
      p++;
      return new int[] {0, 1};
    }
    long idx = readS64();
    return new int[] {shape.typeParams()[(int) idx], shape.typeResults()[(int) idx]};
  }

  // ---- LEB128 ----

  private int readU32() {
    int result = 0;
    int shift = 0;
    while (true) {
      int b = bytes[p++];
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
    }
  }

  private int readS32() {
    return (int) readS64();
  }

  private long readS64() {
    long result = 0;
    int shift = 0;
    int b;
    do {
      b = bytes[p++];
      result |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    return result;
  }
}
