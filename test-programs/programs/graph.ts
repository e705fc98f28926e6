// A mutable object graph for randomized collector tests: 32 root slots hold Nodes, Nodes point at
// each other (fields and a child array), carry strings and byte buffers, and are pinned, unpinned,
// dropped and rewired while the incremental collector runs (every allocation may run a step, so
// the write barrier __link sees every color). The caller picks the operations (a seeded random
// sequence), so the same sequence can run on two runtimes and their heaps be compared after
// each one. Every operation on an empty slot does nothing and returns -1.

class Node {
  left: Node | null = null;
  right: Node | null = null;
  children: Array<Node> | null = null;
  label: string | null = null;
  payload: Uint8Array | null = null;
  constructor(public id: i32) {}
}

const SLOTS = 32;
const roots = new StaticArray<Node | null>(SLOTS);
const pins = new StaticArray<usize>(SLOTS); // payload addresses pinned per slot (numbers, not references)

/** roots[slot] = a new Node; returns its address. */
export function create(slot: i32, id: i32): usize {
  const n = new Node(id);
  roots[slot] = n;
  return changetype<usize>(n);
}

/** Stores roots[to] into a field of roots[from]: 0 left, 1 right, 2 appended to children. */
export function link(from: i32, to: i32, field: i32): i32 {
  const a = roots[from];
  const b = roots[to];
  if (!a || !b) return -1;
  if (field == 0) a.left = b;
  else if (field == 1) a.right = b;
  else {
    let c = a.children;
    if (!c) a.children = c = new Array<Node>();
    c.push(b);
  }
  return 0; // @bp:after-link
}

/** roots[slot] = roots[slot].left (may be null): walks down, dropping the way back. */
export function descend(slot: i32): i32 {
  const a = roots[slot];
  if (!a) return -1;
  roots[slot] = a.left;
  return a.left ? 1 : 0;
}

/** Gives roots[slot] a new label string built from n. */
export function label(slot: i32, n: i32): i32 {
  const a = roots[slot];
  if (!a) return -1;
  a.label = "node " + n.toString() + (n % 3 == 0 ? " (three)" : "");
  return a.label!.length;
}

/** Gives roots[slot] a new byte buffer of size bytes, filled with its id. */
export function buffer(slot: i32, size: i32): i32 {
  const a = roots[slot];
  if (!a) return -1;
  const p = new Uint8Array(size);
  p.fill(<u8>a.id);
  a.payload = p;
  return size;
}

/** Appends count new Nodes (ids id, id + 1, ...) to roots[slot]'s children; returns their number. */
export function spray(slot: i32, count: i32, id: i32): i32 {
  const a = roots[slot];
  if (!a) return -1;
  let c = a.children;
  if (!c) a.children = c = new Array<Node>();
  for (let i = 0; i < count; i++) c.push(new Node(id + i));
  return c.length;
}

/** Removes one child (the middle one) of roots[slot]. */
export function prune(slot: i32): i32 {
  const a = roots[slot];
  if (!a || !a.children || a.children!.length == 0) return -1;
  const c = a.children!;
  c.splice(c.length >> 1, 1);
  return c.length;
}

/** roots[slot] = null. */
export function drop(slot: i32): i32 {
  const a = roots[slot];
  roots[slot] = null;
  return a ? 0 : -1;
}

/** Pins roots[slot] (once per slot; a slot's pin outlives the slot's reference). */
export function pin(slot: i32): i32 {
  const a = roots[slot];
  if (!a || pins[slot] != 0) return -1;
  let p = changetype<usize>(a);
  for (let i = 0; i < SLOTS; i++) if (pins[i] == p) return -1; // pinned through another slot
  pins[slot] = __pin(p);
  return 0;
}

/** Unpins what pin(slot) pinned. */
export function unpin(slot: i32): i32 {
  const p = pins[slot];
  if (p == 0) return -1;
  __unpin(p);
  pins[slot] = 0;
  return 0;
}

/** A full collection. */
export function collect(): void {
  __collect();
}

/** Nodes reachable from the slots (each once), their ids summed into the low bits. */
export function reachable(): i32 {
  const seen = new Set<usize>();
  const stack = new Array<Node>();
  for (let i = 0; i < SLOTS; i++) {
    const r = roots[i];
    if (r) stack.push(r);
  }
  let sum = 0;
  while (stack.length > 0) {
    const n = stack.pop();
    const p = changetype<usize>(n);
    if (seen.has(p)) continue;
    seen.add(p);
    sum += n.id;
    if (n.left) stack.push(n.left!);
    if (n.right) stack.push(n.right!);
    const c = n.children;
    if (c) for (let i = 0; i < c.length; i++) stack.push(c[i]);
  }
  return seen.size * 100000 + (sum & 0xffff);
}
