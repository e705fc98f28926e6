// A singly linked list of class instances: the first thing a heap view must get right.
// The list object is a global (a GC root); items reference each other through `next`.
// Every export reports what the program itself knows, so a heap reader can be checked
// against the program's own view (counts, sums, addresses).

class Item {
  next: Item | null = null;
  constructor(public value: i32) {}
}

class List {
  head: Item | null = null;
  tail: Item | null = null;
  count: i32 = 0;

  append(value: i32): Item {
    const item = new Item(value); // @bp:after-alloc
    const tail = this.tail;
    if (tail) tail.next = item;
    else this.head = item;
    this.tail = item;
    this.count++;
    return item;
  }
}

let list = new List();

/** Appends items with values 0..n-1 to the list; returns the item count. */
export function build(n: i32): i32 {
  for (let i = 0; i < n; i++) {
    list.append(i);
  }
  return list.count; // @bp:after-build
}

/** Sum of the values, walking the list. */
export function sum(): i32 {
  let s = 0;
  let item = list.head;
  while (item) {
    s += item.value;
    item = item.next;
  }
  return s;
}

/** Unlinks every item whose value is a multiple of k; returns how many were removed. */
export function removeMultiplesOf(k: i32): i32 {
  let removed = 0;
  let prev: Item | null = null;
  let item = list.head;
  while (item) {
    const next = item.next;
    if (item.value % k == 0) {
      if (prev) prev.next = next;
      else list.head = next;
      if (list.tail === item) list.tail = prev;
      item.next = null; // the removed item is garbage now
      removed++;
    } else {
      prev = item;
    }
    item = next;
  }
  list.count -= removed;
  return removed; // @bp:after-remove
}

/** Item count as the list keeps it. */
export function count(): i32 {
  return list.count;
}

/** Item count by walking the list (must equal count()). */
export function walkCount(): i32 {
  let n = 0;
  let item = list.head;
  while (item) {
    n++;
    item = item.next;
  }
  return n;
}

/** Value of the i-th item, or -1. */
export function valueAt(i: i32): i32 {
  let item = list.head;
  while (item && i > 0) {
    item = item.next;
    i--;
  }
  return item ? item.value : -1;
}

/** Payload address of the list object (the global root). */
export function listAddress(): usize {
  return changetype<usize>(list);
}

/** Payload address of the i-th item, or 0. */
export function itemAddress(i: i32): usize {
  let item = list.head;
  while (item && i > 0) {
    item = item.next;
    i--;
  }
  return changetype<usize>(item);
}

/** A full collection: the removed items are freed. */
export function collect(): void {
  __collect(); // @bp:after-collect
}
