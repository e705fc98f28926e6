package dev.tricolor.heap.host;

import dev.tricolor.wasm.binary.InstructionReader;
import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.exec.GlobalCell;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Interpreter;
import dev.tricolor.wasm.exec.WasmFunction;
import dev.tricolor.wasm.model.Export;
import dev.tricolor.wasm.model.ExternalKind;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.WasmModule;

/**
 * The {@link CompiledProgram} of an instance built against the project's runtime file
 * ({@code test-programs/rt/host.ts}): its {@code __tricolor_*} exports, called as nested runs
 * on the store's interpreter (their frames show above the host call, as the guest runtime's
 * would). The shadow stack pointer is read from its global directly when the getter is the plain
 * {@code global.get} asc compiles it to, without a call.
 */
final class ExportedProgram implements CompiledProgram {
  static final String VISIT_GLOBALS = "__tricolor_visit_globals";
  static final String VISIT_MEMBERS = "__tricolor_visit_members";
  static final String STACK_POINTER = "__tricolor_stack_pointer";
  static final String HEAP_BASE = "__tricolor_heap_base";
  static final String DATA_END = "__tricolor_data_end";
  static final String RTTI_BASE = "__tricolor_rtti_base";
  static final String SPACES = "__tricolor_spaces";
  static final String FINALIZES = "__tricolor_finalizes";
  static final String FINALIZE = "__tricolor_finalize";

  private final Interpreter interpreter;
  private final WasmFunction visitGlobals;
  private final WasmFunction visitMembers;
  private final WasmFunction stackPointerGetter;
  private final GlobalCell stackPointerGlobal;
  private final WasmFunction finalize;
  private final boolean finalizes;
  private final long[] memberArgs = new long[2];

  private ExportedProgram(Instance instance) {
    this.interpreter = instance.store().interpreter();
    this.visitGlobals = function(instance, VISIT_GLOBALS);
    this.visitMembers = function(instance, VISIT_MEMBERS);
    this.stackPointerGetter = function(instance, STACK_POINTER);
    int global = getterGlobal(instance.module(), STACK_POINTER);
    this.stackPointerGlobal = global >= 0 ? instance.global(global) : null;
    this.finalizes = instance.export(FINALIZES) instanceof GlobalCell g && g.get() != 0;
    this.finalize = finalizes ? function(instance, FINALIZE) : null;
  }

  /**
   * The program behind {@code instance}; throws {@link HostRuntimeException} naming what a module
   * not built with {@code --runtime rt/host} lacks.
   */
  static ExportedProgram of(Instance instance) {
    return new ExportedProgram(instance);
  }

  /** An i32 the program exports through a getter ({@code __tricolor_heap_base} ...). */
  static int constant(Instance instance, String getter) {
    return (int) instance.store().interpreter().invoke(function(instance, getter))[0];
  }

  @Override
  public void visitGlobals(int cookie) {
    interpreter.invoke(visitGlobals, cookie);
  }

  @Override
  public void visitMembers(int ptr, int cookie) {
    // Once per object marked: the arguments go through one array (invoke copies them onto its
    // stack before anything runs, so a nested call may reuse it), so marking allocates nothing.
    long[] args = memberArgs;
    args[0] = ptr;
    args[1] = cookie;
    interpreter.invoke(visitMembers, args);
  }

  @Override
  public int stackPointer() {
    if (stackPointerGlobal != null) {
      return (int) stackPointerGlobal.get();
    }
    return (int) interpreter.invoke(stackPointerGetter)[0];
  }

  @Override
  public boolean finalizes() {
    return finalizes;
  }

  @Override
  public void finalizeObject(int ptr) {
    interpreter.invoke(finalize, ptr);
  }

  private static WasmFunction function(Instance instance, String name) {
    if (instance.export(name) instanceof WasmFunction f) {
      return f;
    }
    throw new HostRuntimeException("the module does not export " + name + ": it was not built"
        + " against Tricolor's host runtime (asc ... --runtime rt/host), so the host runtime"
        + " cannot find its roots");
  }

  /**
   * The global a getter returns when its body is exactly {@code global.get G} (then
   * {@code return} or the end), else -1.
   */
  static int getterGlobal(WasmModule module, String getter) {
    if (module == null) {
      return -1;
    }
    Export e = module.export(getter);
    if (e == null || e.kind() != ExternalKind.FUNCTION || module.isImportedFunction(e.index())) {
      return -1;
    }
    FunctionBody body = module.body(e.index());
    InstructionReader r = InstructionReader.of(module.bytes(), body);
    if (!r.hasNext() || r.next() != Opcodes.GLOBAL_GET) {
      return -1;
    }
    int global = r.index();
    if (!r.hasNext()) {
      return -1;
    }
    int op = r.next();
    if (op == Opcodes.RETURN && r.hasNext()) {
      op = r.next();
    }
    return op == Opcodes.END && !r.hasNext() ? global : -1;
  }
}
