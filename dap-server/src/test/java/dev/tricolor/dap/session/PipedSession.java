package dev.tricolor.dap.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/**
 * A server and an lsp4j.debug client in one process, talking over pipes (as DSPLauncherTest).
 * NIO pipes, not {@code PipedInputStream}: that one fails reads once the thread that last wrote
 * has died ("Write end dead"), and the program thread that writes the last events does end.
 */
final class PipedSession implements AutoCloseable {
  final TestClient client = new TestClient();
  final IDebugProtocolServer server;
  final DapServer dap;
  final CountDownLatch disconnected = new CountDownLatch(1);
  private final ExecutorService clientExecutor = Executors.newCachedThreadPool();
  private final OutputStream toServer;
  private final OutputStream toClient;

  PipedSession(DebuggeeFactory factory, Path serverDirectory) throws IOException {
    Pipe clientToServer = Pipe.open();
    Pipe serverToClient = Pipe.open();
    InputStream serverIn = Channels.newInputStream(clientToServer.source());
    toServer = Channels.newOutputStream(clientToServer.sink());
    InputStream clientIn = Channels.newInputStream(serverToClient.source());
    toClient = Channels.newOutputStream(serverToClient.sink());
    dap = DapServer.create(serverIn, toClient, factory, serverDirectory, disconnected::countDown);
    dap.start();
    Launcher<IDebugProtocolServer> launcher =
        DSPLauncher.createClientLauncher(client, clientIn, toServer, clientExecutor, client.recorder());
    launcher.startListening();
    server = launcher.getRemoteProxy();
  }

  /**
   * Ends both sides by closing the pipes, so each reader sees the end of its input; interrupting
   * a reader blocked on a pipe would end it with a ClosedByInterruptException that lsp4j logs.
   */
  @Override
  public void close() throws IOException {
    dap.shutdown();
    toServer.close();
    toClient.close();
    clientExecutor.shutdown();
  }
}
