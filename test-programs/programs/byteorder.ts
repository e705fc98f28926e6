// Big-endian data: DataView's accessors with littleEndian = false, and AssemblyScript's bswap<T>
// polyfill (std/assembly/polyfills.ts, compiled into the module: asc imports nothing for it), so
// the host's byte swaps (dev.tricolor.heap.host.ByteSwap: host functions and the memory views'
// big-endian readings) can be checked against the real thing.

const view = new DataView(new ArrayBuffer(16));

/** Writes a big-endian u16 at 0, u32 at 2 and u64 at 8; returns the buffer's address. */
export function writeBigEndian(a: u16, b: u32, c: u64): usize {
  view.setUint16(0, a, false);
  view.setUint32(2, b, false);
  view.setUint64(8, c, false);
  return view.dataStart; // @bp:written
}

/** Reads the u32 at offset big-endian. */
export function readUint32BigEndian(offset: i32): u32 {
  return view.getUint32(offset, false);
}

export function swap16(x: u16): u16 {
  return bswap<u16>(x);
}

export function swapI16(x: i16): i16 {
  return bswap<i16>(x);
}

export function swap32(x: u32): u32 {
  return bswap<u32>(x);
}

export function swap64(x: u64): u64 {
  return bswap<u64>(x);
}
