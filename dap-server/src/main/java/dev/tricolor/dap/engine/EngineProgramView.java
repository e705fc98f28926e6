package dev.tricolor.dap.engine;

import dev.tricolor.dap.expr.EvalContext;
import dev.tricolor.dap.expr.MemoryEvalContext;
import dev.tricolor.dap.expr.Value;
import dev.tricolor.dap.session.Debuggee;
import dev.tricolor.dap.session.RequestException;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.wasm.debug.ProgramState;
import dev.tricolor.wasm.exec.Frame;
import dev.tricolor.wasm.exec.GlobalCell;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.NameSection;
import dev.tricolor.wasm.model.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * A stopped program as the session sees it: the engine's frames (host frames left out: they have
 * no code of the module), locals and globals named from the name section.
 */
final class EngineProgramView implements Debuggee.ProgramView {
  private final ProgramState state;
  private final List<Frame> frames;
  private final Instance instance;
  private final NameSection names;
  private final EngineDebuggee program;
  /** Why :collect cannot run at this stop (a trap, inside the runtime), or null. */
  private final String noCollection;
  private HeapSnapshot heap;

  /**
   * @param noCollection why {@code :collect} cannot run here (a trap, a stop inside the collector);
   *     empty where it can; null to let {@link FullCollection#refusal} judge from the frames
   */
  EngineProgramView(ProgramState state, Instance instance, EngineDebuggee program, String noCollection) {
    this.state = state;
    this.program = program;
    List<Frame> guest = new ArrayList<>();
    for (Frame f : state.frames()) {
      if (!f.isHost()) {
        guest.add(f);
      }
    }
    this.frames = guest;
    this.instance = instance;
    this.names = instance.module().names();
    this.noCollection = noCollection == null ? FullCollection.refusal(state.frames(), this::functionName)
        : noCollection.isEmpty() ? null : noCollection;
  }

  @Override
  public List<Debuggee.Frame> frames() {
    List<Debuggee.Frame> out = new ArrayList<>(frames.size());
    for (Frame f : frames) {
      out.add(new Debuggee.Frame(f.functionIndex(), functionName(f.functionIndex()), f.codeOffset(),
          functionStart(f.functionIndex())));
    }
    return out;
  }

  private long functionStart(int index) {
    int body = index - instance.module().importedFunctionCount();
    List<FunctionBody> bodies = instance.module().bodies();
    return body >= 0 && body < bodies.size() ? bodies.get(body).codeStart() : 0;
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

  @Override
  public Value setLocal(int frameIndex, String name, Value value) {
    Frame f = frames.get(frameIndex);
    for (int i = 0; i < f.localCount(); i++) {
      if (localName(f, i).equals(name)) {
        ValType t = f.localType(i);
        f.setLocal(i, convert(t, value, name));
        return WasmValues.of(t, f.local(i));
      }
    }
    throw new RequestException("frame " + functionName(f.functionIndex()) + " has no local '" + name + "'");
  }

  @Override
  public Value setGlobal(String name, Value value) {
    for (int i = 0; i < instance.globalCount(); i++) {
      if (globalName(i).equals(name)) {
        GlobalCell g = instance.global(i);
        if (!g.mutable()) {
          throw new RequestException("global '" + name + "' is immutable");
        }
        ValType t = globalType(g);
        g.set(convert(t, value, name));
        return WasmValues.of(t, g.get());
      }
    }
    throw new RequestException("the module has no global '" + name + "'");
  }

  private static long convert(ValType t, Value v, String name) {
    try {
      return WasmValues.bits(t, v);
    } catch (IllegalArgumentException e) {
      throw new RequestException("cannot set '" + name + "' (" + t + "): " + e.getMessage());
    }
  }

  @Override
  public HeapSnapshot heap() {
    if (heap == null) {
      if (instance.memory() == null) {
        throw new RequestException("the program has no linear memory, so no heap");
      }
      try {
        heap = program.readHeap(instance);
      } catch (RuntimeException e) {
        throw new RequestException("the heap cannot be read: " + e, e);
      }
    }
    return heap;
  }

  @Override
  public int collectGarbage() {
    if (noCollection != null) {
      throw new RequestException(noCollection);
    }
    HeapSnapshot before = heap();
    heap = null; // whatever happens, the heap is read anew
    return program.collectGarbage(state, instance, before);
  }

  @Override
  public long memorySize() {
    return instance.memory() == null ? 0 : instance.memory().size();
  }

  @Override
  public byte[] readMemory(long address, int count) {
    long size = memorySize();
    if (address < 0 || address >= size || count <= 0) {
      return new byte[0];
    }
    int n = (int) Math.min(count, size - address);
    return instance.memory().read(address, n);
  }

  @Override
  public int writeMemory(long address, byte[] data) {
    long size = memorySize();
    if (address < 0 || address >= size) {
      return 0;
    }
    int n = (int) Math.min(data.length, size - address);
    instance.memory().write(address, data, 0, n);
    return n;
  }

  @Override
  public List<Debuggee.Instruction> disassemble(long address, int instructionOffset, int count) {
    return program.disassembler().around(address, instructionOffset, count);
  }
}
