// Recursion. `unbounded` never stops calling itself: the engine must end it with a clean
// "call stack exhausted" trap at its configured depth (V8 throws its own stack overflow). It
// uses no managed locals, so it never touches the shadow stack or memory: the memory after
// the trap is the same whatever depth the engine allows. `depth` recurses n levels and returns.

let deepest = 0;

/** Calls itself forever; the sum keeps the call from being a tail call. */
export function unbounded(n: i32): i32 {
  return unbounded(n + 1) + 1; // @bp:recurse
}

/** Recurses n levels; returns n. */
export function depth(n: i32): i32 {
  if (n == 0) return 0; // @bp:bottom
  return depth(n - 1) + 1;
}

/** Recurses n levels and records the deepest level reached in a global. */
export function recordDepth(n: i32, level: i32): i32 {
  if (level > deepest) deepest = level;
  if (level == n) return level;
  return recordDepth(n, level + 1);
}

export function getDeepest(): i32 {
  return deepest;
}
