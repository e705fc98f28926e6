// Out of memory. Built with --initialMemory 1 --maximumMemory 4 (pages of 64 KiB): the program
// keeps allocating and holding 8 KiB buffers until TLSF's growMemory asks for more pages,
// memory.grow returns -1, and the allocator executes `unreachable` (AssemblyScript's OOM).
// Under an engine limit below 4 pages the same happens earlier. A request of 1 GiB or more
// fails differently: __new aborts with "Allocation too large" before asking for memory.

let held: Array<ArrayBuffer> = [];
let chunks = 0;

/** Allocates and keeps `size`-byte buffers until memory runs out (never returns normally). */
export function exhaust(size: i32): i32 {
  while (true) {
    const buffer = new ArrayBuffer(size); // @bp:alloc
    held.push(buffer);
    chunks++;
  }
  return chunks;
}

/** Allocates and keeps `count` buffers of `size` bytes; returns the total held. */
export function allocate(count: i32, size: i32): i32 {
  for (let i = 0; i < count; i++) {
    held.push(new ArrayBuffer(size));
    chunks++;
  }
  return chunks;
}

/** How many buffers were allocated successfully (the program's own count). */
export function chunkCount(): i32 {
  return chunks;
}

/** Memory size in pages. */
export function pages(): i32 {
  return memory.size();
}

/** Asks the runtime for 1 GiB: "Allocation too large". */
export function tooLarge(): usize {
  return __new(1 << 30, idof<ArrayBuffer>()); // @bp:too-large
}

/** Drops every held buffer and collects; returns the memory size in pages (memory never shrinks). */
export function release(): i32 {
  held = [];
  __collect();
  return memory.size();
}
