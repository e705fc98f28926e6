package dev.tricolor.dap.launch;

/**
 * A launch argument that is missing, of the wrong type, or names something that is not there.
 * The message names the argument and what was given, so the user can fix launch.json.
 */
public final class LaunchArgumentException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String argument;

  public LaunchArgumentException(String argument, String message) {
    super(message);
    this.argument = argument;
  }

  /** The launch argument at fault, as spelled in launch.json. */
  public String argument() {
    return argument;
  }
}
