// A large live heap for the heap readers' benchmark: n small objects of three classes, all kept
// alive (a linked list held by a global), allocated by the program's own TLSF/ITCMS with the
// collector running incrementally as it would. Each Cell holds a number and, every 16th, a
// string; every 64th a small Array<i32> (with its buffer).

class Cell {
  next: Cell | null = null;
  label: string | null = null;
  data: Array<i32> | null = null;
  constructor(public value: i32) {}
}

let head: Cell | null = null;
let count = 0;

/** Adds n cells to the list; returns the number of cells alive. */
export function build(n: i32): i32 {
  for (let i = 0; i < n; i++) {
    const c = new Cell(i);
    if ((i & 15) == 0) c.label = "c" + i.toString();
    c.next = head;
    head = c;
    if ((i & 63) == 0) {
      const a = new Array<i32>(2);
      a[0] = i;
      c.data = a;
    }
    count++;
  }
  return count; // @bp:after-build
}

/** Cells alive, by walking the list. */
export function walk(): i32 {
  let n = 0;
  let c = head;
  while (c) {
    n++;
    c = c.next;
  }
  return n;
}
