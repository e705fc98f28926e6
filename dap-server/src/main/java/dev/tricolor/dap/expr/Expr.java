package dev.tricolor.dap.expr;

/** A parsed expression. Each node keeps the column it starts at, for evaluation errors. */
public sealed interface Expr {
  int column();

  record Literal(Value value, int column) implements Expr {}

  record Name(String name, int column) implements Expr {}

  record Unary(String op, Expr operand, int column) implements Expr {}

  /** {@code column} is the operator's, so "division by zero at column 5" points at the '/'. */
  record Binary(String op, Expr left, Expr right, int column) implements Expr {}

  /** {@code load<T>(address)}, or {@code loadBE<T>(address)} when {@code bigEndian}. */
  record Load(LoadType type, Expr address, boolean bigEndian, int column) implements Expr {
    /** The function as the user wrote it, for messages. */
    String function() {
      return bigEndian ? "loadBE" : "load";
    }
  }

  /** {@code bswap<T>(operand)}. */
  record Swap(LoadType type, Expr operand, int column) implements Expr {}
}
