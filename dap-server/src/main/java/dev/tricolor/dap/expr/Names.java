package dev.tricolor.dap.expr;

import java.util.LinkedHashSet;
import java.util.Set;

/** The names an expression uses, to check them against what a context offers before it runs. */
public final class Names {
  private Names() {}

  /** Each name with the column of its first use. */
  public static Set<Expr.Name> of(Expr e) {
    Set<Expr.Name> out = new LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, Set<Expr.Name> out) {
    if (e instanceof Expr.Name n) {
      out.add(n);
    } else if (e instanceof Expr.Unary u) {
      collect(u.operand(), out);
    } else if (e instanceof Expr.Binary b) {
      collect(b.left(), out);
      collect(b.right(), out);
    } else if (e instanceof Expr.Load l) {
      collect(l.address(), out);
    } else if (e instanceof Expr.Swap w) {
      collect(w.operand(), out);
    }
  }
}
