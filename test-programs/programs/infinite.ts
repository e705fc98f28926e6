// An infinite loop, for the debugger's pause: the program never returns by itself. The counter
// lets a test see that the program was running (and keeps the loop from being optimized away).
// The fixture runs only `bounded`; `spin` must be paused or terminated.

let counter: i64 = 0;

/** Loops forever. */
export function spin(): void {
  while (true) {
    counter++; // @bp:spin
  }
}

/** Loops n times (the same body, for a run that ends). */
export function bounded(n: i32): i64 {
  for (let i = 0; i < n; i++) {
    counter++; // @bp:bounded
  }
  return counter;
}

/** Iterations so far. */
export function getCounter(): i64 {
  return counter;
}
