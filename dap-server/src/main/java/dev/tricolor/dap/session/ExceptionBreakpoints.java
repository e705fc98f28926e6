package dev.tricolor.dap.session;

import dev.tricolor.dap.expr.Expr;
import dev.tricolor.dap.expr.ExpressionException;
import dev.tricolor.dap.expr.Names;
import dev.tricolor.dap.expr.Parser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.ExceptionFilterOptions;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;

/**
 * Which exception filters are on, each with its parsed condition. Until the client says otherwise
 * the contract's defaults hold ({@code trap}, {@code bounds}, {@code oom}, {@code abort} on).
 * Conditions are parsed when set and their names checked against what the filter offers, so a
 * typo shows at once as an unverified entry, not at the first allocation.
 */
public final class ExceptionBreakpoints {
  private volatile Map<ExceptionFilter, Optional<Expr>> enabled = defaults();

  private static Map<ExceptionFilter, Optional<Expr>> defaults() {
    Map<ExceptionFilter, Optional<Expr>> m = new EnumMap<>(ExceptionFilter.class);
    for (ExceptionFilter f : ExceptionFilter.values()) {
      if (f.enabledByDefault()) {
        m.put(f, Optional.empty());
      }
    }
    return m;
  }

  public boolean isEnabled(ExceptionFilter f) {
    return enabled.containsKey(f);
  }

  /** The runtime event filters that are on: alloc, free, collect. */
  public java.util.Set<ExceptionFilter> enabledEvents() {
    java.util.Set<ExceptionFilter> out = java.util.EnumSet.noneOf(ExceptionFilter.class);
    for (ExceptionFilter f : List.of(ExceptionFilter.ALLOC, ExceptionFilter.FREE, ExceptionFilter.COLLECT)) {
      if (isEnabled(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The condition set on {@code f}, if any. */
  public Optional<Expr> condition(ExceptionFilter f) {
    Optional<Expr> c = enabled.get(f);
    return c == null ? Optional.empty() : c;
  }

  /**
   * Replaces the settings. Returns one breakpoint per entry of {@code filters}, then one per entry
   * of {@code filterOptions}, each verified or with a message saying what is wrong.
   */
  public Breakpoint[] set(SetExceptionBreakpointsArguments args) {
    return set(args, f -> Optional.empty());
  }

  /**
   * As {@link #set(SetExceptionBreakpointsArguments)}; a filter the program can never stop on
   * ({@code unavailable} says why) stays on but is unverified, with that message.
   */
  public Breakpoint[] set(SetExceptionBreakpointsArguments args,
      Function<ExceptionFilter, Optional<String>> unavailable) {
    Map<ExceptionFilter, Optional<Expr>> next = new EnumMap<>(ExceptionFilter.class);
    List<Breakpoint> out = new ArrayList<>();
    if (args.getFilters() != null) {
      for (String id : args.getFilters()) {
        out.add(add(next, id, null));
      }
    }
    if (args.getFilterOptions() != null) {
      for (ExceptionFilterOptions o : args.getFilterOptions()) {
        out.add(add(next, o.getFilterId(), o.getCondition()));
      }
    }
    for (ExceptionFilter f : next.keySet()) {
      Optional<String> why = unavailable.apply(f);
      if (why.isPresent()) {
        for (int i = 0; i < out.size(); i++) {
          if (out.get(i).isVerified() && f.id().equals(idAt(args, i))) {
            unverified(out.get(i), why.get());
          }
        }
      }
    }
    enabled = next;
    return out.toArray(new Breakpoint[0]);
  }

  /** The filter id of entry {@code i} of the response: filters first, then filter options. */
  private static String idAt(SetExceptionBreakpointsArguments args, int i) {
    int plain = args.getFilters() == null ? 0 : args.getFilters().length;
    return i < plain ? args.getFilters()[i] : args.getFilterOptions()[i - plain].getFilterId();
  }

  private static Breakpoint add(
      Map<ExceptionFilter, Optional<Expr>> next, String id, String condition) {
    Breakpoint b = new Breakpoint();
    ExceptionFilter f = ExceptionFilter.byId(id);
    if (f == null) {
      return unverified(b, "unknown exception filter '" + id + "'; the filters are " + allIds());
    }
    if (condition == null || condition.isBlank()) {
      next.put(f, Optional.empty());
      b.setVerified(true);
      return b;
    }
    if (f.conditionNames().isEmpty()) {
      return unverified(b, "the '" + id + "' filter takes no condition");
    }
    Expr e;
    try {
      e = Parser.parse(condition);
    } catch (ExpressionException ex) {
      return unverified(b, "condition of '" + id + "': " + ex.getMessage());
    }
    for (Expr.Name n : Names.of(e)) {
      if (!f.conditionNames().contains(n.name())) {
        return unverified(
            b,
            "condition of '" + id + "' uses '" + n.name() + "' at column " + n.column()
                + "; it can use " + String.join(", ", f.conditionNames()));
      }
    }
    next.put(f, Optional.of(e));
    b.setVerified(true);
    return b;
  }

  private static Breakpoint unverified(Breakpoint b, String message) {
    b.setVerified(false);
    b.setMessage(message);
    return b;
  }

  private static String allIds() {
    StringBuilder sb = new StringBuilder();
    for (ExceptionFilter f : ExceptionFilter.values()) {
      sb.append(sb.length() > 0 ? ", " : "").append(f.id());
    }
    return sb.toString();
  }
}
