package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.binary.InstructionReader;
import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.binary.OperatorTypes;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.LocalGroup;
import java.util.Arrays;

/**
 * Translates one WebAssembly function body into internal code ({@link Op}): structured control
 * becomes jumps with resolved targets and stack heights, so the interpreter never searches for a
 * block's end. The body must have passed validation and have at most {@link #MAX_LOCALS} locals;
 * the translator trusts it. It reads the body with the front end's {@link InstructionReader}.
 *
 * <p>Heights count stack slots above the frame base, locals included: a function with 2 params and
 * 3 locals starts its operand stack at height 5. Code after an unconditional branch is unreachable
 * (its stack is polymorphic) and is not emitted.
 */
public final class Translator {
  /**
   * Locals, parameters included, that one function may have. The spec allows 2^32 - 1; every
   * local is a value-stack slot that each call zeroes, so the engine draws its line far above
   * what compilers write and far below what would exhaust the heap. The instantiator refuses a
   * module beyond it with a {@link LinkException} that names the function.
   */
  public static final int MAX_LOCALS = 50_000;

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
  private final InstructionReader in;

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

  private Translator(ModuleShape shape, InstructionReader in) {
    this.shape = shape;
    this.in = in;
  }

  /**
   * Translates {@code body}, a function of type {@code type}, whose bytes are in
   * {@code moduleBytes}; code offsets are positions in the module file.
   */
  public static CompiledCode translate(
      ModuleShape shape, FuncType type, byte[] moduleBytes, FunctionBody body) {
    return new Translator(shape, InstructionReader.of(moduleBytes, body)).run(type, body);
  }

  private CompiledCode run(FuncType type, FunctionBody body) {
    int numParams = type.paramCount();
    long total = numParams + body.localCount();
    if (total > MAX_LOCALS) {
      throw new IllegalArgumentException(total + " locals, more than " + MAX_LOCALS);
    }
    byte[] localTypes = new byte[(int) total];
    for (int i = 0; i < numParams; i++) {
      localTypes[i] = (byte) type.param(i).code();
    }
    int k = numParams;
    for (LocalGroup g : body.locals()) {
      Arrays.fill(localTypes, k, k + (int) g.count(), (byte) g.type().code());
      k += (int) g.count();
    }
    height = localTypes.length;
    maxHeight = height;
    Control f = push(KIND_FUNC, height, 0, type.resultCount(), false);
    f.loopPc = -1;
    while (depth > 0) {
      instruction();
    }
    if (in.position() != body.end()) {
      throw new IllegalArgumentException(
          "function body ends at 0x" + Integer.toHexString(in.position()) + ", expected 0x"
              + Integer.toHexString(body.end()));
    }
    return new CompiledCode(
        out.toArray(),
        pcs.toArray(),
        offsets.toArray(),
        aliasOffsets.toArray(),
        aliasPcs.toArray(),
        localTypes,
        numParams,
        type.resultCount(),
        maxHeight + 1,
        body.codeStart(),
        body.end() - 1);
  }

  private Control push(int kind, int startHeight, int params, int results, boolean dead) {
    if (depth == controls.length) {
      controls = Arrays.copyOf(controls, depth * 2);
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
    for (int op = Opcodes.I32_EQ; op <= Opcodes.I32_GE_U; op++) {
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
    int opcode = in.next();
    instruction(in.offset(), opcode, live());
    if (opcode >= Opcodes.BLOCK && opcode <= Opcodes.CALL_INDIRECT) {
      fusePc = -1; // labels, branches and calls: what follows may be a branch target
    }
  }

  private void instruction(int at, int opcode, boolean live) {
    switch (opcode) {
      case Opcodes.UNREACHABLE -> {
        if (live) {
          emit(at, Opcodes.UNREACHABLE);
          top().unreachable = true;
        }
      }
      case Opcodes.NOP -> {} // nothing to run
      case Opcodes.BLOCK, Opcodes.LOOP, Opcodes.IF -> structured(at, opcode, live);
      case Opcodes.ELSE -> elseBranch(at);
      case Opcodes.END -> end(at);
      case Opcodes.BR -> {
        if (live) {
          branch(at, in.index(), false);
          top().unreachable = true;
        }
      }
      case Opcodes.BR_IF -> {
        if (live) {
          adjust(-1);
          branch(at, in.index(), true);
        }
      }
      case Opcodes.BR_TABLE -> brTable(at, live);
      case Opcodes.RETURN -> {
        if (live) {
          emit(at, Opcodes.RETURN);
          top().unreachable = true;
        }
      }
      case Opcodes.CALL -> {
        int f = in.index();
        if (live) {
          emit(at, f < shape.importedFunctions() ? Op.CALL_IMPORT : Opcodes.CALL);
          out.add(f);
          int t = shape.funcTypes()[f];
          adjust(-shape.typeParams()[t]);
          adjust(shape.typeResults()[t]);
        }
      }
      case Opcodes.CALL_INDIRECT -> {
        int t = in.index();
        if (live) {
          emit(at, Opcodes.CALL_INDIRECT);
          out.add(t);
          out.add(in.index2());
          adjust(-1 - shape.typeParams()[t]);
          adjust(shape.typeResults()[t]);
        }
      }
      case Opcodes.DROP -> simple(at, live, Opcodes.DROP, -1);
      case Opcodes.SELECT, Opcodes.SELECT_T -> simple(at, live, Opcodes.SELECT, -2);
      case Opcodes.LOCAL_GET -> {
        if (live && after(Opcodes.LOCAL_GET)) {
          fuse(at, Op.LOCAL_GET2);
          out.add(in.index());
          adjust(1);
        } else {
          withIndex(at, live, Opcodes.LOCAL_GET, 1);
        }
      }
      case Opcodes.LOCAL_SET -> withIndex(at, live, Opcodes.LOCAL_SET, -1);
      case Opcodes.LOCAL_TEE -> withIndex(at, live, Opcodes.LOCAL_TEE, 0);
      case Opcodes.GLOBAL_GET -> withIndex(at, live, Opcodes.GLOBAL_GET, 1);
      case Opcodes.GLOBAL_SET -> {
        int g = in.index();
        if (live && after(Op.GLOBAL_ADD_CONST) && out.get(fusePc + 1) == g) {
          fuse(at, Op.GLOBAL_INC);
          adjust(-1);
        } else if (live) {
          emit(at, Opcodes.GLOBAL_SET);
          out.add(g);
          adjust(-1);
        }
      }
      case Opcodes.TABLE_GET -> withIndex(at, live, Opcodes.TABLE_GET, 0);
      case Opcodes.TABLE_SET -> withIndex(at, live, Opcodes.TABLE_SET, -2);
      case Opcodes.MEMORY_SIZE -> simple(at, live, Opcodes.MEMORY_SIZE, 1);
      case Opcodes.MEMORY_GROW -> simple(at, live, Opcodes.MEMORY_GROW, 0);
      case Opcodes.I32_CONST -> {
        int v = (int) in.constBits();
        if (live && after(Opcodes.LOCAL_GET)) {
          fuse(at, Op.LOCAL_GET_CONST);
          out.add(v);
          adjust(1);
        } else if (live && after(Opcodes.GLOBAL_GET)) {
          fuse(at, Op.GLOBAL_GET_CONST);
          out.add(v);
          adjust(1);
        } else if (live) {
          emit(at, Opcodes.I32_CONST);
          out.add(v);
          adjust(1);
        }
      }
      case Opcodes.F32_CONST -> {
        if (live) {
          emit(at, Opcodes.F32_CONST);
          out.add((int) in.constBits());
          adjust(1);
        }
      }
      case Opcodes.I64_CONST, Opcodes.F64_CONST -> {
        if (live) {
          long v = in.constBits();
          emit(at, opcode);
          out.add((int) v);
          out.add((int) (v >>> 32));
          adjust(1);
        }
      }
      case Opcodes.REF_NULL -> simple(at, live, Opcodes.REF_NULL, 1);
      case Opcodes.REF_IS_NULL -> simple(at, live, Opcodes.REF_IS_NULL, 0);
      case Opcodes.REF_FUNC -> withIndex(at, live, Opcodes.REF_FUNC, 1);
      default -> {
        if (opcode >= Opcodes.I32_LOAD && opcode <= Opcodes.I64_STORE32) {
          memoryAccess(at, opcode, live);
        } else if (live && (opcode == Opcodes.I32_ADD || opcode == Opcodes.I32_SUB)
            && (after(Op.LOCAL_GET_CONST) || after(Op.GLOBAL_GET_CONST))) {
          fuse(at, out.get(fusePc) == Op.LOCAL_GET_CONST ? Op.LOCAL_ADD_CONST
              : Op.GLOBAL_ADD_CONST);
          if (opcode == Opcodes.I32_SUB) {
            out.set(fusePc + 2, -out.get(fusePc + 2));
          }
          adjust(-1);
        } else if (opcode >= Opcodes.I32_EQZ && opcode <= Opcodes.I64_EXTEND32_S) {
          simple(at, live, opcode, 1 - OperatorTypes.params(opcode).length); // pops, pushes one
        } else if (opcode > 0xFF) {
          prefixed(at, opcode, live);
        } else {
          throw new IllegalArgumentException(
              String.format("unsupported opcode %s at 0x%x", Opcodes.name(opcode), at));
        }
      }
    }
  }

  /** A load or store: its static offset is its one immediate; alignment is a hint only. */
  private void memoryAccess(int at, int opcode, boolean live) {
    int offset = (int) in.memoryOffset();
    if (live && opcode <= Opcodes.F64_LOAD && after(Opcodes.LOCAL_GET)) {
      boolean wide = opcode == Opcodes.I64_LOAD || opcode == Opcodes.F64_LOAD;
      fuse(at, wide ? Op.LOCAL_LOAD64 : Op.LOCAL_LOAD32);
      out.add(offset);
    } else if (live && opcode == Opcodes.I32_STORE && after(Opcodes.LOCAL_GET)
        && prevFusePc >= 0 && prevFusePc + 2 == fusePc
        && out.get(prevFusePc) == Opcodes.GLOBAL_GET) {
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
    } else if (live && opcode >= Opcodes.I32_STORE && opcode <= Opcodes.F64_STORE
        && after(Opcodes.LOCAL_GET)) {
      boolean wide = opcode == Opcodes.I64_STORE || opcode == Opcodes.F64_STORE;
      fuse(at, wide ? Op.LOCAL_STORE64 : Op.LOCAL_STORE32);
      out.add(offset);
      adjust(-2);
    } else if (live) {
      emit(at, opcode);
      out.add(offset);
      adjust(opcode >= Opcodes.I32_STORE ? -2 : 0);
    }
  }

  private void simple(int at, boolean live, int op, int effect) {
    if (live) {
      emit(at, op);
      adjust(effect);
    }
  }

  private void withIndex(int at, boolean live, int op, int effect) {
    if (live) {
      emit(at, op);
      out.add(in.index());
      adjust(effect);
    }
  }

  /** The 0xFC-prefixed instructions, renumbered to {@link Op#prefixed}. */
  private void prefixed(int at, int opcode, boolean live) {
    int op = Op.prefixed(opcode);
    switch (opcode) {
      case Opcodes.MEMORY_INIT -> withIndex(at, live, op, -3);
      case Opcodes.DATA_DROP, Opcodes.ELEM_DROP -> withIndex(at, live, op, 0);
      case Opcodes.MEMORY_COPY, Opcodes.MEMORY_FILL -> simple(at, live, op, -3);
      case Opcodes.TABLE_INIT, Opcodes.TABLE_COPY -> {
        if (live) {
          emit(at, op);
          out.add(in.index());
          out.add(in.index2());
          adjust(-3);
        }
      }
      case Opcodes.TABLE_GROW -> withIndex(at, live, op, -1);
      case Opcodes.TABLE_SIZE -> withIndex(at, live, op, 1);
      case Opcodes.TABLE_FILL -> withIndex(at, live, op, -3);
      default -> simple(at, live, op, 1 - OperatorTypes.params(opcode).length); // trunc_sat
    }
  }

  // ---- control ----

  private void structured(int at, int opcode, boolean live) {
    int params = blockParams();
    int results = blockResults();
    if (!live) {
      int kind = opcode == Opcodes.LOOP ? KIND_LOOP : opcode == Opcodes.IF ? KIND_IF : KIND_BLOCK;
      push(kind, 0, params, results, true);
      return;
    }
    if (opcode == Opcodes.IF) {
      adjust(-1); // the condition
      int cmp = lastCompare();
      if (after(Opcodes.I32_EQZ)) {
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
    } else if (opcode == Opcodes.LOOP) {
      if (out.size() == 0) {
        // A loop at pc 0 would make branches back to it look like function entries to a probe.
        emit(at, Opcodes.NOP);
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
      emit(at, Opcodes.RETURN);
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
        out.add(Opcodes.RETURN);
        out.set(skip, out.size());
      } else {
        emit(at, Opcodes.RETURN);
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
    if (conditional && plain && !back && after(Opcodes.I32_EQZ)) {
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
    if (!live) {
      return;
    }
    int n = in.targetCount();
    adjust(-1);
    emit(at, Op.BR_TABLE);
    out.add(n);
    for (int i = 0; i <= n; i++) {
      int label = i < n ? in.target(i) : in.index(); // the default comes last
      Control t = controls[depth - 1 - label];
      boolean back = t.kind == KIND_LOOP;
      // A branch to the function's label goes to its final RETURN, which moves the results.
      target(t);
      out.add(t.startHeight);
      out.add(back ? t.params : t.results);
    }
    top().unreachable = true;
  }

  /** How many values the current block type takes. */
  private int blockParams() {
    long t = in.blockType();
    return t >= 0 ? shape.typeParams()[(int) t] : 0;
  }

  /** How many values the current block type returns: none, one value type, or a type's. */
  private int blockResults() {
    long t = in.blockType();
    return t >= 0 ? shape.typeResults()[(int) t] : t == InstructionReader.BLOCK_EMPTY ? 0 : 1;
  }
}
