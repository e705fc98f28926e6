package dev.tricolor.heap.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The checker's result: the findings, at most {@link #KEPT_PER_RULE} kept per rule (a heap broken
 * everywhere would otherwise produce one per object), and the full count per rule.
 */
public final class CheckReport {
  public static final int KEPT_PER_RULE = 50;

  private final List<Finding> findings = new ArrayList<>();
  private final EnumMap<Rule, Integer> counts = new EnumMap<>(Rule.class);

  void add(Rule rule, int address, String detail) {
    int n = counts.merge(rule, 1, Integer::sum);
    if (n <= KEPT_PER_RULE) {
      findings.add(new Finding(rule, address, detail));
    }
  }

  /** The kept findings, in the order found. */
  public List<Finding> findings() {
    return Collections.unmodifiableList(findings);
  }

  /** How many times {@code rule} was broken (kept or not). */
  public int count(Rule rule) {
    return counts.getOrDefault(rule, 0);
  }

  /** Every broken rule with its full count. */
  public Map<Rule, Integer> counts() {
    return Collections.unmodifiableMap(counts);
  }

  public int total() {
    int t = 0;
    for (int c : counts.values()) {
      t += c;
    }
    return t;
  }

  /** Findings of {@link Rule.Severity#ERROR} rules (kept or not). */
  public int errors() {
    int t = 0;
    for (Map.Entry<Rule, Integer> e : counts.entrySet()) {
      if (e.getKey().severity() == Rule.Severity.ERROR) {
        t += e.getValue();
      }
    }
    return t;
  }

  /** Whether no rule is broken, warnings included. */
  public boolean clean() {
    return counts.isEmpty();
  }

  @Override
  public String toString() {
    if (clean()) {
      return "heap check: no findings";
    }
    StringBuilder sb = new StringBuilder("heap check: ").append(total()).append(" finding(s)");
    for (Finding f : findings) {
      sb.append("\n  ").append(f);
    }
    int omitted = total() - findings.size();
    if (omitted > 0) {
      sb.append("\n  (").append(omitted).append(" more not shown)");
    }
    return sb.toString();
  }
}
