package dev.tricolor.dap.session;

/**
 * Where a debug session is. Requests check it on lsp4j's reader thread; the program thread moves
 * it between {@link #RUNNING} and {@link #STOPPED}.
 *
 * <pre>
 *  NEW ──launch──▶ LAUNCHING ──configurationDone──▶ RUNNING ◀──continue/step── STOPPED
 *   │                  │                               │ └──────stop─────────────▶ │
 *   └──────────────────┴────────── disconnect ─────────┴──▶ TERMINATED ◀── end ────┘
 * </pre>
 */
public enum SessionState {
  /** Initialized, no program yet. */
  NEW,
  /** The program is loaded; it starts at {@code configurationDone}. */
  LAUNCHING,
  /** The program thread is executing guest code. */
  RUNNING,
  /** The program thread is parked at a stop and serves inspection requests. */
  STOPPED,
  /** The program ended or was ended; only {@code disconnect} is left to do. */
  TERMINATED
}
