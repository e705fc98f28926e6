package dev.tricolor.dap.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugResponseMessage;
import org.eclipse.lsp4j.jsonrpc.messages.Message;

/**
 * Runs an action right after a response has been written to the client. This is how events
 * that must follow a response are ordered by construction, never by a timer: {@code initialized}
 * after the {@code initialize} response (lsp4j issue #229), the program's first {@code stopped}
 * after the {@code configurationDone} response, the next {@code stopped} after the {@code
 * continue} or step response, the exit after the {@code disconnect} response.
 *
 * <p>Installed with {@code wrapMessages}; lsp4j writes a response from the thread that completes
 * the request's future, so when {@code consume} returns here the bytes are out.
 */
public final class ResponseHooks implements Function<MessageConsumer, MessageConsumer> {
  private final Map<String, Deque<Runnable>> pending = new HashMap<>();

  /**
   * Runs {@code action} after the next response to a {@code method} request is written, if that
   * response is a success; dropped if it is an error.
   */
  public synchronized void afterResponse(String method, Runnable action) {
    pending.computeIfAbsent(method, m -> new ArrayDeque<>()).add(action);
  }

  private synchronized Runnable take(String method) {
    Deque<Runnable> q = pending.get(method);
    return q == null ? null : q.poll();
  }

  @Override
  public MessageConsumer apply(MessageConsumer next) {
    return message -> {
      next.consume(message);
      after(message);
    };
  }

  private void after(Message message) {
    if (message instanceof DebugResponseMessage r && r.getMethod() != null) {
      Runnable action = take(r.getMethod());
      if (action != null && r.getError() == null) {
        action.run();
      }
    }
  }
}
