package dev.tricolor.dap.session;

import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;

/** What the server announces in the {@code initialize} response (DAP-CONTRACT.md, all true). */
public final class ServerCapabilities {
  private ServerCapabilities() {}

  public static Capabilities create() {
    Capabilities c = new Capabilities();
    c.setSupportsConfigurationDoneRequest(true);
    c.setSupportsFunctionBreakpoints(true);
    c.setSupportsConditionalBreakpoints(true);
    c.setSupportsHitConditionalBreakpoints(true);
    c.setSupportsLogPoints(true);
    c.setSupportsEvaluateForHovers(true);
    c.setSupportsSetVariable(true);
    c.setSupportsReadMemoryRequest(true);
    c.setSupportsWriteMemoryRequest(true);
    c.setSupportsDisassembleRequest(true);
    c.setSupportsInstructionBreakpoints(true);
    c.setSupportsSteppingGranularity(true);
    c.setSupportsDataBreakpoints(true);
    c.setSupportsExceptionFilterOptions(true);
    c.setSupportsExceptionInfoRequest(true);
    c.setSupportsTerminateRequest(true);
    c.setSupportsLoadedSourcesRequest(true);
    c.setSupportsValueFormattingOptions(true);
    c.setSupportsBreakpointLocationsRequest(true);
    c.setSupportsRestartRequest(true);
    ExceptionFilter[] all = ExceptionFilter.values();
    ExceptionBreakpointsFilter[] filters = new ExceptionBreakpointsFilter[all.length];
    for (int i = 0; i < all.length; i++) {
      filters[i] = all[i].toDap();
    }
    c.setExceptionBreakpointFilters(filters);
    return c;
  }
}
