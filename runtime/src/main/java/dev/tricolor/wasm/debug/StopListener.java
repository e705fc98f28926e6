package dev.tricolor.wasm.debug;

/**
 * Called on the program thread when the program stops. It may block there (a debug adapter parks
 * the program thread while the user looks around, serving requests from other threads through
 * {@code state}), and returns how to go on.
 */
@FunctionalInterface
public interface StopListener {
  Resume onStop(Stop stop, ProgramState state);
}
