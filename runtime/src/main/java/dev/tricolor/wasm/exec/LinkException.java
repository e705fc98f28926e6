package dev.tricolor.wasm.exec;

/**
 * An instantiation failed before any code ran because an import is missing or does not match
 * ("unknown import env.seed: () -> f64", "incompatible import type for env.abort: ..."), or a
 * module needs more than the engine supports. The message starts with the spec's words.
 */
public final class LinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LinkException(String message) {
    super(message);
  }
}
