package dev.tricolor.wasm.binary;

import dev.tricolor.wasm.model.ValType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over the module file that decodes the binary format's primitive values (bytes,
 * LEB128 integers with the spec's exact over-length and unused-bit rules, names) and never reads
 * past {@link #limit}: the end of the section being read, or of the file. Every failure is a
 * {@link MalformedModuleException} naming the offset and {@link #where()}; nothing here leaks an
 * IndexOutOfBoundsException.
 */
final class ByteReader {
  final byte[] bytes;
  int pos;
  int limit;

  /** True while reading inside a section: running out is "of section or function". */
  boolean inSection;

  /** What is being read, for messages: a section name, then optionally an item. */
  String section;

  String itemKind;
  long item = -1;

  ByteReader(byte[] bytes, int pos, int limit) {
    this.bytes = bytes;
    this.pos = pos;
    this.limit = limit;
  }

  String where() {
    if (section == null) {
      return null;
    }
    return item < 0 ? section : section + ", " + itemKind + " " + item;
  }

  MalformedModuleException error(String problem, int offset) {
    return new MalformedModuleException(problem, offset, where());
  }

  MalformedModuleException unexpectedEnd() {
    return error(inSection ? "unexpected end of section or function" : "unexpected end", limit);
  }

  boolean atLimit() {
    return pos >= limit;
  }

  int remaining() {
    return limit - pos;
  }

  int u8() {
    if (pos >= limit) {
      throw unexpectedEnd();
    }
    return bytes[pos++] & 0xFF;
  }

  int peek() {
    if (pos >= limit) {
      throw unexpectedEnd();
    }
    return bytes[pos] & 0xFF;
  }

  /** Little-endian fixed-width 32 bits (f32.const). */
  int fixed32() {
    if (limit - pos < 4) {
      pos = limit;
      throw unexpectedEnd();
    }
    byte[] b = bytes;
    int p = pos;
    pos = p + 4;
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
  }

  /** Little-endian fixed-width 64 bits (f64.const). */
  long fixed64() {
    long lo = fixed32() & 0xFFFF_FFFFL;
    long hi = fixed32() & 0xFFFF_FFFFL;
    return lo | hi << 32;
  }

  /** An unsigned LEB128 u32, returned as its 32 bits (callers needing the value use a long). */
  int u32() {
    if (pos < limit) {
      int b = bytes[pos];
      if (b >= 0) {
        pos++;
        return b;
      }
    }
    return (int) varU(32);
  }

  /** An unsigned LEB128 u32 as a non-negative long. */
  long u32L() {
    return u32() & 0xFFFF_FFFFL;
  }

  int s32() {
    if (pos < limit) {
      int b = bytes[pos];
      if (b >= 0) {
        pos++;
        return (b << 25) >> 25;
      }
    }
    return (int) varS(32);
  }

  long s64() {
    return varS(64);
  }

  /**
   * Unsigned LEB128 of at most {@code bits} bits, exactly as the spec decodes it: more than
   * ceil(bits/7) bytes is "integer representation too long", set bits beyond {@code bits} in
   * the last byte are "integer too large".
   */
  long varU(int bits) {
    long result = 0;
    int shift = 0;
    int n = bits;
    while (true) {
      if (n <= 0) {
        throw error("integer representation too long", pos);
      }
      int b = u8();
      if (n < 7 && (b & 0x7F) >= (1 << n)) {
        throw error("integer too large", pos - 1);
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
      n -= 7;
    }
  }

  /** Signed LEB128 of at most {@code bits} bits; unused bits of the last byte must extend its sign. */
  long varS(int bits) {
    long result = 0;
    int shift = 0;
    int n = bits;
    while (true) {
      if (n <= 0) {
        throw error("integer representation too long", pos);
      }
      int b = u8();
      if (n < 7) {
        int mask = (-1 << (n - 1)) & 0x7F;
        if ((b & mask) != 0 && (b & mask) != mask) {
          throw error("integer too large", pos - 1);
        }
      }
      result |= (long) (b & 0x7F) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        if (shift < 64 && (b & 0x40) != 0) {
          result |= -1L << shift;
        }
        return result;
      }
      n -= 7;
    }
  }

  /**
   * A length prefix for something that must fit in what is left of the section: longer is
   * "length out of bounds".
   */
  int length(String what) {
    int at = pos;
    long n = u32L();
    if (n > limit - pos) {
      throw error("length out of bounds: " + what + " of " + n + " bytes, " + (limit - pos) + " left", at);
    }
    return (int) n;
  }

  /** A name: a length-prefixed UTF-8 string, which must be valid UTF-8. */
  String name() {
    int at = pos;
    int n = length("name");
    int start = pos;
    pos += n;
    boolean ascii = true;
    for (int i = start; i < start + n; i++) {
      if (bytes[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      // Most names are ASCII; they need no decoder.
      return new String(bytes, start, n, StandardCharsets.ISO_8859_1);
    }
    if (utf8 == null) {
      utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
    try {
      return utf8.decode(ByteBuffer.wrap(bytes, start, n)).toString();
    } catch (CharacterCodingException e) {
      throw error("malformed UTF-8 encoding", at);
    }
  }

  private CharsetDecoder utf8;

  /**
   * A value type byte. Numeric and vector codes lie above 0x70, reference codes at or below,
   * as the spec's decoder distinguishes them.
   */
  ValType valType() {
    int at = pos;
    int b = u8();
    ValType t = ValType.fromCode(b);
    if (t == null) {
      throw error(
          (b > 0x70 ? "malformed value type" : "malformed reference type") + " 0x" + Integer.toHexString(b),
          at);
    }
    return t;
  }

  ValType refType() {
    int at = pos;
    int b = u8();
    ValType t = ValType.fromCode(b);
    if (t == null || !t.isReference()) {
      throw error("malformed reference type 0x" + Integer.toHexString(b), at);
    }
    return t;
  }

  /** Skips {@code n} bytes that must lie before the limit. */
  void skip(int n) {
    if (n > limit - pos) {
      pos = limit;
      throw unexpectedEnd();
    }
    pos += n;
  }
}
