package dev.tricolor.dap.launch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Typed reads from the untyped map lsp4j hands to {@code launch}. Each read names the argument in
 * its error, and quotes what was given, so "memoryLimitPages must be a positive integer, got
 * \"abc\"" tells the user exactly which line of launch.json to fix.
 */
final class LaunchArguments {
  private final Map<String, Object> raw;

  LaunchArguments(Map<String, Object> raw) {
    this.raw = raw == null ? Map.of() : raw;
  }

  boolean has(String name) {
    return raw.get(name) != null;
  }

  String string(String name) throws LaunchArgumentException {
    Object v = raw.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw wrongType(name, "a string", v);
    }
    if (s.isEmpty()) {
      throw new LaunchArgumentException(name, "launch argument '" + name + "' must not be empty");
    }
    return s;
  }

  String requiredString(String name) throws LaunchArgumentException {
    if (!has(name)) {
      throw new LaunchArgumentException(name, "launch argument '" + name + "' is required");
    }
    return string(name);
  }

  boolean bool(String name, boolean fallback) throws LaunchArgumentException {
    Object v = raw.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw wrongType(name, "true or false", v);
    }
    return b;
  }

  /** An integer from {@code min} to {@code max}, or -1 when absent. */
  int integer(String name, int min, int max, String what) throws LaunchArgumentException {
    Object v = raw.get(name);
    if (v == null) {
      return -1;
    }
    if (!(v instanceof Number n)) {
      throw wrongType(name, what, v);
    }
    double d = n.doubleValue();
    if (d != Math.rint(d) || d < min || d > max) {
      throw wrongType(name, what, v);
    }
    return (int) d;
  }

  List<Number> numbers(String name) throws LaunchArgumentException {
    Object v = raw.get(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw wrongType(name, "an array of numbers", v);
    }
    List<Number> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Object e = list.get(i);
      if (!(e instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw new LaunchArgumentException(
            name,
            "launch argument '" + name + "' must be an array of numbers; element " + i + " is "
                + quote(e));
      }
      out.add(n);
    }
    return Collections.unmodifiableList(out);
  }

  static LaunchArgumentException wrongType(String name, String what, Object given) {
    return new LaunchArgumentException(
        name, "launch argument '" + name + "' must be " + what + ", got " + quote(given));
  }

  /** The value as the user wrote it in JSON: strings quoted, integral numbers without ".0". */
  static String quote(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return n.toString();
    }
    if (v instanceof List<?>) {
      return "an array";
    }
    if (v instanceof Map<?, ?>) {
      return "an object";
    }
    return v.toString();
  }
}
