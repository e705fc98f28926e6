package dev.tricolor.wasm.host;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Numbers as JavaScript's {@code String(x)} writes them (what asc's loader prints in
 * {@code trace}): the shortest digits that read back as the same double, {@code 1} not
 * {@code 1.0}, {@code 1e+21}, {@code 1e-7}, {@code -0} as {@code 0}. Java 17's
 * {@code Double.toString} differs in form and, for some values, in digits.
 */
public final class JsNumbers {
  private JsNumbers() {}

  public static String toString(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return "0";
    }
    String sign = d < 0 ? "-" : "";
    BigDecimal exact = new BigDecimal(Math.abs(d));
    BigDecimal shortest = exact;
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p));
      if (r.doubleValue() == Math.abs(d)) {
        shortest = r;
        break;
      }
    }
    String digits = shortest.unscaledValue().toString();
    int trailing = 0;
    while (digits.length() - trailing > 1 && digits.charAt(digits.length() - 1 - trailing) == '0') {
      trailing++;
    }
    digits = digits.substring(0, digits.length() - trailing);
    int k = digits.length();
    // value = 0.digits × 10^n
    int n = k - (shortest.scale() - trailing);
    StringBuilder sb = new StringBuilder(sign);
    if (k <= n && n <= 21) {
      sb.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      sb.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      sb.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int e = n - 1;
      sb.append(digits.charAt(0));
      if (k > 1) {
        sb.append('.').append(digits, 1, k);
      }
      sb.append('e').append(e >= 0 ? "+" : "-").append(Math.abs(e));
    }
    return sb.toString();
  }
}
