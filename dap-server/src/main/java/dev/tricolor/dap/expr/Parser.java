package dev.tricolor.dap.expr;

import java.math.BigInteger;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the expression language of {@code evaluate}, breakpoint conditions and logpoints:
 * names, integer and float literals (decimal and hex), strings, {@code true}/{@code false},
 * arithmetic, bitwise operators, shifts, comparisons, {@code && || !}, parentheses, {@code
 * load<T>(addr)}, {@code loadBE<T>(addr)} and {@code bswap<T>(x)}. Precedence as in
 * AssemblyScript (and C), lowest first:
 *
 * <pre>
 *   ||   &&   |   ^   &   == != === !==   < <= > >=   << >> >>>   + -   * / %   unary - + ! ~
 * </pre>
 */
public final class Parser {
  private static final String[][] LEVELS = {
    {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!=", "===", "!=="}, {"<", "<=", ">", ">="},
    {"<<", ">>", ">>>"}, {"+", "-"}, {"*", "/", "%"}
  };

  private final List<Token> tokens;
  private int i;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses {@code text}; errors name the column where it goes wrong. */
  public static Expr parse(String text) throws ExpressionException {
    Parser p = new Parser(Lexer.tokenize(text));
    if (p.peek().kind() == Token.Kind.END) {
      throw new ExpressionException("empty expression", 0);
    }
    Expr e = p.level(0);
    Token t = p.peek();
    if (t.kind() != Token.Kind.END) {
      throw new ExpressionException("unexpected " + describe(t) + " after the expression", t.column());
    }
    return e;
  }

  private Token peek() {
    return tokens.get(i);
  }

  private Token next() {
    return tokens.get(i++);
  }

  private Expr level(int n) throws ExpressionException {
    if (n == LEVELS.length) {
      return unary();
    }
    Expr left = level(n + 1);
    while (true) {
      Token t = peek();
      String op = matching(t, LEVELS[n]);
      if (op == null) {
        return left;
      }
      next();
      Expr right = level(n + 1);
      left = new Expr.Binary(op, left, right, t.column());
    }
  }

  private static String matching(Token t, String[] ops) {
    if (t.kind() != Token.Kind.OP) {
      return null;
    }
    for (String op : ops) {
      if (t.text().equals(op)) {
        return op;
      }
    }
    return null;
  }

  private Expr unary() throws ExpressionException {
    Token t = peek();
    if (t.is("-") || t.is("+") || t.is("!") || t.is("~")) {
      next();
      return new Expr.Unary(t.text(), unary(), t.column());
    }
    return primary();
  }

  private Expr primary() throws ExpressionException {
    Token t = next();
    switch (t.kind()) {
      case NUMBER:
        return new Expr.Literal(number(t), t.column());
      case STRING:
        return new Expr.Literal(new Value.Str(t.text()), t.column());
      case NAME:
        if (t.text().equals("true") || t.text().equals("false")) {
          return new Expr.Literal(Value.Bool.of(t.text().equals("true")), t.column());
        }
        if (peek().is("<")) {
          switch (t.text()) {
            case "load":
              return load(t, false);
            case "loadBE":
              return load(t, true);
            case "bswap":
              Call swap = call(t, LoadType.SWAPPABLE);
              return new Expr.Swap(swap.type(), swap.argument(), t.column());
            default:
              break;
          }
        }
        return new Expr.Name(t.text(), t.column());
      case OP:
        if (t.is("(")) {
          Expr inner = level(0);
          expect(")", "to close the '(' at column " + t.column());
          return inner;
        }
        throw new ExpressionException("expected a value but found " + describe(t), t.column());
      default:
        throw new ExpressionException("expression ends early: expected a value", t.column());
    }
  }

  private Expr load(Token name, boolean bigEndian) throws ExpressionException {
    Call load = call(name, bigEndian ? LoadType.BIG_ENDIAN : EnumSet.allOf(LoadType.class));
    return new Expr.Load(load.type(), load.argument(), bigEndian, name.column());
  }

  /** A generic builtin's type argument and its one argument. */
  private record Call(LoadType type, Expr argument) {}

  /** {@code NAME<T>(argument)} after NAME, with T one of {@code types}. */
  private Call call(Token name, Set<LoadType> types) throws ExpressionException {
    String f = name.text();
    next(); // '<'
    Token type = next();
    LoadType lt = type.kind() == Token.Kind.NAME ? LoadType.byName(type.text()) : null;
    if (lt == null || !types.contains(lt)) {
      throw new ExpressionException(
          f + "<T> needs a type (" + LoadType.names(types) + "), found " + describe(type),
          type.column());
    }
    expect(">", "after " + f + "<" + type.text());
    expect("(", "after " + f + "<" + type.text() + ">");
    Expr argument = level(0);
    expect(")", "to close " + f + "<" + type.text() + ">(");
    return new Call(lt, argument);
  }

  private void expect(String op, String why) throws ExpressionException {
    Token t = peek();
    if (!t.is(op)) {
      throw new ExpressionException(
          "expected '" + op + "' " + why + " but found " + describe(t), t.column());
    }
    next();
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case END -> "the end";
      case STRING -> "a string";
      default -> "'" + t.text() + "'";
    };
  }

  private static Value number(Token t) throws ExpressionException {
    String text = t.text().replace("_", "");
    try {
      if (text.startsWith("0x") || text.startsWith("0X")) {
        if (text.length() == 2) {
          throw new ExpressionException("hex number '" + t.text() + "' has no digits", t.column());
        }
        BigInteger v = new BigInteger(text.substring(2), 16);
        return integer(v, true, t);
      }
      if (text.contains(".") || text.contains("e") || text.contains("E")) {
        return Value.Float.f64(Double.parseDouble(text));
      }
      return integer(new BigInteger(text), false, t);
    } catch (NumberFormatException e) {
      throw new ExpressionException("'" + t.text() + "' is not a number", t.column());
    }
  }

  private static final BigInteger U32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** The narrowest type that holds the literal: i32, then u32 (hex only), i64, u64. */
  private static Value integer(BigInteger v, boolean hex, Token t) throws ExpressionException {
    if (v.bitLength() < 32) {
      return Value.Int.i32(v.intValue());
    }
    if (hex && v.compareTo(U32_MAX) <= 0) {
      return Value.Int.u32(v.longValue());
    }
    if (v.bitLength() < 64) {
      return Value.Int.i64(v.longValue());
    }
    if (v.compareTo(U64_MAX) <= 0) {
      return Value.Int.u64(v.longValue());
    }
    throw new ExpressionException("number " + t.text() + " does not fit in 64 bits", t.column());
  }
}
