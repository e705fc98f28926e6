package dev.tricolor.wasm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for test fixtures (the runtime module takes no dependencies): objects as
 * {@code Map<String, Object>}, arrays as {@code List<Object>}, numbers as {@link BigDecimal},
 * strings, booleans and null.
 */
public final class Json {
  private final String s;
  private int p;

  private Json(String s) {
    this.s = s;
  }

  public static Object parse(String text) {
    Json j = new Json(text);
    Object v = j.value();
    j.ws();
    if (j.p != text.length()) {
      throw j.error("trailing text");
    }
    return v;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("bad JSON at " + p + ": " + what);
  }

  private void ws() {
    while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
      p++;
    }
  }

  private Object value() {
    ws();
    char c = s.charAt(p);
    switch (c) {
      case '{': {
        p++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (s.charAt(p) == '}') {
          p++;
          return m;
        }
        while (true) {
          ws();
          String k = string();
          ws();
          expect(':');
          m.put(k, value());
          ws();
          if (s.charAt(p) == ',') {
            p++;
          } else {
            expect('}');
            return m;
          }
        }
      }
      case '[': {
        p++;
        List<Object> l = new ArrayList<>();
        ws();
        if (s.charAt(p) == ']') {
          p++;
          return l;
        }
        while (true) {
          l.add(value());
          ws();
          if (s.charAt(p) == ',') {
            p++;
          } else {
            expect(']');
            return l;
          }
        }
      }
      case '"':
        return string();
      default:
        if (s.startsWith("true", p)) {
          p += 4;
          return Boolean.TRUE;
        }
        if (s.startsWith("false", p)) {
          p += 5;
          return Boolean.FALSE;
        }
        if (s.startsWith("null", p)) {
          p += 4;
          return null;
        }
        int start = p;
        while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) {
          p++;
        }
        if (start == p) {
          throw error("unexpected '" + c + "'");
        }
        return new BigDecimal(s.substring(start, p));
    }
  }

  private void expect(char c) {
    if (s.charAt(p) != c) {
      throw error("expected '" + c + "'");
    }
    p++;
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = s.charAt(p++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        char e = s.charAt(p++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
            p += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
  }
}
