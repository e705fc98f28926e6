package dev.tricolor.dap.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A logpoint message: text with expressions in braces, {@code depth={depth} size={size}}. {@code
 * {{} and {@code }}} stand for literal braces. Parsed once when the breakpoint is set, so a typo
 * is reported then, with its column in the whole message.
 */
public final class LogMessage {
  private final List<Object> parts; // String or Expr

  private LogMessage(List<Object> parts) {
    this.parts = parts;
  }

  public static LogMessage parse(String message) throws ExpressionException {
    List<Object> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < message.length()) {
      char c = message.charAt(i);
      if (c == '{' && message.startsWith("{{", i)) {
        text.append('{');
        i += 2;
      } else if (c == '}' && message.startsWith("}}", i)) {
        text.append('}');
        i += 2;
      } else if (c == '{') {
        int end = message.indexOf('}', i + 1);
        if (end < 0) {
          throw new ExpressionException("'{' has no closing '}'", i + 1);
        }
        if (text.length() > 0) {
          parts.add(text.toString());
          text.setLength(0);
        }
        String inner = message.substring(i + 1, end);
        try {
          parts.add(Parser.parse(inner));
        } catch (ExpressionException e) {
          int col = e.column() > 0 ? e.column() + i + 1 : i + 1;
          String base = e.getMessage();
          if (e.column() > 0) {
            base = base.substring(0, base.lastIndexOf(" at column "));
          }
          throw new ExpressionException(base + " in {" + inner + "}", col);
        }
        i = end + 1;
      } else if (c == '}') {
        throw new ExpressionException("'}' without '{' (write }} for a brace)", i + 1);
      } else {
        text.append(c);
        i++;
      }
    }
    if (text.length() > 0) {
      parts.add(text.toString());
    }
    return new LogMessage(parts);
  }

  /**
   * The message with each expression's value; an expression that fails shows its error in place
   * ({@code <unknown name 'x' at column 1>}), so one bad part does not hide the rest.
   */
  public String render(EvalContext context) {
    Evaluator ev = new Evaluator(context);
    StringBuilder sb = new StringBuilder();
    for (Object p : parts) {
      if (p instanceof String s) {
        sb.append(s);
      } else {
        try {
          Value v = ev.eval((Expr) p);
          sb.append(v instanceof Value.Str s ? s.value() : v.display(false));
        } catch (ExpressionException e) {
          sb.append('<').append(e.getMessage()).append('>');
        }
      }
    }
    return sb.toString();
  }
}
