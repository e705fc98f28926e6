// Thin wrappers over AssemblyScript's runtime interface, for differential tests of a Java TLSF
// and ITCMS: the same calls run by the real runtime inside the engine and by the Java port must
// leave the same bytes. Also a self-contained randomized alloc/realloc/free workload.
//
// __alloc/__realloc/__free are TLSF (unmanaged blocks, payload 16-byte aligned); __new/__renew/
// __link/__pin/__unpin/__collect are ITCMS (managed objects with a 20-byte header).

/** TLSF: a block of at least `size` bytes; returns its payload address. */
export function alloc(size: usize): usize {
  return __alloc(size); // @bp:alloc
}

/** TLSF: resizes a block (may move it); returns the new payload address. */
export function realloc(ptr: usize, size: usize): usize {
  return __realloc(ptr, size);
}

/** TLSF: frees a block. */
export function free(ptr: usize): void {
  __free(ptr); // @bp:free
}

/** ITCMS: a managed object of `size` payload bytes with class id `id`; returns its payload address. */
export function newObject(size: usize, id: u32): usize {
  return __new(size, id);
}

/** ITCMS: resizes a managed object. */
export function renewObject(ptr: usize, size: usize): usize {
  return __renew(ptr, size);
}

/** ITCMS: the write barrier for storing child into parent. */
export function link(parent: usize, child: usize, expectMultiple: bool): void {
  __link(parent, child, expectMultiple);
}

export function pin(ptr: usize): usize {
  return __pin(ptr);
}

export function unpin(ptr: usize): void {
  __unpin(ptr);
}

export function collect(): void {
  __collect();
}

/** __heap_base: where the TLSF root is placed (rounded up to 16). */
export function heapBase(): usize {
  return __heap_base;
}

/** The payload size TLSF recorded for a block (mmInfo without the flag bits). */
export function blockSize(ptr: usize): usize {
  return load<u32>(ptr - 4) & ~3;
}

// xorshift32: the workload's own generator, so a Java replay can draw the same numbers.
let state: u32 = 1;

function next(): u32 {
  let x = state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  state = x;
  return x;
}

/** Live blocks of the random workload: payload addresses, 0 for an empty slot. */
let slots = new StaticArray<usize>(64);

/**
 * `count` random operations on 64 slots, with xorshift32 seeded by `seed` (non-zero):
 * r = next(); slot = r % 64; an empty slot gets alloc(1 + (next() % 2048)); a full one is
 * freed when next() % 3 == 0, else realloc'd to 1 + (next() % 4096). Every payload byte written
 * is (slot + 1) so moves are visible. Returns a checksum: the sum over operations of
 * (address ^ size), as u32.
 */
export function randomOps(count: i32, seed: u32): u32 {
  state = seed;
  let checksum: u32 = 0;
  for (let i = 0; i < count; i++) {
    const slot = next() % 64;
    const ptr = slots[slot];
    if (ptr == 0) {
      const size = 1 + (next() % 2048);
      const p = __alloc(size);
      memory.fill(p, <u8>(slot + 1), size);
      slots[slot] = p;
      checksum += <u32>p ^ size;
    } else if (next() % 3 == 0) {
      __free(ptr);
      slots[slot] = 0;
      checksum += <u32>ptr;
    } else {
      const size = 1 + (next() % 4096);
      const p = __realloc(ptr, size);
      memory.fill(p, <u8>(slot + 1), size);
      slots[slot] = p;
      checksum += <u32>p ^ size;
    }
  }
  return checksum; // @bp:after-random
}

/** How many slots of the random workload hold a block. */
export function liveSlots(): i32 {
  let n = 0;
  for (let i = 0; i < 64; i++) if (slots[i] != 0) n++;
  return n;
}
