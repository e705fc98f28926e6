package dev.tricolor.dap.session;

import dev.tricolor.dap.variables.VariableHandles;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The thread that runs guest code. lsp4j's reader thread must never block, so the program runs
 * here; at a stop the debuggee calls {@link #park}, and this thread serves the requests that need
 * the stopped program (stack, variables, evaluate) in arrival order, until a resume or the end.
 *
 * <pre>
 *   reader thread ──Task/Resume/End──▶ [ commands ] ──▶ program thread: debuggee.run()
 *                                                            └─ park(stop): serve tasks ⇄ resume
 *                                           listener: stopped(...), ended(...)
 * </pre>
 */
final class ProgramThread {
  private sealed interface Command {}

  private record Resumed(Resume how) implements Command {}

  private record Task(Runnable work) implements Command {}

  private record End() implements Command {}

  /** Told about stops and the end, on the program thread. */
  interface Listener {
    /**
     * The stop to show the user, or null to go on unseen (a false condition, a logpoint, an
     * exception filter that is off).
     */
    RunOutcome.Stopped filter(RunOutcome.Stopped stop, Debuggee.ProgramView view);

    void stopped(RunOutcome.Stopped stop, StopContext context);

    /** @param crash a failure of the engine itself, or null */
    void ended(RunOutcome.Ended end, Throwable crash);
  }

  /** Makes the context requests at a stop work with. */
  interface Contexts {
    StopContext at(RunOutcome.Stopped stop, Debuggee.ProgramView view, VariableHandles handles);
  }

  private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
  private final Debuggee debuggee;
  private final Listener listener;
  private final Contexts contexts;
  private final VariableHandles handles = new VariableHandles();
  private final Thread thread;
  private volatile StopContext current;

  ProgramThread(Debuggee debuggee, Contexts contexts, Listener listener) {
    this.debuggee = debuggee;
    this.contexts = contexts;
    this.listener = listener;
    this.thread = new Thread(this::loop, "tricolor-program");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Goes on from the current stop. */
  void resume(Resume how) {
    commands.add(new Resumed(how));
  }

  /** Ends the program at the current stop (a running one is ended through the debuggee). */
  void end() {
    commands.add(new End());
  }

  /** Runs {@code work} on the program thread at the current stop. */
  <T> CompletableFuture<T> atStop(Function<StopContext, T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    commands.add(
        new Task(
            () -> {
              StopContext at = current;
              if (at == null) {
                result.completeExceptionally(new RequestException("the program has ended"));
                return;
              }
              try {
                result.complete(work.apply(at));
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            }));
    return result;
  }

  /** Whether the caller runs on this program thread. */
  boolean isCurrentThread() {
    return Thread.currentThread() == thread;
  }

  boolean isAlive() {
    return thread.isAlive();
  }

  /** Waits for the thread to finish; false if it did not within {@code millis}. */
  boolean join(long millis) throws InterruptedException {
    thread.join(millis);
    return !thread.isAlive();
  }

  private void loop() {
    RunOutcome.Ended end;
    Throwable crash = null;
    try {
      end = debuggee.run(this::park);
      if (end == null) {
        throw new IllegalStateException("the debuggee returned no outcome");
      }
    } catch (RuntimeException | Error e) {
      // A failure of the engine, not of the guest: the session ends cleanly and says why.
      crash = e;
      end = new RunOutcome.Ended(70);
    }
    current = null;
    Command c;
    while ((c = commands.poll()) != null) {
      if (c instanceof Task t) {
        t.work().run(); // current is null: it fails with "the program has ended"
      }
    }
    listener.ended(end, crash);
  }

  private Resume park(RunOutcome.Stopped engineStop, Debuggee.ProgramView view) {
    RunOutcome.Stopped stop = listener.filter(engineStop, view);
    if (stop == null) {
      return Resume.UNCHANGED;
    }
    current = contexts.at(stop, view, handles);
    listener.stopped(stop, current);
    while (true) {
      Command c;
      try {
        c = commands.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        current = null;
        return Resume.TERMINATE;
      }
      if (c instanceof Task t) {
        t.work().run();
      } else {
        current = null;
        handles.clear();
        return c instanceof Resumed r ? r.how() : Resume.TERMINATE;
      }
    }
  }
}
