package dev.tricolor.wasm.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds module bytes by hand for tests: sections, vectors, LEB128 numbers, names. */
public final class WasmBytes {
  private WasmBytes() {}

  public static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

  public static byte[] module(byte[]... sections) {
    return cat(HEADER, cat(sections));
  }

  public static byte[] section(int id, byte[]... content) {
    byte[] body = cat(content);
    return cat(bytes(id), u32(body.length), body);
  }

  public static byte[] vec(byte[]... items) {
    return cat(u32(items.length), cat(items));
  }

  public static byte[] name(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return cat(u32(utf8.length), utf8);
  }

  /** A code section entry: size, local groups (pairs count/type), instruction bytes. */
  public static byte[] body(byte[] locals, byte[] code) {
    byte[] content = cat(locals, code);
    return cat(u32(content.length), content);
  }

  public static byte[] u32(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return out.toByteArray();
  }

  public static byte[] s64(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return out.toByteArray();
      }
    }
  }

  public static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  public static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
