package dev.tricolor.dap.expr;

/**
 * A lexical token.
 *
 * @param kind what it is
 * @param text the source text (for {@link Kind#STRING}: the decoded string)
 * @param column 1-based column of its first character
 */
record Token(Kind kind, String text, int column) {
  enum Kind {
    NUMBER,
    STRING,
    NAME,
    OP,
    END
  }

  boolean is(String op) {
    return kind == Kind.OP && text.equals(op);
  }
}
