package dev.tricolor.dap.sourcemap;

/** A source map that cannot be used: unreadable, not JSON, not version 3, or bad mappings. */
public final class SourceMapException extends Exception {
  private static final long serialVersionUID = 1L;

  public SourceMapException(String message) {
    super(message);
  }

  public SourceMapException(String message, Throwable cause) {
    super(message, cause);
  }
}
