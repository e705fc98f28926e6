package dev.tricolor.wasm.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tricolor.wasm.memory.Memory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Strings as asc lays them out (UTF-16LE, byte length in rtSize at ptr - 4), and what the host
 * says instead of failing when a guest hands it a bad pointer or length.
 */
class AscStringsTest {
  private static Memory withString(int ptr, String text) {
    Memory m = new Memory(1, 1);
    byte[] units = text.getBytes(StandardCharsets.UTF_16LE);
    m.storeI32(ptr - 4, units.length);
    m.write(ptr, units);
    return m;
  }

  @Test
  void readsUtf16TextOfTheLengthInRtSize() {
    String text = "Index out of range: ä \uD83D\uDE00"; // a surrogate pair stays whole
    Memory m = withString(0x120, text);
    m.storeI16(0x120 + 2 * text.length(), (short) 'X'); // past the length: not read
    assertEquals(text, AscStrings.read(m, 0x120));
    assertEquals("", AscStrings.read(withString(0x40, ""), 0x40));
  }

  @Test
  void aNullPointerIsNull() {
    assertNull(AscStrings.read(new Memory(1, 1), 0));
  }

  @Test
  void aPointerWhoseLengthIsOutsideMemoryIsANote() {
    Memory m = new Memory(1, 1);
    assertEquals("<string pointer 0x2 outside memory>", AscStrings.read(m, 2));
    assertEquals("<string pointer 0x20000 outside memory>", AscStrings.read(m, 0x20000));
    assertEquals("<string pointer 0xfffffff0 outside memory>", AscStrings.read(m, 0xfffffff0));
    assertEquals("<string pointer 0x10 outside memory>", AscStrings.read(null, 0x10));
  }

  @Test
  void aLengthRunningPastMemoryIsANote() {
    Memory m = new Memory(1, 1);
    m.storeI32(0xfff0 - 4, 64); // 64 bytes from 0xfff0 end 48 bytes past 64 KiB
    assertEquals("<string at 0xfff0 of 64 bytes runs past memory>", AscStrings.read(m, 0xfff0));
    m.storeI32(0x100 - 4, -2); // 4 GiB - 2 bytes
    assertEquals("<string at 0x100 of 4294967294 bytes runs past memory>", AscStrings.read(m, 0x100));
  }

  @Test
  void aStringLongerThanTheLimitIsCutWithANote() {
    int units = AscStrings.MAX_UNITS + 3;
    Memory m = new Memory(2 * units / Memory.PAGE_SIZE + 1, 64);
    m.storeI32(0x10 - 4, 2 * units);
    m.fill(0x10, (byte) 'a', 2L * units); // 0x6161 each: U+6161
    String s = AscStrings.read(m, 0x10);
    assertEquals("<... 3 more code units>", s.substring(AscStrings.MAX_UNITS));
    assertEquals('\u6161', s.charAt(AscStrings.MAX_UNITS - 1));
  }
}
