// console.log and friends. asc compiles them to imports env["console.log"](message) etc.,
// each taking one String. The default host prints log/info/debug to stdout and warn/error to
// stderr, one line each (see README.md).

/** Logs n lines "line i of n" to stdout; returns n. */
export function logLines(n: i32): i32 {
  for (let i = 1; i <= n; i++) {
    console.log("line " + i.toString() + " of " + n.toString()); // @bp:log
  }
  return n;
}

/** One message on each console method; returns how many. */
export function everyLevel(): i32 {
  console.log("log");
  console.info("info");
  console.debug("debug");
  console.warn("warn");
  console.error("error");
  return 5;
}

/** Logs a float and non-ASCII text (AssemblyScript's own number formatting). */
export function formatted(): i32 {
  const x: f64 = 1.0 / 3.0;
  console.log("x = " + x.toString() + ", π ≈ " + Math.PI.toString() + " — ok");
  return 1;
}
