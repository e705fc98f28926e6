package dev.tricolor.dap.session;

import dev.tricolor.dap.expr.Evaluator;
import dev.tricolor.dap.expr.ExpressionException;
import dev.tricolor.dap.expr.Value;
import dev.tricolor.dap.sourcemap.MappedSources;
import dev.tricolor.dap.sourcemap.SourcePosition;
import dev.tricolor.dap.variables.NamedValues;
import dev.tricolor.dap.variables.VariableNode;
import dev.tricolor.dap.variables.VariablesView;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExceptionBreakMode;
import org.eclipse.lsp4j.debug.ExceptionDetails;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.ValueFormat;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;

/**
 * The requests served at a stop, on the program thread: stack, scopes, variables, evaluate,
 * exceptionInfo. Frame ids are the frame's index plus one, valid for the current stop.
 */
final class Inspector {
  private Inspector() {}

  static StackTraceResponse stackTrace(StopContext at, StackTraceArguments args) {
    List<Debuggee.Frame> frames = at.view().frames();
    int start = args.getStartFrame() == null ? 0 : Math.max(0, args.getStartFrame());
    int levels = args.getLevels() == null || args.getLevels() <= 0 ? frames.size() : args.getLevels();
    int end = (int) Math.min(frames.size(), (long) start + levels);
    StackFrame[] out = new StackFrame[Math.max(0, end - start)];
    for (int i = start; i < end; i++) {
      Debuggee.Frame f = frames.get(i);
      StackFrame s = new StackFrame();
      s.setId(i + 1);
      s.setName(f.functionName());
      s.setInstructionPointerReference("0x" + Long.toHexString(f.codeOffset()));
      Optional<MappedSources> sources = at.sources();
      Optional<SourcePosition> pos = sources.flatMap(m -> m.map().positionAt(f.codeOffset()));
      if (pos.isPresent()) {
        s.setSource(Sources.toDap(sources.get().get(pos.get().source())));
        s.setLine(pos.get().line());
        s.setColumn(pos.get().column());
      } else {
        s.setLine(0);
        s.setColumn(0);
      }
      out[i - start] = s;
    }
    StackTraceResponse r = new StackTraceResponse();
    r.setStackFrames(out);
    r.setTotalFrames(frames.size());
    return r;
  }

  static ScopesResponse scopes(StopContext at, int frameId) {
    int frame = frameIndex(at, frameId);
    Scope locals = scope("Locals", at.handles().add(new NamedValues(() -> at.view().locals(frame))));
    locals.setPresentationHint("locals");
    Scope globals = scope("Globals", at.handles().add(new NamedValues(() -> at.view().globals())));
    ScopesResponse r = new ScopesResponse();
    r.setScopes(new Scope[] {locals, globals});
    return r;
  }

  private static Scope scope(String name, int reference) {
    Scope s = new Scope();
    s.setName(name);
    s.setVariablesReference(reference);
    s.setExpensive(false);
    return s;
  }

  static VariablesResponse variables(StopContext at, VariablesArguments args) {
    VariableNode node = at.handles().get(args.getVariablesReference());
    if (node == null) {
      throw new RequestException(
          "variablesReference " + args.getVariablesReference()
              + " is not valid at this stop (references are released when the program resumes)");
    }
    List<Variable> vars =
        new VariablesView(at.handles())
            .children(node, args.getFilter(), args.getStart(), args.getCount(), hex(args.getFormat()));
    VariablesResponse r = new VariablesResponse();
    r.setVariables(vars.toArray(new Variable[0]));
    return r;
  }

  static EvaluateResponse evaluate(StopContext at, EvaluateArguments args) {
    int frame = args.getFrameId() == null ? 0 : frameIndex(at, args.getFrameId());
    Value v;
    try {
      v = Evaluator.evaluate(args.getExpression(), at.view().evalContext(frame));
    } catch (ExpressionException e) {
      throw new RequestException(e.getMessage(), e);
    }
    EvaluateResponse r = new EvaluateResponse();
    r.setResult(v.display(hex(args.getFormat())));
    r.setType(v.typeName());
    r.setVariablesReference(0);
    return r;
  }

  static ExceptionInfoResponse exceptionInfo(StopContext at) {
    RunOutcome.ExceptionStop ex = at.stop().exception();
    if (ex == null) {
      throw new RequestException(
          "the program did not stop on an exception (it stopped for '" + at.stop().reason() + "')");
    }
    ExceptionInfoResponse r = new ExceptionInfoResponse();
    r.setExceptionId(ex.filter().id());
    r.setDescription(ex.description());
    r.setBreakMode(ExceptionBreakMode.ALWAYS);
    if (ex.details() != null) {
      ExceptionDetails d = new ExceptionDetails();
      d.setMessage(ex.description());
      d.setStackTrace(ex.details());
      r.setDetails(d);
    }
    return r;
  }

  private static int frameIndex(StopContext at, int frameId) {
    int n = at.view().frames().size();
    if (frameId < 1 || frameId > n) {
      throw new RequestException(
          "frameId " + frameId + " is not a frame of this stop (there are " + n + ")");
    }
    return frameId - 1;
  }

  private static boolean hex(ValueFormat f) {
    return f != null && Boolean.TRUE.equals(f.getHex());
  }
}
