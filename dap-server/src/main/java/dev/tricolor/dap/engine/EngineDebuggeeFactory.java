package dev.tricolor.dap.engine;

import dev.tricolor.dap.launch.LaunchConfig;
import dev.tricolor.dap.session.Debuggee;
import dev.tricolor.dap.session.DebuggeeFactory;
import dev.tricolor.dap.session.RequestException;

/** Loads programs on Tricolor's engine ({@code dev.tricolor.wasm.exec}, {@code wasm.debug}). */
public final class EngineDebuggeeFactory implements DebuggeeFactory {
  @Override
  public Debuggee load(LaunchConfig config, ProgramOutput output) {
    try {
      return new EngineDebuggee(LoadedModule.load(config), config.stopOnEntry(), output);
    } catch (LoadedModule.LoadException e) {
      throw new RequestException("cannot launch: " + e.getMessage(), e);
    }
  }
}
