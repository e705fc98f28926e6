// WebAssembly traps (not aborts): the engine stops the guest itself. Each export traps for
// some argument and returns normally for others, so a test sees both sides.

/** a / b: traps "integer divide by zero" for b == 0 and "integer overflow" for i32.MIN_VALUE / -1. */
export function divide(a: i32, b: i32): i32 {
  return a / b; // @bp:divide
}

/** a % b as i64: traps "integer divide by zero" for b == 0. */
export function remainder64(a: i64, b: i64): i64 {
  return a % b;
}

/** Returns x for x >= 0; executes `unreachable` otherwise. */
export function reachable(x: i32): i32 {
  if (x < 0) unreachable(); // @bp:unreachable
  return x;
}

/** A load from an address past the end of memory: "out of bounds memory access". */
export function loadAt(address: usize): i32 {
  return load<i32>(address); // @bp:load
}

/** A store past the end of memory. */
export function storeAt(address: usize, value: i32): void {
  store<i32>(address, value);
}

/** A float to int conversion. This program is built with `--disable nontrapping-f2i`, so asc
 *  emits the trapping i32.trunc_f64_s: "invalid conversion to integer" for NaN and out of range. */
export function truncate(x: f64): i32 {
  return <i32>x;
}

function one(): i32 {
  return 1;
}

function two(): i32 {
  return 2;
}

/** An indirect call through the function table: index 0 and 1 are fine, others trap. */
export function callIndirect(index: u32): i32 {
  let table: Array<() => i32> = [one, two];
  return call_indirect<i32>(index < 2 ? <u32>table[index].index : index);
}
