package dev.tricolor.heap.host;

import dev.tricolor.wasm.exec.Trap;
import dev.tricolor.wasm.exec.TrapKind;

/**
 * The host runtime cannot serve this module: it was not built against the project's runtime file
 * (an export the collector needs is missing), or the instance has no memory. A trap of kind
 * {@link TrapKind#HOST_ERROR}, so the guest call that needed the runtime fails with a message
 * naming what is missing, and the embedder goes on.
 */
public final class HostRuntimeException extends Trap {
  private static final long serialVersionUID = 1L;

  public HostRuntimeException(String message) {
    super(TrapKind.HOST_ERROR, message);
  }
}
