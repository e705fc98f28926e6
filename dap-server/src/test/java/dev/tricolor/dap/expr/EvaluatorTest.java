package dev.tricolor.dap.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.wasm.memory.Memory;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private final Memory memory = new Memory(1, 1);
  private final MemoryEvalContext ctx =
      new MemoryEvalContext(memory)
          .scope(
              List.of(
                  new Value.Named("depth", Value.Int.i32(3)),
                  new Value.Named("ptr", Value.Int.i32(64)),
                  new Value.Named("big", Value.Int.i64(1L << 40)),
                  new Value.Named("ratio", Value.Float.f32(0.5f)),
                  new Value.Named("className", new Value.Str("Node"))))
          .scope(
              List.of(
                  new Value.Named("depth", Value.Int.i32(99)),
                  new Value.Named("~lib/rt/itcms/white", Value.Int.i32(1)),
                  new Value.Named("programs/list/counter", Value.Int.i32(7))));

  private String eval(String text) throws ExpressionException {
    return Evaluator.evaluate(text, ctx).display(false);
  }

  private Value value(String text) throws ExpressionException {
    return Evaluator.evaluate(text, ctx);
  }

  private String error(String text) {
    return assertThrows(ExpressionException.class, () -> Evaluator.evaluate(text, ctx))
        .getMessage();
  }

  @Test
  void namesResolveInnermostScopeFirstAndByShortName() throws Exception {
    assertEquals("3", eval("depth"), "the frame's local shadows a global of the same name");
    assertEquals("1", eval("~lib/rt/itcms/white"));
    assertEquals("7", eval("counter"));
    assertEquals("7", eval("`programs/list/counter`"));
    assertEquals("8", eval("~lib/rt/itcms/white + counter"));
  }

  @Test
  void integerArithmeticWrapsAtTheCommonWidth() throws Exception {
    assertEquals("14", eval("2 + 3 * 4"));
    assertEquals("20", eval("(2 + 3) * 4"));
    assertEquals("-2147483648", eval("2147483647 + 1"), "i32 wraps");
    assertEquals("i64", value("2147483647 + big").typeName());
    assertEquals("2147483648", eval("2147483647 + big - big + 1"), "i64 from there on");
    assertEquals("-3", eval("-7 / 2"));
    assertEquals("-1", eval("-7 % 2"));
    assertEquals("2147483647", eval("0xffffffff >>> 1"));
    assertEquals("u32", value("0xffffffff").typeName());
    assertEquals("4294967295", eval("0xffffffff"));
    assertEquals("2147483647", eval("0xffffffff >> 1"), "unsigned shifts right logically");
    assertEquals("-1", eval("-2 >> 1"), "signed shifts right arithmetically");
    assertEquals("16", eval("1 << 36"), "shift count masked to the width");
    assertEquals("0x10", Evaluator.evaluate("ptr >> 2", ctx).display(true));
    assertEquals("-4", eval("~3"));
    assertEquals("-4", eval("~depth"), "~ before a plain name is the operator");
    assertEquals("6", eval("ptr & ~3 ^ 0x46"), "& binds tighter than ^: (64 & ~3) ^ 70");
    assertEquals("18446744073709551615", eval("0xffffffffffffffff"));
    assertEquals("9223372036854775807", eval("0xffffffffffffffff / 2"), "u64 divides unsigned");
  }

  @Test
  void floatsWidenAndKeepF32WhenBothAre() throws Exception {
    assertEquals("1.5", eval("1 + 0.5"));
    assertEquals("f64", value("ratio * 2").typeName());
    assertEquals("f32", value("ratio * ratio").typeName());
    assertEquals("0.25", eval("ratio * ratio"));
    assertEquals("Infinity", eval("1 / 0.0"));
    assertEquals("1000.0", eval("1e3"));
  }

  @Test
  void comparisonsAndLogic() throws Exception {
    assertTrue(value("depth > 2 && depth <= 3").truthy());
    assertFalse(value("depth == 2 || !(depth == 3)").truthy());
    assertEquals("bool", value("depth != 1").typeName());
    assertTrue(value("className == \"Node\" && depth * 2 >= 6").truthy());
    assertTrue(value("className != 'Leaf'").truthy());
    assertTrue(value("0xffffffff > 0").truthy(), "u32 compares unsigned");
    assertTrue(value("-1 < 0").truthy());
    assertTrue(value("true == (1 < 2)").truthy());
    assertEquals("2", eval("true + true"));
    assertEquals("\"Node#3\"", eval("className + '#' + depth"));
    // Short-circuit: the right side is not evaluated (it would fail).
    assertFalse(value("false && nosuch").truthy());
    assertTrue(value("true || 1 / 0").truthy());
  }

  @Test
  void loadsReadLittleEndianMemory() throws Exception {
    memory.storeI32(64, 0xCAFEBABE);
    memory.storeI64(72, -5L);
    memory.storeI32(80, Float.floatToIntBits(2.5f));
    assertEquals("-889275714", eval("load<i32>(ptr)"));
    assertEquals("3405691582", eval("load<u32>(ptr)"));
    assertEquals("-66", eval("load<i8>(ptr)"));
    assertEquals("190", eval("load<u8>(64)"));
    assertEquals("47806", eval("load<u16>(ptr)"));
    assertEquals("-5", eval("load<i64>(ptr + 8)"));
    assertEquals("2.5", eval("load<f32>(80)"));
    assertEquals("0xcafebabe", Evaluator.evaluate("load<usize>(ptr)", ctx).display(true));
    assertEquals("true", eval("load<bool>(ptr)"));
  }

  @Test
  void bigEndianLoadsReadTheBytesInTheOtherOrder() throws Exception {
    // 12 34 56 78 9a bc de f0 at 64: what DataView.setUint64(0, 0x123456789abcdef0, false) writes
    byte[] bytes = {0x12, 0x34, 0x56, 0x78, (byte) 0x9a, (byte) 0xbc, (byte) 0xde, (byte) 0xf0};
    for (int i = 0; i < bytes.length; i++) {
      memory.storeI8(64 + i, bytes[i]);
    }
    assertEquals("0x1234", Evaluator.evaluate("loadBE<u16>(ptr)", ctx).display(true));
    assertEquals("0x3412", Evaluator.evaluate("load<u16>(ptr)", ctx).display(true));
    assertEquals("0x12345678", Evaluator.evaluate("loadBE<u32>(ptr)", ctx).display(true));
    assertEquals("u32", value("loadBE<u32>(ptr)").typeName());
    assertEquals("0x56789abc", Evaluator.evaluate("loadBE<i32>(ptr + 2)", ctx).display(true));
    assertEquals("0x123456789abcdef0", Evaluator.evaluate("loadBE<u64>(ptr)", ctx).display(true));
    assertEquals("u64", value("loadBE<u64>(ptr)").typeName());
    assertEquals("-25924", eval("loadBE<i16>(ptr + 4)"), "0x9abc sign-extended");
    assertEquals("39612", eval("loadBE<u16>(ptr + 4)"), "0x9abc zero-extended");
    assertEquals("-1698898192", eval("loadBE<i32>(ptr + 4)"), "0x9abcdef0 as i32");
    assertEquals("i64", value("loadBE<i64>(ptr)").typeName());
    assertEquals("1311768467463790320", eval("loadBE<i64>(ptr)"));

    memory.storeI32(80, Integer.reverseBytes(Float.floatToIntBits(-2.5f)));
    memory.storeI64(88, Long.reverseBytes(Double.doubleToLongBits(1e300)));
    assertEquals("-2.5", eval("loadBE<f32>(80)"));
    assertEquals("f32", value("loadBE<f32>(80)").typeName());
    assertEquals("1.0E300", eval("loadBE<f64>(88)"));
    assertTrue(value("loadBE<u32>(ptr) == bswap<u32>(load<u32>(ptr))").truthy());
  }

  @Test
  void byteSwapsAsAssemblyScriptsBswap() throws Exception {
    // The values of test-programs/programs/byteorder.json's swap calls, which Node computed.
    assertEquals("13330", eval("bswap<u16>(4660)"));
    assertEquals("128", eval("bswap<i16>(-32768)"));
    assertEquals("-32768", eval("bswap<i16>(128)"), "the swapped i16 is sign-extended");
    assertEquals("2018915346", eval("bswap<u32>(305419896)"));
    assertEquals("578437695752307201", eval("bswap<u64>(72623859790382856)"));
    assertEquals("u64", value("bswap<u64>(1)").typeName());
    assertEquals("0x78563412", Evaluator.evaluate("bswap<i32>(0x12345678)", ctx).display(true));
    assertEquals("i32", value("bswap<i32>(0x12345678)").typeName());
    assertEquals("-1", eval("bswap<i64>(-1)"));
    assertEquals("72057594037927936", eval("bswap<i64>(1)"));
    assertEquals("0xefbeadde", Evaluator.evaluate("bswap<u32>(0xdeadbeef)", ctx).display(true));
    assertEquals("0x3412", Evaluator.evaluate("bswap<u16>(0xab1234)", ctx).display(true),
        "the operand is cut to T's width first");
    assertEquals("0x10000000000", Evaluator.evaluate("bswap<u64>(bswap<u64>(big))", ctx).display(true));
    assertEquals("1024", eval("bswap<u32>(ptr) >>> 20"), "a swap is an operand like any other");
    assertEquals("bswap<u32> needs an integer, got f32 at column 12", error("bswap<u32>(ratio)"));
    assertEquals("bswap<u16> needs an integer, got string at column 12",
        error("bswap<u16>(className)"));
    assertEquals("bswap<T> needs a type (i16, u16, i32, u32, i64, u64), found 'u8' at column 7",
        error("bswap<u8>(1)"));
    assertEquals("bswap<T> needs a type (i16, u16, i32, u32, i64, u64), found 'f32' at column 7",
        error("bswap<f32>(1)"));
    assertEquals("expected ')' to close bswap<u32>( but found the end at column 13",
        error("bswap<u32>(1"));
  }

  @Test
  void bswapAndLoadBEWithoutATypeArgumentAreNames() throws Exception {
    MemoryEvalContext locals =
        new MemoryEvalContext(memory)
            .scope(List.of(new Value.Named("bswap", Value.Int.i32(5)),
                new Value.Named("loadBE", Value.Int.i32(64))));
    memory.storeI16(64, (short) 0x0102);
    assertEquals("6", Evaluator.evaluate("bswap + 1", locals).display(false));
    assertEquals("0x500", Evaluator.evaluate("bswap<u16>(bswap)", locals).display(true));
    assertEquals("0x102", Evaluator.evaluate("bswap<u16>(loadBE<u16>(loadBE))", locals).display(true));
  }

  @Test
  void parseErrorsPointAtTheColumn() {
    assertEquals("expected ')' to close the '(' at column 1 but found the end at column 7",
        error("(1 + 2"));
    assertEquals("unexpected ')' after the expression at column 7", error("1 + 2 )"));
    assertEquals("expected a value but found '*' at column 5", error("1 + * 2"));
    assertEquals("unexpected character '@' at column 3", error("a @ b"));
    assertEquals("unclosed string at column 1", error("\"abc"));
    assertEquals(
        "load<T> needs a type (i8, u8, i16, u16, i32, u32, i64, u64, f32, f64, bool, isize, usize),"
            + " found 'int' at column 6",
        error("load<int>(4)"));
    assertEquals("expected '(' after load<i32> but found '4' at column 10", error("load<i32>4"));
    assertEquals("'12abc' is not a number at column 1", error("12abc"));
    assertEquals("empty expression", error("   "));
    assertEquals("number 99999999999999999999999 does not fit in 64 bits at column 1",
        error("99999999999999999999999"));
    assertEquals("hex number '0x' has no digits at column 1", error("0x"));
  }

  @Test
  void evaluationErrorsNameTheProblem() {
    assertEquals("unknown name 'dpeth' (known names: depth, ptr, big, ratio, className, depth,"
        + " ~lib/rt/itcms/white, programs/list/counter) at column 5", error("1 + dpeth"));
    assertEquals("division by zero at column 7", error("depth / 0"));
    assertEquals("division by zero at column 7", error("depth % (ptr - 64)"));
    assertEquals("load of 4 bytes at 0xfffe is out of bounds (memory is 65536 bytes)",
        error("load<i32>(0xfffe)"));
    assertEquals("load address -4 is negative at column 1", error("load<i32>(-4)"));
    assertEquals("load<T> needs an integer address, got f64 at column 11", error("load<i32>(1.5)"));
    assertEquals("load of 8 bytes at 0xfffc is out of bounds (memory is 65536 bytes)",
        error("loadBE<f64>(0xfffc)"));
    assertEquals("load of 2 bytes at 0x10000 is out of bounds (memory is 65536 bytes)",
        error("loadBE<u16>(65536)"));
    assertEquals("loadBE address -2 is negative at column 1", error("loadBE<i16>(-2)"));
    assertEquals("loadBE<T> needs an integer address, got string at column 13",
        error("loadBE<u32>(className)"));
    assertEquals("loadBE<T> needs a type (i16, u16, i32, u32, i64, u64, f32, f64), found 'u8' at"
        + " column 8", error("loadBE<u8>(4)"));
    assertEquals("loadBE<T> needs a type (i16, u16, i32, u32, i64, u64, f32, f64), found 'usize'"
        + " at column 8", error("loadBE<usize>(4)"));
    assertEquals("operator '-' does not apply to a string at column 1", error("-className"));
    assertEquals("operator '&' needs integers, got a float at column 7", error("ratio & 1"));
    assertEquals("operator '<' cannot compare a string with a i32 at column 11",
        error("className < 3"));
  }

  @Test
  void withoutMemoryLoadsSaySo() {
    MemoryEvalContext none = new MemoryEvalContext(null);
    ExpressionException e =
        assertThrows(ExpressionException.class, () -> Evaluator.evaluate("load<i32>(0)", none));
    assertEquals("the module has no linear memory to load from", e.getMessage());
    e = assertThrows(ExpressionException.class, () -> Evaluator.evaluate("loadBE<u32>(0)", none));
    assertEquals("the module has no linear memory to load from", e.getMessage());
  }
}
