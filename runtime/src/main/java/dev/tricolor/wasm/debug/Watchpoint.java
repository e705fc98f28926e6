package dev.tricolor.wasm.debug;

import dev.tricolor.wasm.exec.Instance;

/**
 * A data watchpoint on {@code [address, address + length)} of an instance's memory: the program
 * stops after each guest instruction that writes any byte of it (stores, memory.fill,
 * memory.copy, memory.init). Writes made by host functions are not seen.
 */
public final class Watchpoint {
  private final Debugger debugger;
  private final Instance instance;
  private final long address;
  private final long length;
  final StopListener listener;
  private volatile boolean removed;

  Watchpoint(Debugger debugger, Instance instance, long address, long length,
      StopListener listener) {
    this.debugger = debugger;
    this.instance = instance;
    this.address = address;
    this.length = length;
    this.listener = listener;
  }

  public Instance instance() {
    return instance;
  }

  public long address() {
    return address;
  }

  public long length() {
    return length;
  }

  boolean overlaps(Instance in, long from, long n) {
    return in.memory() == instance.memory() && from < address + length && address < from + n;
  }

  public void remove() {
    if (!removed) {
      removed = true;
      debugger.remove(this);
    }
  }

  @Override
  public String toString() {
    return "watch [0x" + Long.toHexString(address) + ", +" + length + ")";
  }
}
