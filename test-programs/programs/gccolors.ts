// A GC scenario for the heap readers: a binary tree of Branch objects, each holding a Leaf, kept
// alive by a global; garbage Leafs; one Leaf pinned with __pin and held by nothing else. A full
// __collect then walks the collector through every state (idle, mark, sweep), so a reader that
// stops at ~lib/rt/itcms/step sees objects in every color: white, gray, black and transparent.
// Exports report what the program knows (object counts, the pinned object's value).

class Leaf {
  constructor(public value: i32) {}
}

class Branch {
  left: Branch | null = null;
  right: Branch | null = null;
  leaf: Leaf | null = null;
  constructor(public depth: i32) {}
}

let tree: Branch | null = null;
let pinned: usize = 0; // payload address of a pinned Leaf: no reference keeps it alive

function grow(depth: i32): Branch {
  const b = new Branch(depth);
  b.leaf = new Leaf(depth);
  if (depth > 0) {
    b.left = grow(depth - 1);
    b.right = grow(depth - 1);
  }
  return b;
}

/** Builds a tree of the given depth, 20 garbage Leafs and one pinned Leaf; returns the Branch count. */
export function setup(depth: i32): i32 {
  tree = grow(depth);
  for (let i = 0; i < 20; i++) new Leaf(-i); // garbage: nothing refers to these
  pinned = __pin(changetype<usize>(new Leaf(777)));
  return countBranches(tree); // @bp:after-setup
}

function countBranches(b: Branch | null): i32 {
  if (!b) return 0;
  return 1 + countBranches(b.left) + countBranches(b.right);
}

/** Branches reachable from the global tree. */
export function branches(): i32 {
  return countBranches(tree);
}

/** Drops the right subtree: its Branches and Leafs become garbage. Returns the Branches left. */
export function dropRight(): i32 {
  tree!.right = null;
  return countBranches(tree);
}

/** A full collection: every step from idle through mark and sweep back to idle. */
export function collect(): void {
  __collect(); // @bp:after-collect
}

/** The pinned Leaf's value (777 while pinned). */
export function pinnedValue(): i32 {
  return changetype<Leaf>(pinned).value;
}

/** Payload address of the pinned Leaf. */
export function pinnedAddress(): usize {
  return pinned;
}

/** Payload address of the tree's root Branch. */
export function treeAddress(): usize {
  return changetype<usize>(tree);
}

/** Unpins the pinned Leaf: nothing refers to it, so the next collection frees it. */
export function unpin(): void {
  __unpin(pinned);
  pinned = 0;
}
