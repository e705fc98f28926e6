package dev.tricolor.dap.engine;

import dev.tricolor.dap.launch.LaunchConfig;
import dev.tricolor.dap.session.Debuggee;
import dev.tricolor.dap.session.DebuggeeFactory;
import dev.tricolor.dap.session.RequestException;

/**
 * Loads programs on Tricolor's engine. The engine ({@code dev.tricolor.wasm.exec} and {@code
 * dev.tricolor.wasm.debug}) is being built; until it is on main, a launch checks the file and then
 * fails with a message that says so.
 */
public final class EngineDebuggeeFactory implements DebuggeeFactory {
  @Override
  public Debuggee load(LaunchConfig config, ProgramOutput output) {
    try {
      ModuleFile.check(config.program());
    } catch (ModuleFile.InvalidModuleFileException e) {
      throw new RequestException("cannot launch: " + e.getMessage(), e);
    }
    throw new RequestException(
        "cannot run " + config.program().getFileName()
            + ": this build of Tricolor has no WebAssembly engine yet (dev.tricolor.wasm.exec)");
  }
}
