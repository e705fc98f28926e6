package dev.tricolor.wasm.model;

import java.util.Arrays;
import java.util.List;

/**
 * A function type {@code [params] -> [results]}. Immutable; equality is structural and cheap
 * (cached hash, then the two small arrays), since call_indirect compares types at run time.
 */
public final class FuncType {
  private static final ValType[] NONE = new ValType[0];

  private final ValType[] params;
  private final ValType[] results;
  private final int hash;

  public FuncType(List<ValType> params, List<ValType> results) {
    this(params.toArray(NONE), results.toArray(NONE));
  }

  private FuncType(ValType[] params, ValType[] results) {
    this.params = params;
    this.results = results;
    this.hash = 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
  }

  public static FuncType of(ValType[] params, ValType[] results) {
    return new FuncType(params.clone(), results.clone());
  }

  public List<ValType> params() {
    return List.of(params);
  }

  public List<ValType> results() {
    return List.of(results);
  }

  public int paramCount() {
    return params.length;
  }

  public int resultCount() {
    return results.length;
  }

  public ValType param(int i) {
    return params[i];
  }

  public ValType result(int i) {
    return results[i];
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof FuncType other
        && hash == other.hash
        && Arrays.equals(params, other.params)
        && Arrays.equals(results, other.results);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** In the spec's notation: {@code [i32 i32] -> [i64]}. */
  @Override
  public String toString() {
    return join(params) + " -> " + join(results);
  }

  private static String join(ValType[] types) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < types.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(types[i]);
    }
    return sb.append(']').toString();
  }
}
