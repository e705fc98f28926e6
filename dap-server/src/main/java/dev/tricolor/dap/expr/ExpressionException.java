package dev.tricolor.dap.expr;

/**
 * An expression that does not parse or cannot be evaluated. Parse errors point at a 1-based
 * column of the expression text ("expected ')' at column 7").
 */
public final class ExpressionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int column;

  /** @param column 1-based column the problem is at, or 0 when it is not about a place */
  public ExpressionException(String message, int column) {
    super(column > 0 ? message + " at column " + column : message);
    this.column = column;
  }

  /** 1-based column in the expression text, or 0. */
  public int column() {
    return column;
  }
}
