// Bounds checks of the standard library: each ends in an abort whose message names the
// violation ("Index out of range", "Invalid length", "Key does not exist"). These are the
// debugger's "bounds" stops, together with the engine's own out-of-bounds memory trap
// (see the trap program).

let numbers: Array<i32> = [10, 20, 30];
let fixed: StaticArray<i32> = [1, 2, 3, 4];
let typed = new Int32Array(4);
let view = new DataView(new ArrayBuffer(8));
let names = new Map<i32, string>();

/** numbers[i]: 10, 20, 30, else "Index out of range". */
export function arrayGet(i: i32): i32 {
  return numbers[i]; // @bp:array-get
}

/** numbers[i] = v: writes past the end grow the array; a negative index is "Index out of range". */
export function arraySet(i: i32, v: i32): i32 {
  numbers[i] = v;
  return numbers.length;
}

/** fixed[i] on a StaticArray of 4. */
export function staticGet(i: i32): i32 {
  return fixed[i];
}

/** typed[i] on an Int32Array of 4. */
export function typedGet(i: i32): i32 {
  return typed[i];
}

/** A 4-byte read at byteOffset of an 8-byte DataView. */
export function viewGet(byteOffset: i32): i32 {
  return view.getInt32(byteOffset);
}

/** new Array<i32>(length): a negative or huge length is "Invalid length". */
export function newArray(length: i32): i32 {
  let a = new Array<i32>(length);
  return a.length;
}

/** names.get(key) on an empty map: "Key does not exist". */
export function mapGet(key: i32): i32 {
  return names.get(key).length;
}

/** The current length of `numbers`. */
export function arrayLength(): i32 {
  return numbers.length;
}
