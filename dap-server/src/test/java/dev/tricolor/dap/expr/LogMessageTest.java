package dev.tricolor.dap.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogMessageTest {
  private final MemoryEvalContext ctx =
      new MemoryEvalContext(null)
          .scope(
              List.of(
                  new Value.Named("depth", Value.Int.i32(4)),
                  new Value.Named("size", Value.Int.u32(24)),
                  new Value.Named("className", new Value.Str("Node"))));

  @Test
  void bracesInterpolateExpressions() throws Exception {
    assertEquals("depth=4 size=24", LogMessage.parse("depth={depth} size={size}").render(ctx));
    assertEquals("Node of 48 bytes", LogMessage.parse("{className} of {size * 2} bytes").render(ctx));
    assertEquals("{literal} 5", LogMessage.parse("{{literal}} {depth + 1}").render(ctx));
    assertEquals("no braces", LogMessage.parse("no braces").render(ctx));
  }

  @Test
  void aFailingPartShowsItsErrorAndTheRestStillRenders() throws Exception {
    assertEquals(
        "a=<unknown name 'nope' (known names: depth, size, className) at column 1> d=4",
        LogMessage.parse("a={nope} d={depth}").render(ctx));
  }

  @Test
  void parseErrorsGiveTheColumnInTheWholeMessage() {
    assertEquals("'{' has no closing '}' at column 7",
        assertThrows(ExpressionException.class, () -> LogMessage.parse("depth={depth")).getMessage());
    assertEquals("expected a value but found ')' in { 1 + ) } at column 16",
        assertThrows(ExpressionException.class, () -> LogMessage.parse("value is { 1 + ) }"))
            .getMessage());
    assertEquals("'}' without '{' (write }} for a brace) at column 2",
        assertThrows(ExpressionException.class, () -> LogMessage.parse("a}")).getMessage());
  }

  @Test
  void hitConditions() throws Exception {
    HitCondition atLeast = HitCondition.parse("3");
    assertFalse(atLeast.test(2));
    assertTrue(atLeast.test(3));
    assertTrue(atLeast.test(4));
    HitCondition exactly = HitCondition.parse("= 3");
    assertTrue(exactly.test(3));
    assertFalse(exactly.test(4));
    HitCondition every = HitCondition.parse("%2");
    assertFalse(every.test(1));
    assertTrue(every.test(2));
    assertTrue(HitCondition.parse("< 2").test(1));
    assertFalse(HitCondition.parse("> 2").test(2));
    assertEquals(
        "hit condition must be a count with an optional operator (==, >, >=, <, <=, %), got \"x\"",
        assertThrows(ExpressionException.class, () -> HitCondition.parse("x")).getMessage());
    assertEquals("hit condition '% 0' divides by zero",
        assertThrows(ExpressionException.class, () -> HitCondition.parse("% 0")).getMessage());
  }
}
