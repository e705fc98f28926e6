package dev.tricolor.dap.cli;

/** The exit codes of the contract (sysexits.h numbers for the usage and input errors). */
public final class ExitCodes {
  /** The program ended normally. */
  public static final int OK = 0;
  /** The program stopped on a {@code --break-on} filter. */
  public static final int STOPPED = 1;
  /** An uncaught trap or abort. */
  public static final int TRAPPED = 2;
  /** Unknown flag, unknown export, wrong argument count. */
  public static final int USAGE = 64;
  /** The program file is missing or not a valid module. */
  public static final int NO_INPUT = 66;
  /** Tricolor itself failed. */
  public static final int SOFTWARE = 70;

  private ExitCodes() {}
}
