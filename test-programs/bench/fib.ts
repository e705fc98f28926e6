// Benchmark: calls. Naive recursive Fibonacci: almost nothing but call, compare, add, return.

function fib(n: i32): i32 {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/** fib(n). */
export function run(n: i32): i32 {
  return fib(n);
}
