package dev.tricolor.dap.session;

import dev.tricolor.dap.sourcemap.MappedSources;
import dev.tricolor.dap.variables.VariableHandles;
import java.util.Optional;

/**
 * What requests served at a stop work with, on the program thread: the stopped program, the
 * variables table of this stop, the source map and why the program stopped.
 */
public record StopContext(
    Debuggee.ProgramView view,
    VariableHandles handles,
    Optional<MappedSources> sources,
    RunOutcome.Stopped stop) {}
