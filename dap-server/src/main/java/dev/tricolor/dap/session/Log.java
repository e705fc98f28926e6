package dev.tricolor.dap.session;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The server's log, on standard error: in stdio mode standard output carries only protocol.
 */
public final class Log {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static volatile PrintStream out = System.err;

  private Log() {}

  public static void info(String message) {
    out.println(LocalTime.now().format(TIME) + " tricolor: " + message);
  }

  public static void error(String message, Throwable t) {
    PrintStream o = out;
    synchronized (o) {
      o.println(LocalTime.now().format(TIME) + " tricolor: " + message);
      t.printStackTrace(o);
    }
  }
}
