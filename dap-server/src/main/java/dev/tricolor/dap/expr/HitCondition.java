package dev.tricolor.dap.expr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A breakpoint's hit condition: a count with an optional operator. {@code 5} and {@code >= 5}
 * stop from the 5th hit on, {@code == 5} (or {@code = 5}) only at the 5th, {@code > 5}, {@code <
 * 5}, {@code <= 5} as written, {@code % 5} at every 5th.
 */
public record HitCondition(String operator, long count) {
  private static final Pattern FORM = Pattern.compile("\\s*(==|=|>=|<=|>|<|%)?\\s*(\\d+)\\s*");

  public static HitCondition parse(String text) throws ExpressionException {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new ExpressionException(
          "hit condition must be a count with an optional operator (==, >, >=, <, <=, %), got \""
              + text + "\"",
          0);
    }
    String op = m.group(1) == null ? ">=" : m.group(1).equals("=") ? "==" : m.group(1);
    long n;
    try {
      n = Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      throw new ExpressionException("hit count " + m.group(2) + " is too large", 0);
    }
    if (op.equals("%") && n == 0) {
      throw new ExpressionException("hit condition '% 0' divides by zero", 0);
    }
    return new HitCondition(op, n);
  }

  /** Whether the {@code hits}-th hit (1 for the first) stops. */
  public boolean test(long hits) {
    return switch (operator) {
      case "==" -> hits == count;
      case ">" -> hits > count;
      case "<" -> hits < count;
      case "<=" -> hits <= count;
      case "%" -> hits % count == 0;
      default -> hits >= count;
    };
  }
}
