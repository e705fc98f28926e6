package dev.tricolor.wasm.exec;

/**
 * A function the embedder provides to a module as an import. Called on the program thread with
 * the arguments in {@code caller} (read them before calling back into the guest); returns the
 * first result as raw bits (an i32 as an int, f32/f64 as their raw bits, see {@link Values}), or
 * anything when the function returns nothing; further results go to
 * {@link Caller#setResult}. Nothing is allocated per call.
 *
 * <p>Throwing a {@link Trap} traps the guest; any other exception becomes a trap of kind
 * {@link TrapKind#HOST_ERROR} carrying it as the cause.
 */
@FunctionalInterface
public interface HostFunction {
  long call(Caller caller);
}
