package dev.tricolor.dap.session;

import dev.tricolor.dap.expr.Evaluator;
import dev.tricolor.dap.expr.ExpressionException;
import dev.tricolor.dap.expr.Value;
import dev.tricolor.dap.sourcemap.MappedSources;
import dev.tricolor.dap.sourcemap.SourcePosition;
import dev.tricolor.dap.variables.HeapTree;
import dev.tricolor.dap.variables.NamedValues;
import dev.tricolor.dap.variables.VariableNode;
import dev.tricolor.dap.variables.VariablesView;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisassembledInstruction;
import org.eclipse.lsp4j.debug.DisassembledInstructionPresentationHint;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.WriteMemoryResponse;
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
      Optional<SourcePosition> pos =
          sources.flatMap(m -> m.map().framePosition(f.codeOffset(), f.functionStart()));
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
    Debuggee.ProgramView view = at.view();
    Scope locals =
        scope("Locals", at.handles().add(new NamedValues(() -> view.locals(frame),
            (name, text) -> view.setLocal(frame, name, evaluateValue(text, view, frame)))));
    locals.setPresentationHint("locals");
    Scope globals =
        scope("Globals", at.handles().add(new NamedValues(view::globals,
            (name, text) -> view.setGlobal(name, evaluateValue(text, view, frame)))));
    HeapTree tree = new HeapTree(view::heap);
    java.util.List<Scope> all = new java.util.ArrayList<>();
    Reveal.scope(at, tree).ifPresent(all::add); // first, so the client opens it by itself
    all.add(locals);
    all.add(globals);
    Scope heap = scope("Heap", at.handles().add(tree.heapScope()));
    heap.setExpensive(true);
    all.add(heap);
    all.add(scope("GC", at.handles().add(tree.gcScope())));
    all.add(scope("Allocator", at.handles().add(tree.allocatorScope())));
    ScopesResponse r = new ScopesResponse();
    r.setScopes(all.toArray(new Scope[0]));
    return r;
  }

  private static Scope scope(String name, int reference) {
    Scope s = new Scope();
    s.setName(name);
    s.setVariablesReference(reference);
    s.setExpensive(false);
    return s;
  }

  private static Value evaluateValue(String text, Debuggee.ProgramView view, int frame) {
    try {
      return Evaluator.evaluate(text, view.evalContext(frame));
    } catch (ExpressionException e) {
      throw new RequestException(e.getMessage(), e);
    }
  }

  static SetVariableResponse setVariable(StopContext at, SetVariableArguments args) {
    VariableNode node = at.handles().get(args.getVariablesReference());
    if (!(node instanceof NamedValues values) || values.assigner() == null) {
      throw new RequestException(
          node == null
              ? "variablesReference " + args.getVariablesReference() + " is not valid at this stop"
              : "these values cannot be changed");
    }
    Value v = values.assigner().assign(args.getName(), args.getValue());
    values.refresh();
    SetVariableResponse r = new SetVariableResponse();
    r.setValue(v.display(hex(args.getFormat())));
    r.setType(v.typeName());
    r.setVariablesReference(0);
    return r;
  }

  static ReadMemoryResponse readMemory(StopContext at, ReadMemoryArguments args) {
    long address = Addresses.parse(args.getMemoryReference(), Addresses.NOT_A_MEMORY_REFERENCE)
        + (args.getOffset() == null ? 0 : args.getOffset());
    int count = Math.max(0, args.getCount());
    byte[] data = address < 0 ? new byte[0] : at.view().readMemory(address, count);
    ReadMemoryResponse r = new ReadMemoryResponse();
    r.setAddress("0x" + Long.toHexString(Math.max(0, address)));
    r.setData(java.util.Base64.getEncoder().encodeToString(data));
    r.setUnreadableBytes(count - data.length);
    return r;
  }

  static WriteMemoryResponse writeMemory(StopContext at, WriteMemoryArguments args) {
    long address = Addresses.parse(args.getMemoryReference(), Addresses.NOT_A_MEMORY_REFERENCE)
        + (args.getOffset() == null ? 0 : args.getOffset());
    byte[] data;
    try {
      data = java.util.Base64.getDecoder().decode(args.getData());
    } catch (IllegalArgumentException e) {
      throw new RequestException("writeMemory data is not base64: " + e.getMessage());
    }
    long size = at.view().memorySize();
    if (address < 0 || address + data.length > size) {
      if (!Boolean.TRUE.equals(args.getAllowPartial()) || address < 0 || address >= size) {
        throw new RequestException(String.format(
            "%d bytes at 0x%x do not fit in memory (%d bytes)", data.length, address, size));
      }
    }
    int n = at.view().writeMemory(address, data);
    WriteMemoryResponse r = new WriteMemoryResponse();
    r.setBytesWritten(n);
    r.setOffset(0);
    return r;
  }

  static DisassembleResponse disassemble(StopContext at, DisassembleArguments args) {
    long address = BreakpointTable.parseAddress(args.getMemoryReference())
        + (args.getOffset() == null ? 0 : args.getOffset());
    int from = args.getInstructionOffset() == null ? 0 : args.getInstructionOffset();
    List<Debuggee.Instruction> list = at.view().disassemble(address, from, args.getInstructionCount());
    DisassembledInstruction[] out = new DisassembledInstruction[list.size()];
    for (int i = 0; i < out.length; i++) {
      Debuggee.Instruction in = list.get(i);
      DisassembledInstruction d = new DisassembledInstruction();
      if (in.address() < 0) {
        d.setAddress("0x0");
        d.setInstruction("");
        d.setPresentationHint(DisassembledInstructionPresentationHint.INVALID);
      } else {
        d.setAddress("0x" + Long.toHexString(in.address()));
        d.setInstructionBytes(in.bytes());
        d.setInstruction(in.text());
        d.setSymbol(in.function());
        at.sources().ifPresent(m -> m.map().positionAt(in.address()).ifPresent(p -> {
          d.setLocation(Sources.toDap(m.get(p.source())));
          d.setLine(p.line());
          d.setColumn(p.column());
        }));
      }
      out[i] = d;
    }
    DisassembleResponse r = new DisassembleResponse();
    r.setInstructions(out);
    return r;
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
    if (v instanceof Value.Int i && i.bits() >= 0 && i.bits() < at.view().memorySize()) {
      r.setMemoryReference("0x" + Long.toHexString(i.bits())); // lets the client open memory there
    }
    r.setResult(v.display(hex(args.getFormat())));
    r.setType(v.typeName());
    r.setVariablesReference(0);
    return r;
  }

  static ExceptionInfoResponse exceptionInfo(StopContext at) {
    RunOutcome.ExceptionStop ex = at.stop().exception();
    if (ex == null || !at.stop().reason().equals("exception")) {
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
