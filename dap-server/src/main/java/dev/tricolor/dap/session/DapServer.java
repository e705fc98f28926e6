package dev.tricolor.dap.session;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;

/** Wires one session to a pair of streams: stdio, a socket, or pipes in a test. */
public final class DapServer {
  private final Launcher<IDebugProtocolClient> launcher;
  private final DebugSession session;
  private final ExecutorService executor;

  private DapServer(
      Launcher<IDebugProtocolClient> launcher, DebugSession session, ExecutorService executor) {
    this.launcher = launcher;
    this.session = session;
    this.executor = executor;
  }

  /**
   * @param onDisconnect run after the {@code disconnect} response has been written: ends the
   *     process in stdio mode, closes the socket in port mode
   */
  public static DapServer create(
      InputStream in,
      OutputStream out,
      DebuggeeFactory factory,
      Path serverDirectory,
      Runnable onDisconnect) {
    ResponseHooks hooks = new ResponseHooks();
    DebugSession session = new DebugSession(factory, hooks, serverDirectory);
    TricolorDebugServer server = new TricolorDebugServer(session, onDisconnect);
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "tricolor-dap-reader");
              t.setDaemon(true);
              return t;
            });
    Launcher<IDebugProtocolClient> launcher =
        new DebugLauncher.Builder<IDebugProtocolClient>()
            .setLocalService(server)
            .setRemoteInterface(IDebugProtocolClient.class)
            .setInput(in)
            .setOutput(out)
            .setExecutorService(executor)
            .wrapMessages(hooks)
            .configureGson(g -> g.registerTypeAdapterFactory(new RestartArgumentsAdapter()))
            .setExceptionHandler(ErrorResponses::toResponseError)
            .create();
    session.connect(launcher.getRemoteProxy());
    return new DapServer(launcher, session, executor);
  }

  /** Starts reading requests; the future completes when the input ends. */
  public Future<Void> start() {
    return launcher.startListening();
  }

  public DebugSession session() {
    return session;
  }

  /**
   * Ends the program if it still runs and lets the reader threads end. They are not interrupted:
   * a reader blocked on an interruptible channel (a pipe) would end with a
   * ClosedByInterruptException that lsp4j logs with its stack trace, and a response being written
   * would fail half-way; they end by themselves when the input closes, and are daemons.
   */
  public void shutdown() {
    try {
      session.disconnect();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdown();
  }
}
