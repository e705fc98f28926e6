package dev.tricolor.dap.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointLocation;
import org.eclipse.lsp4j.debug.BreakpointLocationsArguments;
import org.eclipse.lsp4j.debug.BreakpointLocationsResponse;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.RestartArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.WriteMemoryResponse;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesResponse;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.SourceResponse;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * The lsp4j face of a session: each request is translated to one session or inspector call.
 * Failures are thrown (or complete the future exceptionally) and become error responses in one
 * place, {@link ErrorResponses}, installed as the launcher's exception handler.
 */
public final class TricolorDebugServer implements IDebugProtocolServer {
  private final DebugSession session;
  private final Runnable onDisconnect;

  /** @param onDisconnect run after the {@code disconnect} response is written */
  public TricolorDebugServer(DebugSession session, Runnable onDisconnect) {
    this.session = session;
    this.onDisconnect = onDisconnect;
  }

  @Override
  public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
    session.initialize(args);
    return CompletableFuture.completedFuture(ServerCapabilities.create());
  }

  @Override
  public CompletableFuture<Void> launch(Map<String, Object> args) {
    return loading(() -> session.launch(args));
  }

  @Override
  public CompletableFuture<Void> restart(RestartArguments args) {
    return loading(() -> session.restart(configurationOf(args)));
  }

  /** The configuration a restart carries (see RestartArgumentsAdapter), or null for none. */
  private static Map<String, Object> configurationOf(RestartArguments args) {
    if (args != null && args.getArguments() != null
        && args.getArguments().get() instanceof RestartArgumentsAdapter.Configuration c) {
      return c.arguments();
    }
    return null;
  }

  @Override
  public CompletableFuture<Void> attach(Map<String, Object> args) {
    throw new RequestException(
        "attach is not supported: Tricolor runs the program itself; use a launch configuration");
  }

  @Override
  public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
    session.configurationDone();
    return done();
  }

  @Override
  public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(
      SetExceptionBreakpointsArguments args) {
    Breakpoint[] bps = session.setExceptionBreakpoints(args);
    SetExceptionBreakpointsResponse r = new SetExceptionBreakpointsResponse();
    r.setBreakpoints(bps);
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
    SetBreakpointsResponse r = new SetBreakpointsResponse();
    r.setBreakpoints(session.setBreakpoints(args));
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(
      SetFunctionBreakpointsArguments args) {
    SetFunctionBreakpointsResponse r = new SetFunctionBreakpointsResponse();
    r.setBreakpoints(session.setFunctionBreakpoints(args));
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public CompletableFuture<SetInstructionBreakpointsResponse> setInstructionBreakpoints(
      SetInstructionBreakpointsArguments args) {
    SetInstructionBreakpointsResponse r = new SetInstructionBreakpointsResponse();
    r.setBreakpoints(session.setInstructionBreakpoints(args));
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public CompletableFuture<DataBreakpointInfoResponse> dataBreakpointInfo(
      DataBreakpointInfoArguments args) {
    if (args.getVariablesReference() != null && args.getVariablesReference() > 0) {
      return session.atStop(at -> DataBreakpointInfos.ofVariable(at, args));
    }
    return CompletableFuture.completedFuture(DataBreakpointInfos.ofAddress(args));
  }

  @Override
  public CompletableFuture<SetDataBreakpointsResponse> setDataBreakpoints(
      SetDataBreakpointsArguments args) {
    SetDataBreakpointsResponse r = new SetDataBreakpointsResponse();
    r.setBreakpoints(session.setDataBreakpoints(args));
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments args) {
    return session.atStop(at -> Inspector.setVariable(at, args));
  }

  @Override
  public CompletableFuture<ReadMemoryResponse> readMemory(ReadMemoryArguments args) {
    return session.atStop(at -> Inspector.readMemory(at, args));
  }

  @Override
  public CompletableFuture<WriteMemoryResponse> writeMemory(WriteMemoryArguments args) {
    return session.atStop(at -> Inspector.writeMemory(at, args));
  }

  @Override
  public CompletableFuture<DisassembleResponse> disassemble(DisassembleArguments args) {
    return session.atStop(at -> Inspector.disassemble(at, args));
  }

  @Override
  public CompletableFuture<BreakpointLocationsResponse> breakpointLocations(
      BreakpointLocationsArguments args) {
    List<BreakpointLocation> out = new ArrayList<>();
    Source src = args.getSource();
    session
        .sources()
        .flatMap(
            s ->
                src.getSourceReference() != null && src.getSourceReference() > 0
                    ? s.byReference(src.getSourceReference())
                    : src.getPath() == null ? java.util.Optional.empty() : s.byPath(src.getPath()))
        .ifPresent(
            ms -> {
              int end = args.getEndLine() == null ? args.getLine() : args.getEndLine();
              for (var lc : session.sources().get().map().breakpointLocations(ms.index(), args.getLine(), end)) {
                BreakpointLocation l = new BreakpointLocation();
                l.setLine(lc.line());
                l.setColumn(lc.column());
                out.add(l);
              }
            });
    BreakpointLocationsResponse r = new BreakpointLocationsResponse();
    r.setBreakpoints(out.toArray(new BreakpointLocation[0]));
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
    session.resume(Resume.CONTINUE, "continue");
    ContinueResponse r = new ContinueResponse();
    r.setAllThreadsContinued(true);
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public CompletableFuture<Void> next(NextArguments args) {
    session.resume(
        new Resume(Resume.Kind.STEP_OVER, Resume.Granularity.of(args.getGranularity())), "next");
    return done();
  }

  @Override
  public CompletableFuture<Void> stepIn(StepInArguments args) {
    session.resume(
        new Resume(Resume.Kind.STEP_IN, Resume.Granularity.of(args.getGranularity())), "stepIn");
    return done();
  }

  @Override
  public CompletableFuture<Void> stepOut(StepOutArguments args) {
    session.resume(
        new Resume(Resume.Kind.STEP_OUT, Resume.Granularity.of(args.getGranularity())), "stepOut");
    return done();
  }

  @Override
  public CompletableFuture<Void> pause(PauseArguments args) {
    session.pause();
    return done();
  }

  @Override
  public CompletableFuture<ThreadsResponse> threads() {
    ThreadsResponse r = new ThreadsResponse();
    if (session.state() == SessionState.NEW) {
      r.setThreads(new Thread[0]);
    } else {
      Thread t = new Thread();
      t.setId(DebugSession.THREAD_ID);
      t.setName("main");
      r.setThreads(new Thread[] {t});
    }
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
    return session.atStop(at -> Inspector.stackTrace(at, args));
  }

  @Override
  public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
    return session.atStop(at -> Inspector.scopes(at, args.getFrameId()));
  }

  @Override
  public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
    return session.atStop(at -> Inspector.variables(at, args));
  }

  @Override
  public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
    if (ReplCommands.isCommand(args.getExpression())) {
      String answer = ReplCommands.withoutProgram(args.getExpression());
      if (answer != null) {
        EvaluateResponse r = new EvaluateResponse();
        r.setResult(answer);
        r.setVariablesReference(0);
        return CompletableFuture.completedFuture(r);
      }
      CompletableFuture<EvaluateResponse> result =
          session.atStop(at -> ReplCommands.atStop(at, args.getExpression()));
      return ReplCommands.changesTheHeap(args.getExpression())
          ? result.thenApply(r -> {
            session.variablesChanged();
            return r;
          })
          : result;
    }
    return session.atStop(at -> Inspector.evaluate(at, args));
  }

  /** {@code tricolor/heapMap}: the heap's blocks for a client's heap picture (DAP-CONTRACT.md). */
  @JsonRequest("tricolor/heapMap")
  public CompletableFuture<Object> heapMap() {
    return session.atStop(at -> HeapMap.answer(at.view().heap()));
  }

  /**
   * {@code tricolor/reveal}: selects a heap object at this stop, shown first in every frame's
   * scopes, or clears the selection (DAP-CONTRACT.md).
   */
  @JsonRequest("tricolor/reveal")
  public CompletableFuture<Object> reveal(com.google.gson.JsonObject args) {
    return session.atStop(at -> (Object) Reveal.answer(at, args)).thenApply(r -> {
      session.variablesChanged();
      return r;
    });
  }

  @Override
  public CompletableFuture<ExceptionInfoResponse> exceptionInfo(ExceptionInfoArguments args) {
    return session.atStop(Inspector::exceptionInfo);
  }

  @Override
  public CompletableFuture<SourceResponse> source(SourceArguments args) {
    int ref =
        args.getSource() != null && args.getSource().getSourceReference() != null
            ? args.getSource().getSourceReference()
            : args.getSourceReference();
    String text =
        session
            .sources()
            .flatMap(s -> s.text(ref))
            .orElseThrow(
                () -> new RequestException("sourceReference " + ref + " is not a source of this program"));
    SourceResponse r = new SourceResponse();
    r.setContent(text);
    r.setMimeType("text/x-typescript");
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public CompletableFuture<LoadedSourcesResponse> loadedSources(LoadedSourcesArguments args) {
    LoadedSourcesResponse r = new LoadedSourcesResponse();
    r.setSources(
        session.sources().map(s -> s.all().stream().map(Sources::toDap).toArray(Source[]::new))
            .orElse(new Source[0]));
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public CompletableFuture<Void> terminate(TerminateArguments args) {
    session.terminate();
    return done();
  }

  @Override
  public CompletableFuture<Void> disconnect(DisconnectArguments args) {
    try {
      session.disconnect();
    } catch (InterruptedException e) {
      java.lang.Thread.currentThread().interrupt();
    }
    session.hooks().afterResponse("disconnect", onDisconnect);
    return done();
  }

  /** Work that loads a program and may fail with a checked exception (a file, a module). */
  private interface Loading {
    void run() throws Exception;
  }

  /**
   * The response to {@code launch} or {@code restart}: a checked failure completes it with an
   * error; a RuntimeException (a RequestException) is thrown, as from any request.
   */
  private static CompletableFuture<Void> loading(Loading work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
    return done();
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }
}
