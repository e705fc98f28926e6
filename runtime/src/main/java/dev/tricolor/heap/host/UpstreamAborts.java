package dev.tricolor.heap.host;

import dev.tricolor.wasm.host.AbortTrap;

/**
 * The aborts AssemblyScript's own runtime raises, with the file, line and column asc compiles
 * into them (asc 0.28.20's {@code std/assembly/rt/tlsf.ts}, {@code itcms.ts} and {@code rt.ts}),
 * so a program fails in host mode exactly as it does with the built-in runtime. An {@code assert}
 * without a message aborts with a null message; {@code throw new Error(m)} with {@code m}.
 * {@code DEBUG} is {@code true} in upstream's {@code rt/common.ts}, so its asserts are compiled
 * into every build (unless {@code --noAssert}), and the Java port checks them too.
 */
final class UpstreamAborts {
  static final String TLSF = "~lib/rt/tlsf.ts";
  static final String ITCMS = "~lib/rt/itcms.ts";
  static final String RT = "~lib/rt.ts";

  // std/assembly/util/error.ts
  static final String E_ALLOCATION_TOO_LARGE = "Allocation too large";
  static final String E_ALREADY_PINNED = "Object already pinned";
  static final String E_NOT_PINNED = "Object is not pinned";
  static final String E_INDEXOUTOFRANGE = "Index out of range";

  private UpstreamAborts() {}

  /** A failed {@code assert(...)} of tlsf.ts at {@code line:column}. */
  static AbortTrap tlsfAssert(int line, int column) {
    return new AbortTrap(null, TLSF, line, column);
  }

  /** A failed {@code assert(...)} of itcms.ts at {@code line:column}. */
  static AbortTrap itcmsAssert(int line, int column) {
    return new AbortTrap(null, ITCMS, line, column);
  }

  /** {@code throw new Error(message)} in {@code file} at {@code line:column}. */
  static AbortTrap error(String message, String file, int line, int column) {
    return new AbortTrap(message, file, line, column);
  }
}
