// The incremental collector (ITCMS) at work: pins, unpins, full collections, and a state in the
// middle of marking where white, black, gray and transparent (pinned) objects exist at once.
//
// The program reads its own objects' colors from their headers, so the heap readers can be
// checked against the program's view:
//
//   payload - 20  mmInfo          (TLSF block size and flags)
//   payload - 16  nextWithColor   (next object in its space | 2-bit color)
//   payload - 12  prev
//   payload -  8  rtId
//   payload -  4  rtSize
//
// Colors: the current `white` is 0 or 1 and flips each cycle, black is !white, gray is 2,
// transparent (pinned) is 3.

class Node {
  next: Node | null = null;
  constructor(public id: i32) {}
}

/** A chain of nodes reachable from this global: the live data. */
let chain: Node | null = null;
let chainLength = 0;

/** Payload addresses of pinned objects. A StaticArray<usize> holds plain numbers, not
 *  references, so these objects are kept alive by their pins only. */
let pinned = new StaticArray<usize>(16);
let pinnedCount = 0;

/** The color of the chain's nodes after the last full collection: the current white. */
let whiteAtRest = -1;
let garbageAllocated = 0;

// @ts-ignore: decorator
@inline function colorOf(payload: usize): i32 {
  return <i32>(load<u32>(payload - 16) & 3);
}

/** Builds a chain of n nodes (ids 0..n-1, head is id 0); returns n. */
export function buildChain(n: i32): i32 {
  let head: Node | null = null;
  for (let i = n - 1; i >= 0; i--) {
    const node = new Node(i);
    node.next = head;
    head = node;
  }
  chain = head;
  chainLength = n;
  return n; // @bp:after-chain
}

/** Allocates k objects (Node ids 1000, 1001, ...) held only by pins; returns the pinned count. */
export function pinSome(k: i32): i32 {
  for (let i = 0; i < k; i++) {
    const node = new Node(1000 + pinnedCount);
    pinned[pinnedCount++] = __pin(changetype<usize>(node));
  }
  return pinnedCount; // @bp:after-pin
}

/** Unpins the most recently pinned object (it becomes garbage); returns the pinned count. */
export function unpinLast(): i32 {
  __unpin(pinned[--pinnedCount]);
  pinned[pinnedCount] = 0;
  return pinnedCount;
}

/** Pins the same object twice: aborts with "Object already pinned". */
export function pinTwice(): void {
  const node = new Node(-1);
  __pin(changetype<usize>(node));
  __pin(changetype<usize>(node));
}

/** Unpins an object that is not pinned: aborts with "Object is not pinned". */
export function unpinUnpinned(): void {
  __unpin(changetype<usize>(chain));
}

/** A full collection; afterwards every live object has the current white. Returns that white. */
export function collect(): i32 {
  __collect();
  whiteAtRest = chain ? colorOf(changetype<usize>(chain)) : -1;
  return whiteAtRest; // @bp:after-collect
}

/** Drops the chain after its first `keep` nodes; returns the new length. */
export function truncateChain(keep: i32): i32 {
  let node = chain;
  for (let i = 1; node && i < keep; i++) node = node.next;
  if (node) node.next = null;
  chainLength = min(keep, chainLength);
  return chainLength;
}

/**
 * Allocates garbage until the collector starts a cycle and marks the chain's head, then stops:
 * the collector is in the middle of marking (its budget of 2048 per interrupt covers about
 * 2000 nodes of a long chain). Call after collect(). Returns how many garbage objects it made.
 */
export function startMarking(): i32 {
  assert(whiteAtRest >= 0, "call collect() first");
  const head = changetype<usize>(chain);
  let made = 0;
  while (colorOf(head) == whiteAtRest) {
    const garbage = new Node(-2); // @bp:garbage
    garbage.id = made++;
  }
  garbageAllocated += made;
  return made; // @bp:mid-mark
}

/** How many chain nodes have color c (0..3). */
export function countChainColor(c: i32): i32 {
  let n = 0;
  let node = chain;
  while (node) {
    if (colorOf(changetype<usize>(node)) == c) n++;
    node = node.next;
  }
  return n;
}

/** How many pinned objects have color c (all are transparent, 3). */
export function countPinnedColor(c: i32): i32 {
  let n = 0;
  for (let i = 0; i < pinnedCount; i++) if (colorOf(pinned[i]) == c) n++;
  return n;
}

/** Color of the i-th chain node, or -1. */
export function chainColorAt(i: i32): i32 {
  let node = chain;
  while (node && i > 0) {
    node = node.next;
    i--;
  }
  return node ? colorOf(changetype<usize>(node)) : -1;
}

/** Payload address of the i-th chain node, or 0. */
export function chainAddressAt(i: i32): usize {
  let node = chain;
  while (node && i > 0) {
    node = node.next;
    i--;
  }
  return changetype<usize>(node);
}

/** Payload address of the i-th pinned object, or 0. */
export function pinnedAddressAt(i: i32): usize {
  return i < pinnedCount ? pinned[i] : 0;
}

export function getChainLength(): i32 {
  return chainLength;
}

export function getPinnedCount(): i32 {
  return pinnedCount;
}

/** The white recorded by the last collect(). */
export function getWhiteAtRest(): i32 {
  return whiteAtRest;
}

export function getGarbageAllocated(): i32 {
  return garbageAllocated;
}
