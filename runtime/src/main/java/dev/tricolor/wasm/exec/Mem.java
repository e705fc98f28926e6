package dev.tricolor.wasm.exec;

import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.memory.Memory;

/**
 * Loads and stores for the interpreter loop on the cached {@code byte[]} of a memory: effective
 * address = u32 base + u32 static offset, checked against the array length, then one
 * little-endian VarHandle access. Small enough for the JIT to inline.
 */
final class Mem {
  private Mem() {}

  static long ea(long base, int offset) {
    return (base & 0xFFFF_FFFFL) + (offset & 0xFFFF_FFFFL);
  }

  static Trap oob(long ea, int size, byte[] m) {
    return Trap.outOfBoundsMemory(ea, size, m.length);
  }

  static int i32(byte[] m, long base, int offset) {
    long ea = ea(base, offset);
    if (ea > m.length - 4) {
      throw oob(ea, 4, m);
    }
    return Memory.getI32(m, (int) ea);
  }

  static long i64(byte[] m, long base, int offset) {
    long ea = ea(base, offset);
    if (ea > m.length - 8) {
      throw oob(ea, 8, m);
    }
    return Memory.getI64(m, (int) ea);
  }

  static short i16(byte[] m, long base, int offset) {
    long ea = ea(base, offset);
    if (ea > m.length - 2) {
      throw oob(ea, 2, m);
    }
    return Memory.getI16(m, (int) ea);
  }

  static byte i8(byte[] m, long base, int offset) {
    long ea = ea(base, offset);
    if (ea >= m.length) {
      throw oob(ea, 1, m);
    }
    return m[(int) ea];
  }

  static void i32(byte[] m, long base, int offset, int v) {
    long ea = ea(base, offset);
    if (ea > m.length - 4) {
      throw oob(ea, 4, m);
    }
    Memory.setI32(m, (int) ea, v);
  }

  static void i64(byte[] m, long base, int offset, long v) {
    long ea = ea(base, offset);
    if (ea > m.length - 8) {
      throw oob(ea, 8, m);
    }
    Memory.setI64(m, (int) ea, v);
  }

  static void i16(byte[] m, long base, int offset, int v) {
    long ea = ea(base, offset);
    if (ea > m.length - 2) {
      throw oob(ea, 2, m);
    }
    Memory.setI16(m, (int) ea, (short) v);
  }

  static void i8(byte[] m, long base, int offset, int v) {
    long ea = ea(base, offset);
    if (ea >= m.length) {
      throw oob(ea, 1, m);
    }
    m[(int) ea] = (byte) v;
  }

  /** The loads and stores the loop leaves to this cold path. */
  static void store(int op, byte[] m, long base, int offset, long v) {
    switch (op) {
      case Opcodes.I64_STORE8, Opcodes.I32_STORE8 -> i8(m, base, offset, (int) v);
      case Opcodes.I64_STORE16, Opcodes.I32_STORE16 -> i16(m, base, offset, (int) v);
      case Opcodes.I64_STORE32 -> i32(m, base, offset, (int) v);
      default -> throw new IllegalStateException("not a narrow store: " + op);
    }
  }

  static long load(int op, byte[] m, long base, int offset) {
    return switch (op) {
      case Opcodes.I32_LOAD8_S, Opcodes.I64_LOAD8_S -> i8(m, base, offset);
      case Opcodes.I32_LOAD8_U, Opcodes.I64_LOAD8_U -> i8(m, base, offset) & 0xFF;
      case Opcodes.I32_LOAD16_S, Opcodes.I64_LOAD16_S -> i16(m, base, offset);
      case Opcodes.I32_LOAD16_U, Opcodes.I64_LOAD16_U -> i16(m, base, offset) & 0xFFFF;
      case Opcodes.I64_LOAD32_S -> i32(m, base, offset);
      case Opcodes.I64_LOAD32_U -> i32(m, base, offset) & 0xFFFF_FFFFL;
      default -> throw new IllegalStateException("not a narrow load: " + op);
    };
  }
}
