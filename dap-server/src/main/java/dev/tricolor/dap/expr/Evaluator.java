package dev.tricolor.dap.expr;

/**
 * Evaluates a parsed expression against an {@link EvalContext}. Integer arithmetic wraps at the
 * operands' common width (i32 op i64 is i64; unsigned wins at equal width); any float makes the
 * result a float (f32 only when both are f32). Booleans count as i32 0 and 1. Strings support
 * {@code +}, equality and ordering. {@code loadBE<T>} and {@code bswap<T>} swap bytes with the
 * host runtime's {@code ByteSwap}. Errors (unknown names, division by zero, out-of-bounds loads)
 * point at the column of the part that failed.
 */
public final class Evaluator {
  private final EvalContext context;

  public Evaluator(EvalContext context) {
    this.context = context;
  }

  /** Parses and evaluates {@code text}. */
  public static Value evaluate(String text, EvalContext context) throws ExpressionException {
    return new Evaluator(context).eval(Parser.parse(text));
  }

  public Value eval(Expr e) throws ExpressionException {
    if (e instanceof Expr.Literal l) {
      return l.value();
    }
    if (e instanceof Expr.Name n) {
      return context.lookup(n.name()).orElseThrow(() -> unknown(n));
    }
    if (e instanceof Expr.Unary u) {
      return unary(u);
    }
    if (e instanceof Expr.Binary b) {
      return binary(b);
    }
    if (e instanceof Expr.Swap w) {
      return swap(w);
    }
    return load((Expr.Load) e);
  }

  private Value load(Expr.Load l) throws ExpressionException {
    Value a = eval(l.address());
    if (!(a instanceof Value.Int addr)) {
      throw new ExpressionException(
          l.function() + "<T> needs an integer address, got " + a.typeName(),
          l.address().column());
    }
    long address = addr.bits();
    if (address < 0 && addr.type() != IntType.U64) {
      throw new ExpressionException(
          l.function() + " address " + address + " is negative", l.column());
    }
    long bits = context.read(address, l.type().size);
    return l.type().decode(l.bigEndian() ? l.type().swapBytes(bits) : bits);
  }

  /** The operand is cut to T's width first, as a store of it would be, then swapped. */
  private Value swap(Expr.Swap w) throws ExpressionException {
    Value v = asNumber(eval(w.operand()));
    if (!(v instanceof Value.Int i)) {
      throw new ExpressionException(
          "bswap<" + w.type().displayName() + "> needs an integer, got " + v.typeName(),
          w.operand().column());
    }
    return w.type().decode(w.type().swapBytes(w.type().truncate(i.bits())));
  }

  private ExpressionException unknown(Expr.Name n) {
    String known =
        context.names().isEmpty() ? "" : " (known names: " + String.join(", ", context.names()) + ")";
    return new ExpressionException("unknown name '" + n.name() + "'" + known, n.column());
  }

  private Value unary(Expr.Unary u) throws ExpressionException {
    Value v = eval(u.operand());
    switch (u.op()) {
      case "!":
        return Value.Bool.of(!v.truthy());
      case "+":
        numeric(v, u);
        return asNumber(v);
      case "-":
        Value n = asNumber(numeric(v, u));
        if (n instanceof Value.Float f) {
          return new Value.Float(-f.value(), f.f32());
        }
        Value.Int i = (Value.Int) n;
        return new Value.Int(-i.bits(), i.type());
      default: // "~"
        Value m = asNumber(numeric(v, u));
        if (!(m instanceof Value.Int k)) {
          throw new ExpressionException("operator '~' needs an integer, got " + m.typeName(), u.column());
        }
        return new Value.Int(~k.bits(), k.type());
    }
  }

  private static Value numeric(Value v, Expr at) throws ExpressionException {
    if (v instanceof Value.Str) {
      String op = at instanceof Expr.Unary u ? u.op() : ((Expr.Binary) at).op();
      throw new ExpressionException("operator '" + op + "' does not apply to a string", at.column());
    }
    return v;
  }

  private static Value asNumber(Value v) {
    if (v instanceof Value.Bool b) {
      return Value.Int.i32(b.value() ? 1 : 0);
    }
    return v;
  }

  private Value binary(Expr.Binary b) throws ExpressionException {
    String op = b.op();
    if (op.equals("&&")) {
      return Value.Bool.of(eval(b.left()).truthy() && eval(b.right()).truthy());
    }
    if (op.equals("||")) {
      return Value.Bool.of(eval(b.left()).truthy() || eval(b.right()).truthy());
    }
    Value l = eval(b.left());
    Value r = eval(b.right());
    if (l instanceof Value.Str || r instanceof Value.Str) {
      return strings(b, l, r);
    }
    if (l instanceof Value.Bool lb && r instanceof Value.Bool rb) {
      switch (op) {
        case "==", "===": return Value.Bool.of(lb.value() == rb.value());
        case "!=", "!==": return Value.Bool.of(lb.value() != rb.value());
        default: break;
      }
    }
    Value ln = asNumber(l);
    Value rn = asNumber(r);
    if (ln instanceof Value.Float || rn instanceof Value.Float) {
      return floats(b, ln, rn);
    }
    return integers(b, (Value.Int) ln, (Value.Int) rn);
  }

  private static Value strings(Expr.Binary b, Value l, Value r) throws ExpressionException {
    String op = b.op();
    if (op.equals("+")) {
      return new Value.Str(text(l) + text(r));
    }
    if (!(l instanceof Value.Str ls) || !(r instanceof Value.Str rs)) {
      if (op.equals("==") || op.equals("===")) {
        return Value.Bool.FALSE;
      }
      if (op.equals("!=") || op.equals("!==")) {
        return Value.Bool.TRUE;
      }
      throw new ExpressionException(
          "operator '" + op + "' cannot compare a " + l.typeName() + " with a " + r.typeName(),
          b.column());
    }
    int c = ls.value().compareTo(rs.value());
    return switch (op) {
      case "==", "===" -> Value.Bool.of(c == 0);
      case "!=", "!==" -> Value.Bool.of(c != 0);
      case "<" -> Value.Bool.of(c < 0);
      case "<=" -> Value.Bool.of(c <= 0);
      case ">" -> Value.Bool.of(c > 0);
      case ">=" -> Value.Bool.of(c >= 0);
      default -> throw new ExpressionException(
          "operator '" + op + "' does not apply to a string", b.column());
    };
  }

  private static String text(Value v) {
    return v instanceof Value.Str s ? s.value() : v.display(false);
  }

  private static double toDouble(Value v) {
    if (v instanceof Value.Float f) {
      return f.value();
    }
    Value.Int i = (Value.Int) v;
    if (i.type() == IntType.U64 && i.bits() < 0) {
      return (double) (i.bits() >>> 1) * 2.0 + (i.bits() & 1);
    }
    return i.bits();
  }

  private static Value floats(Expr.Binary b, Value l, Value r) throws ExpressionException {
    boolean f32 =
        l instanceof Value.Float lf && lf.f32() && r instanceof Value.Float rf && rf.f32();
    double x = toDouble(l);
    double y = toDouble(r);
    return switch (b.op()) {
      case "+" -> new Value.Float(x + y, f32);
      case "-" -> new Value.Float(x - y, f32);
      case "*" -> new Value.Float(x * y, f32);
      case "/" -> new Value.Float(x / y, f32);
      case "%" -> new Value.Float(x % y, f32);
      case "==", "===" -> Value.Bool.of(x == y);
      case "!=", "!==" -> Value.Bool.of(x != y);
      case "<" -> Value.Bool.of(x < y);
      case "<=" -> Value.Bool.of(x <= y);
      case ">" -> Value.Bool.of(x > y);
      case ">=" -> Value.Bool.of(x >= y);
      default -> throw new ExpressionException(
          "operator '" + b.op() + "' needs integers, got a float", b.column());
    };
  }

  private static Value integers(Expr.Binary b, Value.Int l, Value.Int r)
      throws ExpressionException {
    IntType t = IntType.common(l.type(), r.type());
    long x = t.normalize(l.bits());
    long y = t.normalize(r.bits());
    boolean u64 = t == IntType.U64;
    int width = t.bits;
    switch (b.op()) {
      case "+": return new Value.Int(x + y, t);
      case "-": return new Value.Int(x - y, t);
      case "*": return new Value.Int(x * y, t);
      case "/":
      case "%":
        if (y == 0) {
          throw new ExpressionException("division by zero", b.column());
        }
        if (b.op().equals("/")) {
          return new Value.Int(u64 ? Long.divideUnsigned(x, y) : x / y, t);
        }
        return new Value.Int(u64 ? Long.remainderUnsigned(x, y) : x % y, t);
      case "&": return new Value.Int(x & y, t);
      case "|": return new Value.Int(x | y, t);
      case "^": return new Value.Int(x ^ y, t);
      case "<<": return new Value.Int(x << (y & (width - 1)), t);
      case ">>":
        // Arithmetic for signed types, logical for unsigned ones, as AssemblyScript does.
        long shift = y & (width - 1);
        if (t.unsigned) {
          long bits = width == 32 ? x & 0xFFFF_FFFFL : x;
          return new Value.Int(bits >>> shift, t);
        }
        return new Value.Int(x >> shift, t);
      case ">>>":
        long logical = width == 32 ? x & 0xFFFF_FFFFL : x;
        return new Value.Int(logical >>> (y & (width - 1)), t);
      default:
        int c = u64 ? Long.compareUnsigned(x, y) : Long.compare(x, y);
        return switch (b.op()) {
          case "==", "===" -> Value.Bool.of(c == 0);
          case "!=", "!==" -> Value.Bool.of(c != 0);
          case "<" -> Value.Bool.of(c < 0);
          case "<=" -> Value.Bool.of(c <= 0);
          case ">" -> Value.Bool.of(c > 0);
          default -> Value.Bool.of(c >= 0);
        };
    }
  }
}
