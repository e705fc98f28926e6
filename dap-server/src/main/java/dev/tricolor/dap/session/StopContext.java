package dev.tricolor.dap.session;

import dev.tricolor.dap.sourcemap.MappedSources;
import dev.tricolor.dap.variables.VariableHandles;
import java.util.Optional;

/**
 * What requests served at a stop work with, on the program thread: the stopped program, the
 * variables table of this stop, the source map, why the program stopped, and the heap object
 * the client selected at this stop (none at first: a new stop starts without one).
 */
public record StopContext(
    Debuggee.ProgramView view,
    VariableHandles handles,
    Optional<MappedSources> sources,
    RunOutcome.Stopped stop,
    ObjectSelection selection) {

  public StopContext(Debuggee.ProgramView view, VariableHandles handles,
      Optional<MappedSources> sources, RunOutcome.Stopped stop) {
    this(view, handles, sources, stop, new ObjectSelection());
  }
}
