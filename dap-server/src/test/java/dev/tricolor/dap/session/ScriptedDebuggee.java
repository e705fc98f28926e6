package dev.tricolor.dap.session;

import dev.tricolor.dap.expr.EvalContext;
import dev.tricolor.dap.expr.MemoryEvalContext;
import dev.tricolor.dap.expr.Value;
import dev.tricolor.dap.sourcemap.SourceMap;
import dev.tricolor.wasm.memory.Memory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * A stand-in for the engine's debuggee while the engine is being built: each {@link #run} plays
 * the next scripted outcome. {@link #RUN_UNTIL_ASKED} models a guest in an endless loop: it runs
 * until {@code requestPause} or {@code requestTerminate} arrives, the way the engine must honour
 * them. It records how the session said to go on after each stop, so tests can check it.
 */
final class ScriptedDebuggee implements Debuggee {
  /** Marker outcome: block until paused or terminated. */
  static final RunOutcome RUN_UNTIL_ASKED = new RunOutcome.Ended(-1);

  private final Deque<Supplier<RunOutcome>> script = new ArrayDeque<>();
  private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
  final BlockingQueue<Resume> resumes = new LinkedBlockingQueue<>();
  private volatile boolean terminated;
  final Memory memory = new Memory(1, 1);
  int depth = 3;

  ScriptedDebuggee then(RunOutcome o) {
    script.add(() -> o);
    return this;
  }

  ScriptedDebuggee thenCrash(RuntimeException e) {
    script.add(
        () -> {
          throw e;
        });
    return this;
  }

  static RunOutcome.Stopped stop(String reason) {
    return new RunOutcome.Stopped(reason, null, null);
  }

  @Override
  public RunOutcome.Ended run(StopHandler stops) {
    while (true) {
      Supplier<RunOutcome> next = script.poll();
      RunOutcome o = next == null ? new RunOutcome.Ended(0) : next.get();
      if (terminated) {
        return new RunOutcome.Ended(0);
      }
      if (o instanceof RunOutcome.Ended e && o != RUN_UNTIL_ASKED) {
        return e;
      }
      RunOutcome.Stopped stop;
      if (o == RUN_UNTIL_ASKED) {
        String r;
        try {
          r = requests.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new RunOutcome.Ended(0);
        }
        if (!r.equals("pause")) {
          return new RunOutcome.Ended(0);
        }
        stop = new RunOutcome.Stopped("pause", "paused", null);
      } else {
        stop = (RunOutcome.Stopped) o;
      }
      Resume how = stops.stopped(stop, view());
      resumes.add(how);
      if (how.kind() == Resume.Kind.TERMINATE) {
        return new RunOutcome.Ended(0);
      }
    }
  }

  @Override
  public void requestPause() {
    requests.add("pause");
  }

  @Override
  public void requestTerminate() {
    terminated = true;
    requests.add("terminate");
  }

  Optional<SourceMap> map = Optional.empty();
  final java.util.Map<Integer, BreakTarget> breakpoints = new java.util.concurrent.ConcurrentHashMap<>();
  private int nextId = 1;

  @Override
  public synchronized Installed addBreakpoint(BreakTarget target) {
    if (target instanceof BreakTarget.FunctionEntry f && f.name().equals("nosuch")) {
      throw new RequestException("the module has no function named 'nosuch'");
    }
    int id = nextId++;
    breakpoints.put(id, target);
    long off = target instanceof BreakTarget.Offset o ? o.offset() : 0x5a;
    return new Installed(id, off, "programs/list/build");
  }

  volatile java.util.Set<ExceptionFilter> runtimeEvents = java.util.Set.of();

  @Override
  public void setRuntimeEvents(java.util.Set<ExceptionFilter> filters) {
    runtimeEvents = java.util.Set.copyOf(filters);
  }

  @Override
  public synchronized int addWatch(long address, long length) {
    int id = nextId++;
    breakpoints.put(id, new BreakTarget.Offset(address));
    return id;
  }

  @Override
  public void removeBreakpoint(int id) {
    breakpoints.remove(id);
  }

  @Override
  public Optional<SourceMap> sourceMap() {
    return map;
  }

  ProgramView view() {
    return new ProgramView() {
      @Override
      public List<Frame> frames() {
        return List.of(
            new Frame(7, "programs/list/build", 0x5a, 0x40),
            new Frame(9, "~lib/rt/itcms/__new", 0x20, 0x10),
            new Frame(2, "start:programs/list", 0x300, 0x2f0));
      }

      @Override
      public List<Value.Named> locals(int frameIndex) {
        if (frameIndex != 0) {
          return List.of(new Value.Named("size", Value.Int.u32(24)));
        }
        return List.of(
            new Value.Named("depth", Value.Int.i32(depth)),
            new Value.Named("ptr", Value.Int.i32(64)),
            new Value.Named("ratio", Value.Float.f64(0.25)));
      }

      @Override
      public List<Value.Named> globals() {
        return List.of(
            new Value.Named("~lib/rt/itcms/white", Value.Int.i32(0)),
            new Value.Named("~lib/rt/itcms/total", Value.Int.i32(1024)));
      }

      @Override
      public EvalContext evalContext(int frameIndex) {
        return new MemoryEvalContext(memory).scope(locals(frameIndex)).scope(globals());
      }

      @Override
      public Value setLocal(int frameIndex, String name, Value value) {
        if (!name.equals("depth") || !(value instanceof Value.Int i)) {
          throw new RequestException("only depth can be set, to an integer");
        }
        depth = (int) i.bits();
        return Value.Int.i32(depth);
      }

      @Override
      public Value setGlobal(String name, Value value) {
        throw new RequestException("global '" + name + "' is immutable");
      }

      @Override
      public dev.tricolor.heap.read.HeapSnapshot heap() {
        throw new RequestException("the scripted program has no AssemblyScript heap");
      }

      @Override
      public int collectGarbage() {
        throw new RequestException("the scripted program has no garbage collector");
      }

      @Override
      public long memorySize() {
        return memory.size();
      }

      @Override
      public byte[] readMemory(long address, int count) {
        return memory.read(address, (int) Math.max(0, Math.min(count, memory.size() - address)));
      }

      @Override
      public int writeMemory(long address, byte[] data) {
        memory.write(address, data);
        return data.length;
      }

      @Override
      public List<Instruction> disassemble(long address, int instructionOffset, int count) {
        return List.of();
      }
    };
  }
}
