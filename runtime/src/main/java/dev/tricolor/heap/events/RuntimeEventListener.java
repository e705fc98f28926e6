package dev.tricolor.heap.events;

import dev.tricolor.wasm.debug.ProgramState;
import dev.tricolor.wasm.debug.Resume;

/**
 * Receives runtime events on the program thread, the program stopped where the event happened
 * (it may block there while a user looks around), and says how to go on.
 */
@FunctionalInterface
public interface RuntimeEventListener {
  Resume onEvent(RuntimeEvent event, ProgramState state);
}
