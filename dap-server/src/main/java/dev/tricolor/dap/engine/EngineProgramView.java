package dev.tricolor.dap.engine;

import dev.tricolor.dap.expr.EvalContext;
import dev.tricolor.dap.expr.MemoryEvalContext;
import dev.tricolor.dap.expr.Value;
import dev.tricolor.dap.session.Debuggee;
import dev.tricolor.wasm.debug.ProgramState;
import dev.tricolor.wasm.exec.Frame;
import dev.tricolor.wasm.exec.GlobalCell;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.model.NameSection;
import dev.tricolor.wasm.model.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * A stopped program as the session sees it: the engine's frames (host frames left out: they have
 * no code of the module), locals and globals named from the name section.
 */
final class EngineProgramView implements Debuggee.ProgramView {
  private final List<Frame> frames;
  private final Instance instance;
  private final NameSection names;

  EngineProgramView(ProgramState state, Instance instance) {
    List<Frame> guest = new ArrayList<>();
    for (Frame f : state.frames()) {
      if (!f.isHost()) {
        guest.add(f);
      }
    }
    this.frames = guest;
    this.instance = instance;
    this.names = instance.module().names();
  }

  Frame engineFrame(int index) {
    return frames.get(index);
  }

  Instance instance() {
    return instance;
  }

  @Override
  public List<Debuggee.Frame> frames() {
    List<Debuggee.Frame> out = new ArrayList<>(frames.size());
    for (Frame f : frames) {
      out.add(new Debuggee.Frame(f.functionIndex(), functionName(f.functionIndex()), f.codeOffset()));
    }
    return out;
  }

  String functionName(int index) {
    String n = names.functionName(index);
    return n != null ? n : "$func" + index;
  }

  @Override
  public List<Value.Named> locals(int frameIndex) {
    Frame f = frames.get(frameIndex);
    List<Value.Named> out = new ArrayList<>(f.localCount());
    for (int i = 0; i < f.localCount(); i++) {
      out.add(new Value.Named(localName(f, i), WasmValues.of(f.localType(i), f.local(i))));
    }
    return out;
  }

  String localName(Frame f, int i) {
    String n = names.localName(f.functionIndex(), i);
    return n != null ? n : "$" + i;
  }

  @Override
  public List<Value.Named> globals() {
    List<Value.Named> out = new ArrayList<>(instance.globalCount());
    for (int i = 0; i < instance.globalCount(); i++) {
      GlobalCell g = instance.global(i);
      out.add(new Value.Named(globalName(i), WasmValues.of(globalType(g), g.get())));
    }
    return out;
  }

  String globalName(int i) {
    String n = names.globalName(i);
    return n != null ? n : "$global" + i;
  }

  static ValType globalType(GlobalCell g) {
    ValType t = ValType.fromCode(g.type() & 0xFF);
    return t == null ? ValType.I32 : t;
  }

  @Override
  public EvalContext evalContext(int frameIndex) {
    MemoryEvalContext c = new MemoryEvalContext(instance.memory());
    if (frameIndex < frames.size()) {
      c.scope(locals(frameIndex));
    }
    return c.scope(globals());
  }
}
