package dev.tricolor.dap;

import dev.tricolor.dap.cli.ExitCodes;
import dev.tricolor.dap.cli.RunCommand;
import dev.tricolor.dap.cli.RunOptions;
import dev.tricolor.dap.engine.EngineDebuggeeFactory;
import dev.tricolor.dap.session.DapServer;
import dev.tricolor.dap.session.Log;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The jar's entry point:
 *
 * <ul>
 *   <li>no arguments: Debug Adapter Protocol on standard input/output (what VS Code and LSP4E
 *       start); standard output carries only protocol, logs go to standard error;
 *   <li>{@code --port N}: listens on 127.0.0.1:N, one session per connection, until killed ({@code
 *       --port 0} picks a free port; the port is logged);
 *   <li>{@code run PROGRAM.wasm ...}: the headless command line.
 * </ul>
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    List<String> argv = Arrays.asList(args);
    if (argv.isEmpty()) {
      return stdio();
    }
    switch (argv.get(0)) {
      case "run":
        return new RunCommand(System.out, System.err).run(argv.subList(1, argv.size()));
      case "--help", "-h":
        System.out.println(RunOptions.USAGE);
        return ExitCodes.OK;
      case "--port":
        if (argv.size() != 2) {
          return usage("--port needs exactly one value: --port N");
        }
        int port;
        try {
          port = Integer.parseInt(argv.get(1));
        } catch (NumberFormatException e) {
          return usage("--port must be a number from 0 to 65535, got '" + argv.get(1) + "'");
        }
        if (port < 0 || port > 65535) {
          return usage("--port must be a number from 0 to 65535, got '" + argv.get(1) + "'");
        }
        return listen(port);
      default:
        return usage("unknown argument '" + argv.get(0) + "'");
    }
  }

  private static int usage(String message) {
    System.err.println("tricolor: " + message);
    System.err.println(RunOptions.USAGE);
    return ExitCodes.USAGE;
  }

  private static int stdio() {
    // Standard output is the protocol channel: anything else printed there would corrupt it.
    OutputStream protocol = new FileOutputStream(FileDescriptor.out);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    InputStream in = System.in;
    DapServer server =
        DapServer.create(
            in,
            protocol,
            new EngineDebuggeeFactory(),
            Path.of("").toAbsolutePath(),
            () -> {
              Log.info("disconnected; exiting");
              System.exit(ExitCodes.OK);
            });
    try {
      server.start().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      Log.error("the protocol connection failed", e.getCause());
    }
    // The client closed standard input without a disconnect: end the program and exit.
    server.shutdown();
    return ExitCodes.OK;
  }

  private static int listen(int port) {
    try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      Log.info("listening on 127.0.0.1:" + socket.getLocalPort());
      while (true) {
        Socket connection = socket.accept();
        Thread t = new Thread(() -> serve(connection), "tricolor-connection-" + connection.getPort());
        t.setDaemon(true);
        t.start();
      }
    } catch (IOException e) {
      System.err.println("tricolor: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
      return ExitCodes.SOFTWARE;
    }
  }

  private static void serve(Socket connection) {
    Log.info("session from " + connection.getRemoteSocketAddress());
    try (connection) {
      DapServer server =
          DapServer.create(
              connection.getInputStream(),
              connection.getOutputStream(),
              new EngineDebuggeeFactory(),
              Path.of("").toAbsolutePath(),
              () -> closeQuietly(connection));
      try {
        server.start().get();
      } catch (ExecutionException e) {
        // The socket was closed: by the client, or by us after disconnect.
      } finally {
        server.shutdown();
      }
    } catch (IOException e) {
      Log.error("session from " + connection.getRemoteSocketAddress() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Log.info("session from " + connection.getRemoteSocketAddress() + " ended");
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
