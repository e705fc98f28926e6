package dev.tricolor.dap.cli;

/** A command line that cannot be run as written: exit code 64, with the usage text. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
