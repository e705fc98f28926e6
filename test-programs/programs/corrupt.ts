// A program that corrupts its own heap with plain stores, as a buggy `unsafe` program would.
// The heap checker must report each corruption (with the address and the broken rule), and the
// readers must neither loop nor throw on it. After a smash the program must not allocate again
// (AssemblyScript's own runtime would misbehave or loop), so each smash is the last heap
// operation of a run.
//
// Managed object header (20 bytes before the payload):
//
//   payload - 20  mmInfo          TLSF block size | LEFTFREE (bit 1) | FREE (bit 0)
//   payload - 16  nextWithColor   next object in the GC space | color (2 bits)
//   payload - 12  prev            previous object in the GC space
//   payload -  8  rtId            runtime class id
//   payload -  4  rtSize          payload size in bytes

class Victim {
  constructor(public a: i32, public b: i32) {}
}

let victims = new Array<Victim>();
let smashedAddress: usize = 0;
let originalValue: u32 = 0;

/** Allocates n victims (held by a global array); returns n. */
export function setup(n: i32): i32 {
  for (let i = 0; i < n; i++) victims.push(new Victim(i, i * 2));
  return victims.length; // @bp:before-smash
}

/**
 * Overwrites one header word of victims[i] and returns the address written:
 *   0  nextWithColor = 0xDEADBEE0 | color    (the GC list points into nowhere)
 *   1  nextWithColor = its own header | color (a cycle of one: a list walk that trusts it loops)
 *   2  prev = 0                              (the list is no longer doubly linked)
 *   3  rtId = 0xFFFF                         (no such class)
 *   4  mmInfo = 0x7FFFFFF0                   (a block size past the end of memory)
 *   5  rtSize = 0x10000                      (larger than the block)
 */
export function smash(i: i32, kind: i32): usize {
  const payload = changetype<usize>(victims[i]);
  const header = payload - 20;
  let address: usize;
  let value: u32;
  switch (kind) {
    case 0: address = header + 4; value = 0xDEADBEE0 | (load<u32>(address) & 3); break;
    case 1: address = header + 4; value = <u32>header | (load<u32>(address) & 3); break;
    case 2: address = header + 8; value = 0; break;
    case 3: address = header + 12; value = 0xFFFF; break;
    case 4: address = header; value = 0x7FFFFFF0; break;
    case 5: address = header + 16; value = 0x10000; break;
    default: return 0;
  }
  originalValue = load<u32>(address);
  smashedAddress = address;
  store<u32>(address, value); // @bp:smash
  return address;
}

/** Where the last smash wrote (0 if none). */
export function getSmashedAddress(): usize {
  return smashedAddress;
}

/** The word the last smash overwrote. */
export function getOriginalValue(): u32 {
  return originalValue;
}

/** Puts the last smashed word back (the heap is whole again). */
export function repair(): void {
  if (smashedAddress) store<u32>(smashedAddress, originalValue);
  smashedAddress = 0;
}

/** Payload address of victims[i]. */
export function victimAddress(i: i32): usize {
  return changetype<usize>(victims[i]);
}

/** Sum of a + b over all victims, read through the program's own references. */
export function victimSum(): i32 {
  let s = 0;
  for (let i = 0; i < victims.length; i++) s += victims[i].a + victims[i].b;
  return s;
}
