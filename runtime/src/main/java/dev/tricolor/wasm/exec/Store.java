package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.model.FuncType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The world a set of linked instances live in: one value stack and frame stack (the
 * {@link Interpreter}), the identity of function types, and the registry that turns function
 * references into values. Instances that import from each other must share a store. Not
 * thread-safe: one program thread runs it; only {@link Interpreter#requestInterrupt} and the
 * debugger's pause/terminate come from other threads.
 */
public final class Store {
  private final Map<FuncType, Integer> typeIds = new HashMap<>();
  private WasmFunction[] byRef = new WasmFunction[64];
  private int nextRef = 1; // 0 is the null reference
  private final List<Instance> instances = new ArrayList<>();
  private final EngineLimits limits;
  private final Interpreter interpreter;
  private volatile boolean stepping;

  public Store() {
    this(EngineLimits.DEFAULT);
  }

  public Store(EngineLimits limits) {
    this.limits = limits;
    this.interpreter = new Interpreter(this, limits);
  }

  public EngineLimits limits() {
    return limits;
  }

  public Interpreter interpreter() {
    return interpreter;
  }

  /**
   * Switches every function of every instance, present and future, to its stepping code (a
   * BREAK before every instruction) or back: what a debugger does while it steps or watches.
   */
  public void setStepping(boolean on) {
    stepping = on;
    for (Instance inst : instances) {
      for (GuestFunction g : inst.guests) {
        if (g != null) {
          g.setStepping(on);
        }
      }
    }
  }

  boolean stepping() {
    return stepping;
  }

  /** Every instance created in this store, in creation order. */
  public List<Instance> instances() {
    return List.copyOf(instances);
  }

  void add(Instance instance) {
    instances.add(instance);
  }

  int typeId(FuncType s) {
    return typeIds.computeIfAbsent(s, k -> typeIds.size());
  }

  int register(WasmFunction f) {
    if (nextRef == byRef.length) {
      byRef = Arrays.copyOf(byRef, nextRef * 2);
    }
    byRef[nextRef] = f;
    return nextRef++;
  }

  /** The function a non-null funcref stands for. */
  public WasmFunction function(long ref) {
    return byRef[(int) ref];
  }

  /** A host function of this store, for the imports of an instance. */
  public HostFunctionInstance hostFunction(
      String module, String name, FuncType type, HostFunction body) {
    return new HostFunctionInstance(this, module, name, type, body);
  }
}
