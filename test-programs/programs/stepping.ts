// Small functions for the debug adapter's stepping and variables tests: loops, nested calls,
// and locals of every type (i32, i64, f32, f64, bool, a class instance, a string, an array).
// Labelled lines are where tests set breakpoints; step in/over/out moves between them.

class Point {
  constructor(public x: f64, public y: f64) {}

  length(): f64 {
    return Math.sqrt(this.x * this.x + this.y * this.y); // @bp:point-length
  }
}

let calls = 0;

function square(x: i32): i32 {
  calls++; // @bp:square-entry
  return x * x; // @bp:square-return
}

/** Sum of squares below n, one call per iteration. */
export function sumOfSquares(n: i32): i32 {
  let total = 0; // @bp:sum-start
  for (let i = 0; i < n; i++) {
    total += square(i); // @bp:loop-body
  }
  return total; // @bp:sum-end
}

/** Locals of every type, then a result that depends on all of them. */
export function locals(n: i32): f64 {
  const small: i32 = n * 3;
  const big: i64 = <i64>n * 10_000_000_000;
  const single: f32 = <f32>n / 4;
  const double: f64 = <f64>n * 1.5;
  const flag: bool = n % 2 == 1;
  const point = new Point(3.0, 4.0);
  const label = "n=" + n.toString();
  const values = new Array<i32>(3);
  for (let i = 0; i < 3; i++) values[i] = n + i;
  const result = <f64>small + <f64>(big / 10_000_000_000) + <f64>single + double + point.length(); // @bp:locals
  return flag ? result + <f64>label.length + <f64>values.length : result;
}

/** Three levels of calls: outer -> middle -> inner, each adding its own part. */
export function outer(n: i32): i32 {
  const a = n + 1; // @bp:outer
  return middle(a) * 2;
}

function middle(m: i32): i32 {
  const b = m + 10; // @bp:middle
  return inner(b) + 1;
}

function inner(k: i32): i32 {
  return k * k; // @bp:inner
}

/** Iterative factorial on i64. */
export function factorial(n: i32): i64 {
  let acc: i64 = 1;
  while (n > 1) {
    acc *= n; // @bp:factorial-loop
    n--;
  }
  return acc;
}

/** How many times square() ran. */
export function squareCalls(): i32 {
  return calls;
}
