// Aborts: the ways an AssemblyScript program calls the host's env.abort(message, file, line,
// column). The host throws, so every export below ends in an abort the debugger must show
// with its message and source position decoded.

/** Returns x when it is positive; a failing assert otherwise. */
export function checkPositive(x: i32): i32 {
  assert(x > 0, "x must be positive"); // @bp:assert
  return x;
}

/** An assert without a message. */
export function assertNoMessage(x: i32): i32 {
  assert(x != 0);
  return x;
}

/** An uncaught throw: AssemblyScript has no exceptions, a throw is an abort with the Error's message. */
export function throwError(code: i32): i32 {
  if (code != 0) throw new Error("failed with code " + code.toString()); // @bp:throw
  return 0;
}

/** The abort builtin with a message. */
export function explicitAbort(): void {
  abort("explicit abort"); // @bp:abort
}

/** The abort builtin without arguments: message and file are null pointers. */
export function bareAbort(): void {
  abort();
}
