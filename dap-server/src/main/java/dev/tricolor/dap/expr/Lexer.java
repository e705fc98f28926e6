package dev.tricolor.dap.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens. Names are identifiers ({@code head}, {@code $tmp}),
 * AssemblyScript's internal names that start with {@code ~} and run to the next space or
 * operator other than {@code /} ({@code ~lib/rt/itcms/white}), or any text in backticks
 * ({@code `programs/list/counter`}).
 */
final class Lexer {
  // Longest first, so ">>>" is not read as ">>" then ">".
  private static final String[] OPERATORS = {
    ">>>", "===", "!==", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "%",
    "<", ">", "!", "~", "&", "|", "^", "(", ")", ","
  };

  // "~lib/..." and other compiler-internal paths; "~x" without a '/' is the operator and a name.
  private static final java.util.regex.Pattern INTERNAL_NAME_START =
      java.util.regex.Pattern.compile("~[A-Za-z_$][A-Za-z0-9_$]*/");

  private final String s;
  private int pos;

  private Lexer(String s) {
    this.s = s;
  }

  static List<Token> tokenize(String text) throws ExpressionException {
    return new Lexer(text).run();
  }

  private List<Token> run() throws ExpressionException {
    List<Token> out = new ArrayList<>();
    while (true) {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
      if (pos >= s.length()) {
        out.add(new Token(Token.Kind.END, "", pos + 1));
        return out;
      }
      char c = s.charAt(pos);
      int col = pos + 1;
      if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
        out.add(new Token(Token.Kind.NUMBER, number(), col));
      } else if (c == '"' || c == '\'') {
        out.add(new Token(Token.Kind.STRING, string(c), col));
      } else if (c == '`') {
        int end = s.indexOf('`', pos + 1);
        if (end < 0) {
          throw new ExpressionException("unclosed '`'", col);
        }
        if (end == pos + 1) {
          throw new ExpressionException("empty name in backticks", col);
        }
        out.add(new Token(Token.Kind.NAME, s.substring(pos + 1, end), col));
        pos = end + 1;
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = pos;
        while (pos < s.length() && Character.isJavaIdentifierPart(s.charAt(pos))) {
          pos++;
        }
        out.add(new Token(Token.Kind.NAME, s.substring(start, pos), col));
      } else if (c == '~' && INTERNAL_NAME_START.matcher(s).region(pos, s.length()).lookingAt()) {
        int start = pos;
        pos++;
        while (pos < s.length() && isInternalNamePart(s.charAt(pos))) {
          pos++;
        }
        out.add(new Token(Token.Kind.NAME, s.substring(start, pos), col));
      } else {
        String op = operator();
        if (op == null) {
          throw new ExpressionException("unexpected character '" + c + "'", col);
        }
        out.add(new Token(Token.Kind.OP, op, col));
      }
    }
  }

  private static boolean isInternalNamePart(char c) {
    return Character.isJavaIdentifierPart(c) || c == '/' || c == '~' || c == '.' || c == '#';
  }

  private String operator() {
    for (String op : OPERATORS) {
      if (s.startsWith(op, pos)) {
        pos += op.length();
        return op;
      }
    }
    return null;
  }

  private String number() {
    int start = pos;
    if (s.startsWith("0x", pos) || s.startsWith("0X", pos)) {
      pos += 2;
      while (pos < s.length() && (Character.digit(s.charAt(pos), 16) >= 0 || s.charAt(pos) == '_')) {
        pos++;
      }
    } else {
      while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
          pos++;
        }
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        int save = pos;
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          pos++;
        }
        if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
          while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
          }
        } else {
          pos = save;
        }
      }
    }
    // A letter glued to a number ("12abc") is a typo, not two tokens.
    while (pos < s.length() && Character.isJavaIdentifierPart(s.charAt(pos))) {
      pos++;
    }
    return s.substring(start, pos);
  }

  private String string(char quote) throws ExpressionException {
    int col = pos + 1;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\') {
        if (pos >= s.length()) {
          break;
        }
        char e = s.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case '0' -> sb.append('\0');
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
    throw new ExpressionException("unclosed string", col);
  }
}
