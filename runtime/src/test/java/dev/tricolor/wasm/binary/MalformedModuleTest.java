package dev.tricolor.wasm.binary;

import static dev.tricolor.wasm.binary.WasmBytes.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedModuleTest {
  static final byte[] TYPE_VOID = section(1, vec(bytes(0x60, 0, 0)));
  static final byte[] ONE_FUNC = section(3, vec(u32(0)));

  static byte[] withBody(byte[] code) {
    return module(TYPE_VOID, ONE_FUNC, section(10, vec(body(vec(), code))));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("empty file", bytes(), "unexpected end", 0),
        Arguments.of("bad magic", bytes(0, 0x61, 0x73, 0x6E, 1, 0, 0, 0), "magic header not detected", 0),
        Arguments.of("version 2", bytes(0, 0x61, 0x73, 0x6D, 2, 0, 0, 0), "unknown binary version", 4),
        Arguments.of("header cut short", bytes(0, 0x61, 0x73, 0x6D, 1), "unexpected end", 5),
        Arguments.of("section id 13", module(bytes(13, 0)), "malformed section id", 8),
        Arguments.of("section larger than the file", module(bytes(1, 5, 0)), "length out of bounds", 9),
        Arguments.of(
            "section content shorter than declared",
            module(section(1, vec(), bytes(0))),
            "section size mismatch",
            10),
        Arguments.of(
            "overlong u32",
            module(section(5, vec(bytes(0x00, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00)))),
            "integer representation too long",
            17),
        Arguments.of(
            "u32 with high bits set",
            module(section(5, vec(bytes(0x00, 0x82, 0x80, 0x80, 0x80, 0x70)))),
            "integer too large",
            16),
        Arguments.of(
            "type section after the function section",
            module(ONE_FUNC, TYPE_VOID),
            "unexpected content after last section",
            12),
        Arguments.of("function without body", module(TYPE_VOID, ONE_FUNC), "function and code section have inconsistent lengths", 18),
        Arguments.of(
            "bad UTF-8 in an export name",
            module(section(7, vec(cat(u32(1), bytes(0xC0), bytes(0, 0))))),
            "malformed UTF-8 encoding",
            11),
        Arguments.of(
            "import kind 4",
            module(section(2, vec(cat(name("a"), name("b"), bytes(4, 0))))),
            "malformed import kind",
            15),
        Arguments.of(
            "global mutability 2",
            module(section(6, vec(bytes(0x7F, 0x02, 0x41, 0x00, 0x0B)))),
            "malformed mutability",
            12),
        Arguments.of(
            "table of i32",
            module(section(4, vec(bytes(0x7F, 0x00, 0x00)))),
            "malformed reference type",
            11),
        Arguments.of(
            "too many locals",
            module(
                TYPE_VOID,
                ONE_FUNC,
                section(10, vec(body(vec(cat(u32(0xFFFF_FFFFL), bytes(0x7F)), cat(u32(2), bytes(0x7E))), bytes(0x0B))))),
            "too many locals",
            22),
        Arguments.of("illegal opcode", withBody(bytes(0x06, 0x0B)), "illegal opcode 0x6", 23),
        Arguments.of("memory.size with a memory index", withBody(bytes(0x3F, 0x01, 0x1A, 0x0B)), "zero byte expected", 24),
        Arguments.of("body without end", withBody(bytes(0x01)), "unexpected end of section or function", 24),
        Arguments.of("else outside an if", withBody(bytes(0x05, 0x0B)), "END opcode expected", 23),
        Arguments.of(
            "data count disagrees with the data section",
            module(section(12, u32(1))),
            "data count and data section have inconsistent lengths",
            11),
        Arguments.of(
            "memory.init without a data count section",
            module(
                TYPE_VOID,
                ONE_FUNC,
                section(5, vec(bytes(0, 1))),
                section(10, vec(body(vec(), bytes(0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 0x08, 0, 0, 0x0B)))),
                section(11, vec(cat(u32(1), name("x"))))),
            "data count section required",
            34),
        Arguments.of("SIMD", withBody(bytes(0xFD, 0x0C, 0x0B)), "SIMD instructions are not supported", 23));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void saysWhatIsWrongAndWhere(String what, byte[] bytes, String words, int offset) {
    MalformedModuleException e =
        assertThrows(MalformedModuleException.class, () -> ModuleParser.parse(bytes));
    assertTrue(e.getMessage().startsWith(words), () -> "expected \"" + words + "\" in: " + e.getMessage());
    assertEquals(offset, e.offset(), () -> e.getMessage());
    assertTrue(e.getMessage().contains(" at 0x" + Integer.toHexString(offset)), e.getMessage());
  }

  @Test
  void namesTheFunctionWhoseBodyIsCutShort() {
    byte[] bytes = module(TYPE_VOID, section(3, vec(u32(0), u32(0))), section(10, vec(body(vec(), bytes(0x0B)), body(vec(), bytes(0x02, 0x40)))));
    MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> ModuleParser.parse(bytes));
    assertEquals(
        "unexpected end of section or function at 0x" + Integer.toHexString(bytes.length) + " in code section, function 1",
        e.getMessage());
  }

  /**
   * Every prefix and many single-byte corruptions of a module with every section either decode
   * or throw MalformedModuleException: never another exception.
   */
  @Test
  void corruptedBytesNeverLeakAnotherException() {
    byte[] good = ModuleParserTest.RICH;
    int decoded = 0;
    int rejected = 0;
    for (int cut = 0; cut < good.length; cut++) {
      try {
        ModuleParser.parse(Arrays.copyOf(good, cut));
        decoded++;
      } catch (MalformedModuleException e) {
        rejected++;
      }
    }
    int[] replacements = {0x00, 0x01, 0x0B, 0x40, 0x7F, 0x80, 0xFF};
    for (int i = 8; i < good.length; i++) {
      for (int r : replacements) {
        byte[] bad = good.clone();
        bad[i] = (byte) r;
        try {
          ModuleParser.parse(bad);
          decoded++;
        } catch (MalformedModuleException e) {
          rejected++;
          assertTrue(e.offset() >= 0 && e.offset() <= bad.length, e.getMessage());
        }
      }
    }
    assertTrue(rejected > good.length, "most corruptions are rejected: " + rejected);
    assertTrue(decoded > 0, "some corruptions still decode (e.g. a changed constant)");
  }
}
