package dev.tricolor.wasm.validate;

import static dev.tricolor.wasm.binary.WasmBytes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.model.WasmModule;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorTest {
  static final int I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, FUNCREF = 0x70;

  // type 0: [] -> [], type 1: [i32] -> [i32], type 2: [i32 i32] -> [i32]
  static final byte[] TYPES =
      section(1, vec(
          bytes(0x60, 0, 0),
          cat(bytes(0x60), vec(bytes(I32)), vec(bytes(I32))),
          cat(bytes(0x60), vec(bytes(I32), bytes(I32)), vec(bytes(I32)))));

  /** One function of {@code type} with {@code locals} and {@code code}, plus a memory and a global. */
  static byte[] function(int type, byte[] locals, byte[] code, byte[]... extraSections) {
    return module(
        TYPES,
        section(3, vec(u32(type))),
        section(5, vec(bytes(0x00, 0x01))),
        section(6, vec(bytes(I32, 0x00, 0x41, 0x07, 0x0B))), // global 0: immutable i32 = 7
        section(10, vec(body(locals, code))));
  }

  static void valid(byte[] bytes) {
    WasmModule m = ModuleParser.parse(bytes);
    assertDoesNotThrow(() -> Validator.validate(m));
  }

  static InvalidModuleException invalid(byte[] bytes) {
    WasmModule m = ModuleParser.parse(bytes);
    return assertThrows(InvalidModuleException.class, () -> Validator.validate(m));
  }

  @Test
  void acceptsAModuleWithEverySection() {
    valid(dev.tricolor.wasm.binary.SampleModules.RICH);
  }

  @Test
  void typesStraightLineCodeAndReportsTheMaxStackHeight() {
    byte[] bytes = function(2, vec(), bytes(0x20, 0, 0x20, 1, 0x41, 3, 0x6C, 0x6A, 0x0B)); // a + b * 3
    ValidationResult result = Validator.validate(ModuleParser.parse(bytes));
    assertEquals(3, result.maxStackHeights()[0]);
  }

  @Test
  void theStackIsPolymorphicAfterUnreachableAndBranches() {
    valid(function(1, vec(), bytes(0x00, 0x6A, 0x0B))); // unreachable i32.add
    valid(function(0, vec(), bytes(0x0C, 0, 0x1A, 0x1A, 0x0B))); // br 0 drop drop
    valid(function(1, vec(), bytes(0x02, 0x7F, 0x41, 1, 0x0F, 0x0B, 0x0B))); // block (result i32) ... return
    valid(function(0, vec(), bytes(0x00, 0x1B, 0x1A, 0x0B))); // unreachable select drop
    // Unknown operands still have to agree with what is known.
    InvalidModuleException e = invalid(function(1, vec(), bytes(0x00, 0x42, 0, 0x6A, 0x0B)));
    assertTrue(e.getMessage().startsWith("type mismatch: i32.add expects i32 but found i64"), e.getMessage());
  }

  @Test
  void blocksWithParametersAndMultipleResults() {
    // type 2 as a block type: [i32 i32] -> [i32]
    valid(function(1, vec(), bytes(0x20, 0, 0x41, 1, 0x02, 2, 0x6A, 0x0B, 0x0B)));
    // loop with a parameter: br 0 goes back to the start with an i32
    valid(function(1, vec(), bytes(0x20, 0, 0x03, 1, 0x0B, 0x0B)));
    // if without else must not change the types
    InvalidModuleException e = invalid(function(1, vec(), bytes(0x20, 0, 0x04, 0x7F, 0x41, 1, 0x0B, 0x0B)));
    assertTrue(e.getMessage().startsWith("type mismatch"), e.getMessage());
  }

  @Test
  void namesTheFunctionAndTheOffset() {
    byte[] code = bytes(0x41, 1, 0x42, 2, 0x6A, 0x0B);
    byte[] functionNames = vec(cat(u32(0), name("demo")));
    byte[] bytes =
        cat(
            function(0, vec(), code),
            section(0, name("name"), bytes(1), u32(functionNames.length), functionNames));
    InvalidModuleException e = invalid(bytes);
    int offset = indexOf(bytes, code) + 4;
    assertEquals(offset, e.offset());
    assertEquals(0, e.functionIndex());
    assertEquals(
        "type mismatch: i32.add expects i32 but found i64 at 0x"
            + Integer.toHexString(offset)
            + " in function 0 (demo)",
        e.getMessage());
  }

  static Stream<Arguments> invalidModules() {
    return Stream.of(
        Arguments.of("unknown local", function(0, vec(bytes(1, I32)), bytes(0x20, 1, 0x1A, 0x0B))),
        Arguments.of("unknown global", function(0, vec(), bytes(0x23, 1, 0x1A, 0x0B))),
        Arguments.of("global is immutable", function(0, vec(), bytes(0x41, 0, 0x24, 0, 0x0B))),
        Arguments.of("unknown function", function(0, vec(), bytes(0x10, 9, 0x0B))),
        Arguments.of("unknown table", function(0, vec(), bytes(0x41, 0, 0x11, 0, 0, 0x0B))),
        Arguments.of("unknown type", function(0, vec(), bytes(0x02, 9, 0x0B, 0x0B))),
        Arguments.of("unknown label", function(0, vec(), bytes(0x0C, 1, 0x0B))),
        Arguments.of("unknown data segment", function(0, vec(), bytes(0xFC, 9, 0, 0x0B))),
        Arguments.of("unknown elem segment", function(0, vec(), bytes(0xFC, 13, 0, 0x0B))),
        Arguments.of(
            "alignment must not be larger than natural",
            function(0, vec(), bytes(0x41, 0, 0x28, 3, 0, 0x1A, 0x0B))),
        Arguments.of("type mismatch", function(1, vec(), bytes(0x42, 0, 0x0B))),
        Arguments.of("type mismatch", function(0, vec(), bytes(0x41, 0, 0x0B))),
        Arguments.of("invalid result arity", function(0, vec(), bytes(0x41, 0, 0x41, 0, 0x41, 0, 0x1C, 2, I32, I32, 0x1A, 0x0B))),
        Arguments.of("undeclared function reference", function(0, vec(), bytes(0xD2, 0, 0x1A, 0x0B))),
        Arguments.of(
            "memory size must be at most 65536 pages (4GiB)",
            module(section(5, vec(cat(bytes(0x00), u32(65537)))))),
        Arguments.of(
            "size minimum must not be greater than maximum",
            module(section(4, vec(bytes(FUNCREF, 0x01, 0x02, 0x01))))),
        Arguments.of(
            "multiple memories", module(section(5, vec(bytes(0x00, 0x01), bytes(0x00, 0x01))))),
        Arguments.of(
            "constant expression required",
            module(section(6, vec(bytes(I32, 0x00, 0x41, 0x01, 0x41, 0x01, 0x6A, 0x0B))))),
        Arguments.of(
            "unknown global 0",
            module(section(6, vec(bytes(I32, 0x00, 0x41, 0x01, 0x0B), bytes(I32, 0x00, 0x23, 0x00, 0x0B))))),
        Arguments.of(
            "duplicate export name",
            module(
                section(5, vec(bytes(0x00, 0x01))),
                section(7, vec(cat(name("m"), bytes(2, 0)), cat(name("m"), bytes(2, 0)))))),
        Arguments.of(
            "start function",
            module(TYPES, section(3, vec(u32(1))), section(8, u32(0)), section(10, vec(body(vec(), bytes(0x20, 0, 0x0B)))))),
        Arguments.of("unknown memory 0", module(section(11, vec(cat(u32(0), bytes(0x41, 0, 0x0B), name("x")))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidModules")
  void rejectsInTheSpecsWords(String words, byte[] bytes) {
    InvalidModuleException e = invalid(bytes);
    assertTrue(e.getMessage().startsWith(words), () -> "expected \"" + words + "\": " + e.getMessage());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
