package dev.tricolor.wasm.exec;

/**
 * A global variable's storage, shared by every instance that imports it. The value is raw bits as
 * on the value stack (i32 as an int, floats as raw bits, references as {@link Values} refs).
 */
public final class GlobalCell {
  final byte type;
  final boolean mutable;
  long value;

  public GlobalCell(byte type, boolean mutable, long value) {
    this.type = type;
    this.mutable = mutable;
    this.value = value;
  }

  public byte type() {
    return type;
  }

  public boolean mutable() {
    return mutable;
  }

  public long get() {
    return value;
  }

  public void set(long bits) {
    value = bits;
  }
}
