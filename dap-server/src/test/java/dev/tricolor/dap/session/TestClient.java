package dev.tricolor.dap.session;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugNotificationMessage;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugResponseMessage;

/**
 * The client side of a test session: records every event in a queue to wait on (with a
 * timeout, never a sleep), and the order in which responses and events arrived on the wire.
 */
final class TestClient implements IDebugProtocolClient {
  record Event(String name, Object body) {}

  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  /** "response:initialize", "event:initialized"... in arrival order. */
  final List<String> wire = new CopyOnWriteArrayList<>();

  java.util.function.Function<MessageConsumer, MessageConsumer> recorder() {
    return next ->
        message -> {
          if (message instanceof DebugResponseMessage r) {
            wire.add("response:" + r.getMethod());
          } else if (message instanceof DebugNotificationMessage n) {
            wire.add("event:" + n.getMethod());
          }
          next.consume(message);
        };
  }

  Event next(String name) throws InterruptedException {
    while (true) {
      Event e = events.poll(10, TimeUnit.SECONDS);
      assertNotNull(e, "no '" + name + "' event within 10 s; wire: " + wire);
      if (e.name().equals(name)) {
        return e;
      }
      if (!e.name().equals("output")) {
        throw new AssertionError("expected event '" + name + "' but got '" + e.name() + "': " + e.body());
      }
    }
  }

  @Override
  public void initialized() {
    events.add(new Event("initialized", null));
  }

  @Override
  public void stopped(StoppedEventArguments args) {
    events.add(new Event("stopped", args));
  }

  @Override
  public void exited(ExitedEventArguments args) {
    events.add(new Event("exited", args));
  }

  @Override
  public void terminated(TerminatedEventArguments args) {
    events.add(new Event("terminated", args));
  }

  @Override
  public void output(OutputEventArguments args) {
    events.add(new Event("output", args));
  }
}
