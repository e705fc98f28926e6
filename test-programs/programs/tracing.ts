// AssemblyScript's trace(): imports env.trace(message, n, a0, a1, a2, a3, a4), where n says how
// many of the five f64 arguments are meaningful. The default host prints
// "trace: MESSAGE a0, a1, ..." to stderr (see README.md).

/** Traces with 0..5 arguments; returns how many trace calls it made. */
export function traceAll(): i32 {
  trace("no arguments");
  trace("one", 1, 42);
  trace("two", 2, -1, 2.5);
  trace("five", 5, 1, 2, 3, 4, 5);
  trace("n=0 ignores values", 0, 7, 8);
  return 5; // @bp:after-trace
}

/** Traces special floats: NaN, infinities, -0, a tiny and a huge number. */
export function traceSpecial(): i32 {
  trace("special", 5, NaN, Infinity, -Infinity, -0.0, 1e-7);
  trace("large", 2, 1e21, 123456789012);
  return 2;
}

/** Traces a computed value in a loop: "step i" with i and i*i. */
export function traceLoop(n: i32): i32 {
  for (let i = 0; i < n; i++) {
    trace("step", 2, <f64>i, <f64>(i * i)); // @bp:trace-loop
  }
  return n;
}

/** Traces a non-ASCII message. */
export function traceUnicode(): i32 {
  trace("grüße 😀", 1, 0.1);
  return 1;
}
