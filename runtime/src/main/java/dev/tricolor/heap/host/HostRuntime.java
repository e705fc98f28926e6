package dev.tricolor.heap.host;

import dev.tricolor.heap.events.OutOfMemoryTrap;
import dev.tricolor.heap.events.RuntimeEventListener;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.symbols.RuntimeSymbols;
import dev.tricolor.wasm.debug.Debugger;
import dev.tricolor.wasm.exec.Caller;
import dev.tricolor.wasm.exec.Imports;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Interpreter;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.TrapKind;
import dev.tricolor.wasm.memory.Memory;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.FunctionImport;
import dev.tricolor.wasm.model.Import;
import dev.tricolor.wasm.model.MemoryType;
import dev.tricolor.wasm.model.ValType;
import dev.tricolor.wasm.model.WasmModule;
import java.util.List;
import java.util.Map;

/**
 * Host mode: a program built against the project's runtime file ({@code asc --runtime rt/host})
 * imports AssemblyScript's runtime interface from module {@value #MODULE}, and this serves it with
 * the Java {@link HostTlsf} and {@link HostItcms}, on the program's own linear memory, with the
 * built-in runtime's layout (so {@link dev.tricolor.heap.read.HeapReader} and the checker read it
 * as they read guest mode, from {@link #globals()}). One runtime per instance:
 *
 * <pre>{@code
 * Store store = new Store();
 * HostRuntime runtime = new HostRuntime();
 * Imports imports = new AscHost().imports(store).addAll(runtime.imports(store));
 * Instance instance = Instance.instantiate(store, module, imports);
 * runtime.bind(instance);                         // idempotent; the first runtime call binds too
 * HostRuntimeEvents events = runtime.events(listener, debugger);
 * events.enable(EnumSet.of(EventKind.ALLOC));     // Alloc/Allocated straight from Java
 * HeapSnapshot heap = HeapReader.read(instance.memory(), runtime.globals(), runtime.types());
 * }</pre>
 *
 * <p>The imports: {@code __alloc}, {@code __realloc}, {@code __free} (TLSF), {@code __new},
 * {@code __renew}, {@code __link}, {@code __visit}, {@code __pin}, {@code __unpin},
 * {@code __collect} (ITCMS), and {@code bswap16}, {@code bswap32}, {@code bswap64}
 * ({@link ByteSwap}). On first use the runtime reads the layout the program exports
 * ({@code __tricolor_heap_base}, {@code __tricolor_rtti_base}, {@code __tricolor_spaces} ...).
 * What asc's runtime would trap on traps the same way: its asserts and errors as the same
 * {@link dev.tricolor.wasm.host.AbortTrap}s, a refused {@code memory.grow} as an
 * {@link OutOfMemoryTrap} (kind unreachable), an access outside memory as an out-of-bounds trap.
 *
 * <p>Not supported (asc builds that use them behave differently from guest mode): the GC tuning
 * constants {@code ASC_GC_GRANULARITY}, {@code ASC_GC_SWEEPFACTOR}, {@code ASC_GC_IDLEFACTOR},
 * {@code ASC_GC_MARKCOST}, {@code ASC_GC_SWEEPCOST} ({@code --use}) and {@code --lowMemoryLimit};
 * the defaults are used.
 */
public final class HostRuntime {
  /** The import module of the host runtime's functions. */
  public static final String MODULE = "tricolor";

  private static final ValType I32 = ValType.I32;
  private static final ValType I64 = ValType.I64;

  private Store store;
  private Instance instance;
  private HostTlsf tlsf;
  private HostItcms itcms;
  private HostRuntimeEvents events;
  private int dataEnd;
  private int rttiBase;
  private ExportedProgram program;

  /** Whether {@code module} was built against the host runtime: it imports from {@value #MODULE}. */
  public static boolean isHostBuild(WasmModule module) {
    for (Import imp : module.imports()) {
      if (MODULE.equals(imp.module()) && imp.descriptor() instanceof FunctionImport) {
        return true;
      }
    }
    return module.export(ExportedProgram.VISIT_MEMBERS) != null;
  }

  /** The host functions, registered in {@code store}, for an instantiation's imports. */
  public Imports imports(Store store) {
    this.store = store;
    Imports imports = new Imports();
    fn(imports, "__alloc", new ValType[] {I32}, I32, c -> {
      int size = c.argI32(0);
      HostTlsf t = tlsf(c);
      t.requested = Integer.toUnsignedLong(size);
      try {
        return t.alloc(size);
      } catch (IndexOutOfBoundsException e) {
        throw outOfBounds(e);
      } catch (OutOfMemoryTrap e) {
        throw reported(e);
      }
    });
    fn(imports, "__realloc", new ValType[] {I32, I32}, I32, c -> {
      int ptr = c.argI32(0);
      int size = c.argI32(1);
      HostTlsf t = tlsf(c);
      t.requested = -1;
      try {
        return t.realloc(ptr, size);
      } catch (IndexOutOfBoundsException e) {
        throw outOfBounds(e);
      } catch (OutOfMemoryTrap e) {
        throw reported(e);
      }
    });
    fn(imports, "__free", new ValType[] {I32}, null, c -> {
      int ptr = c.argI32(0);
      HostTlsf t = tlsf(c);
      try {
        HostRuntimeEvents ev = events;
        if (ev != null && ev.free && !HostTlsf.ltU(ptr, t.heapBase())) {
          ev.freeBlock(ptr, t.blockBytes(ptr));
        }
        t.free(ptr);
        return 0;
      } catch (IndexOutOfBoundsException e) {
        throw outOfBounds(e);
      }
    });
    fn(imports, "__new", new ValType[] {I32, I32}, I32, c -> {
      int size = c.argI32(0);
      int id = c.argI32(1);
      HostItcms gc = itcms(c);
      try {
        return gc.__new(size, id);
      } catch (IndexOutOfBoundsException e) {
        throw outOfBounds(e);
      } catch (OutOfMemoryTrap e) {
        throw reported(e);
      }
    });
    fn(imports, "__renew", new ValType[] {I32, I32}, I32, c -> {
      int ptr = c.argI32(0);
      int size = c.argI32(1);
      HostItcms gc = itcms(c);
      tlsf.requested = -1;
      try {
        return gc.__renew(ptr, size);
      } catch (IndexOutOfBoundsException e) {
        throw outOfBounds(e);
      } catch (OutOfMemoryTrap e) {
        throw reported(e);
      }
    });
    fn(imports, "__link", new ValType[] {I32, I32, I32}, null, c -> {
      int parent = c.argI32(0);
      int child = c.argI32(1);
      boolean expectMultiple = c.argI32(2) != 0;
      HostItcms gc = itcms(c);
      try {
        gc.__link(parent, child, expectMultiple);
        return 0;
      } catch (IndexOutOfBoundsException e) {
        throw outOfBounds(e);
      }
    });
    fn(imports, "__visit", new ValType[] {I32, I32}, null, c -> {
      int ptr = c.argI32(0);
      int cookie = c.argI32(1);
      HostItcms gc = itcms(c);
      try {
        gc.__visit(ptr, cookie);
        return 0;
      } catch (IndexOutOfBoundsException e) {
        throw outOfBounds(e);
      }
    });
    fn(imports, "__pin", new ValType[] {I32}, I32, c -> {
      int ptr = c.argI32(0);
      HostItcms gc = itcms(c);
      try {
        return gc.__pin(ptr);
      } catch (IndexOutOfBoundsException e) {
        throw outOfBounds(e);
      }
    });
    fn(imports, "__unpin", new ValType[] {I32}, null, c -> {
      int ptr = c.argI32(0);
      HostItcms gc = itcms(c);
      try {
        gc.__unpin(ptr);
        return 0;
      } catch (IndexOutOfBoundsException e) {
        throw outOfBounds(e);
      }
    });
    fn(imports, "__collect", new ValType[0], null, c -> {
      HostItcms gc = itcms(c);
      try {
        gc.__collect();
        return 0;
      } catch (IndexOutOfBoundsException e) {
        throw outOfBounds(e);
      }
    });
    fn(imports, "bswap16", new ValType[] {I32}, I32, c -> ByteSwap.bswap16(c.argI32(0)));
    fn(imports, "bswap32", new ValType[] {I32}, I32, c -> ByteSwap.bswap32(c.argI32(0)));
    fn(imports, "bswap64", new ValType[] {I64}, I64, c -> ByteSwap.bswap64(c.argI64(0)));
    return imports;
  }

  private void fn(Imports imports, String name, ValType[] params, ValType result,
      dev.tricolor.wasm.exec.HostFunction body) {
    FuncType type = FuncType.of(params, result == null ? new ValType[0] : new ValType[] {result});
    imports.addFunction(store, MODULE, name, type, body);
  }

  /**
   * Binds this runtime to {@code instance} (built against the host runtime): reads the layout it
   * exports and sets up the collector's list heads. Idempotent; the first runtime call binds too.
   *
   * @throws HostRuntimeException when the module lacks what the runtime needs
   */
  public void bind(Instance instance) {
    if (this.instance == instance) {
      return;
    }
    if (this.instance != null) {
      throw new HostRuntimeException("this host runtime serves another instance already: make one"
          + " HostRuntime per instance");
    }
    Memory memory = instance.memory();
    if (memory == null) {
      throw new HostRuntimeException("the module has no linear memory for the host runtime");
    }
    ExportedProgram p = ExportedProgram.of(instance);
    int heapBase = ExportedProgram.constant(instance, ExportedProgram.HEAP_BASE);
    int data = ExportedProgram.constant(instance, ExportedProgram.DATA_END);
    int rtti = ExportedProgram.constant(instance, ExportedProgram.RTTI_BASE);
    int spaces = ExportedProgram.constant(instance, ExportedProgram.SPACES);
    HostTlsf t = new HostTlsf(memory, heapBase);
    HostItcms gc = new HostItcms(t, memory, p, spaces, rtti, initialPages(instance));
    gc.events = events;
    this.program = p;
    this.dataEnd = data;
    this.rttiBase = rtti;
    this.tlsf = t;
    this.itcms = gc;
    this.instance = instance;
  }

  /** The memory's size when the program started: upstream's lazy threshold is computed then. */
  private static int initialPages(Instance instance) {
    WasmModule module = instance.module();
    if (module != null) {
      List<MemoryType> memories = module.allMemories();
      if (!memories.isEmpty()) {
        return (int) memories.get(0).limits().min();
      }
    }
    return instance.memory().pages();
  }

  /**
   * The runtime's events, delivered to {@code listener} (replacing any earlier one); all kinds
   * off until {@link HostRuntimeEvents#enable}. {@code debugger} (may be null) serves a
   * listener's step answers.
   */
  public HostRuntimeEvents events(RuntimeEventListener listener, Debugger debugger) {
    if (events != null) {
      events.close();
    }
    events = new HostRuntimeEvents(this, listener, debugger);
    if (itcms != null) {
      itcms.events = events;
    }
    return events;
  }

  /** The instance this runtime serves, or null before {@link #bind}. */
  public Instance instance() {
    return instance;
  }

  /** The allocator, or null before {@link #bind}. */
  public HostTlsf tlsf() {
    return tlsf;
  }

  /** The collector, or null before {@link #bind}. */
  public HostItcms itcms() {
    return itcms;
  }

  /**
   * The runtime's globals now, as guest mode reads them from the guest's own: the allocator's
   * root, the collector's state, white, total, threshold, list heads and iterator, and the
   * program's {@code __heap_base}, {@code __data_end}, {@code __stack_pointer} and
   * {@code __rtti_base}. All unknown before {@link #bind}.
   */
  public RuntimeGlobals globals() {
    HostItcms gc = itcms;
    if (gc == null) {
      return RuntimeGlobals.fromNamed(Map.of());
    }
    return new RuntimeGlobals(u32(tlsf.root()), u32(gc.state), u32(gc.white), u32(gc.total),
        u32(gc.threshold), u32(gc.fromSpace), u32(gc.toSpace), u32(gc.pinSpace), u32(gc.iter),
        u32(tlsf.heapBase()), u32(dataEnd), u32(program.stackPointer()), u32(rttiBase));
  }

  /** Class names per runtime id, from the module's name section and visitors. */
  Map<Integer, String> classNames() {
    Instance inst = instance;
    return inst == null || inst.module() == null ? Map.of()
        : RuntimeSymbols.resolve(inst.module()).classNames();
  }

  Interpreter interpreter() {
    return store.interpreter();
  }

  // ---- per call ----

  private HostTlsf tlsf(Caller c) {
    Instance from = c.instance();
    if (from != instance && from != null) {
      bind(from);
    }
    HostTlsf t = tlsf;
    if (t == null) {
      throw new HostRuntimeException("the host runtime was called before it was bound to an"
          + " instance");
    }
    t.sync();
    itcms.sync();
    return t;
  }

  private HostItcms itcms(Caller c) {
    tlsf(c);
    return itcms;
  }

  /** An out-of-memory trap, after the events listener heard of it. */
  private OutOfMemoryTrap reported(OutOfMemoryTrap e) {
    HostRuntimeEvents ev = events;
    if (ev != null) {
      ev.outOfMemory(e.event());
    }
    return e;
  }

  /** What a guest runtime's load or store outside memory would have been: the same trap kind. */
  private static Trap outOfBounds(IndexOutOfBoundsException e) {
    return new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS
        .specText() + " in the host runtime (a corrupt pointer or size in the heap: "
        + e.getMessage() + ")");
  }

  private static long u32(int value) {
    return Integer.toUnsignedLong(value);
  }
}
