// The host's nondeterministic inputs, made deterministic: Math.random() seeds itself from
// env.seed() (fixed at 42.0 by the default host) and Date.now() imports env["Date.now"]
// (fixed at 1700000000000). The same run gives the same numbers everywhere.

/** Date.now() as the program sees it (AssemblyScript's Date.now() is an i64 of milliseconds). */
export function now(): i64 {
  return Date.now(); // @bp:now
}

/** The current date as an ISO string (String pointer). */
export function isoDate(): string {
  return new Date(Date.now()).toISOString();
}

/** The sum of n random integers in [0, 1000). */
export function randomSum(n: i32): i32 {
  let s = 0;
  for (let i = 0; i < n; i++) s += <i32>(Math.random() * 1000); // @bp:random
  return s;
}

/** One random number (f64 in [0, 1)). */
export function random(): f64 {
  return Math.random();
}
