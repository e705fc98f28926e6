package dev.tricolor.dap.session;

/**
 * The REPL's {@code :} commands (DAP-CONTRACT.md, "evaluate"). {@code :help} works in any state;
 * the heap commands read the stopped program through the heap model.
 */
final class ReplCommands {
  static final String HELP =
      String.join(
          "\n",
          ":help          this list",
          ":heap          live objects by class and color, free bytes, largest free block",
          ":gc            the collector's state: idle/mark/sweep, white, total, threshold",
          ":collect       run a full garbage collection (__collect) now",
          ":object ADDR   one object: header, color, class and contents",
          ":check         check the heap's invariants and list what is broken",
          "Anything else is an expression: names, arithmetic, comparisons, && || !, load<T>(addr).");

  private ReplCommands() {}

  static boolean isCommand(String expression) {
    return expression.trim().startsWith(":");
  }

  /** The answer to a command that needs no program, or null when the command needs one. */
  static String withoutProgram(String expression) {
    String cmd = expression.trim().split("\\s+")[0];
    if (cmd.equals(":help")) {
      return HELP;
    }
    if (!HELP.contains("\n" + cmd + " ") && !HELP.startsWith(cmd + " ")) {
      throw new RequestException("unknown command '" + cmd + "'; :help lists the commands");
    }
    return null;
  }
}
