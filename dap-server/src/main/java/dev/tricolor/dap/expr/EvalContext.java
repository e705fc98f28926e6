package dev.tricolor.dap.expr;

import java.util.List;
import java.util.Optional;

/**
 * What an expression can see: names and linear memory. The session implements it over a
 * stopped frame (locals, then globals) and over an event's condition names ({@code size}, {@code
 * className}...).
 */
public interface EvalContext {
  /** The value {@code name} stands for, or empty. */
  Optional<Value> lookup(String name);

  /** The names there are, for the message when a name is unknown; may be empty. */
  default List<String> names() {
    return List.of();
  }

  /**
   * The {@code size} bytes (1, 2, 4 or 8) at {@code address}, little-endian, zero-extended.
   *
   * @throws ExpressionException naming the address and the memory size when it is out of bounds,
   *     or when there is no memory
   */
  long read(long address, int size) throws ExpressionException;
}
