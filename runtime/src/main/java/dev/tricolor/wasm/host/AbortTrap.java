package dev.tricolor.wasm.host;

import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.TrapKind;

/**
 * The guest called AssemblyScript's {@code abort(message, fileName, line, column)}: a failed
 * assert, an uncaught throw, a bounds check of the standard library, the runtime giving up. A trap
 * of kind {@link TrapKind#HOST_ABORT} with the decoded fields (message and file may be null).
 */
public final class AbortTrap extends Trap {
  private static final long serialVersionUID = 1L;

  private final String abortMessage;
  private final String fileName;
  private final int line;
  private final int column;

  public AbortTrap(String message, String fileName, int line, int column) {
    super(TrapKind.HOST_ABORT, describe(message, fileName, line, column));
    this.abortMessage = message;
    this.fileName = fileName;
    this.line = line;
    this.column = column;
  }

  /** As asc's loader words it: {@code abort: MESSAGE in FILE(LINE:COLUMN)}. */
  private static String describe(String message, String fileName, int line, int column) {
    StringBuilder sb = new StringBuilder("abort");
    if (message != null) {
      sb.append(": ").append(message);
    }
    if (fileName != null) {
      sb.append(" in ").append(fileName).append('(').append(line).append(':').append(column)
          .append(')');
    }
    return sb.toString();
  }

  /** The abort message, or null when the guest passed none. */
  public String abortMessage() {
    return abortMessage;
  }

  /** The source file, or null. */
  public String fileName() {
    return fileName;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
