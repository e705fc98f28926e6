// A heap of many live objects, for the heap model's speed benchmark (enumerate, classify and
// check a heap of one million live objects). populate(n) creates n Items in one list; every
// second Item also holds an ArrayBuffer and every tenth a Float64Array (which is two objects:
// the view and its ArrayBuffer). It counts what it creates, so a reader can be checked:
// populate(588235) holds exactly 1,000,000 objects (588,235 Items, 294,117 + 58,824 buffers,
// 58,824 views; memory grows to 1024 pages, 64 MiB). The fixture runs a small n.

class Item {
  next: Item | null = null;
  buffer: ArrayBuffer | null = null;
  values: Float64Array | null = null;
  constructor(public id: i32) {}
}

let head: Item | null = null;
let items = 0;
let buffers = 0;
let views = 0;

/** Adds n Items (with their buffers and views) to the list; returns the objects held in total. */
export function populate(n: i32): i32 {
  for (let i = 0; i < n; i++) {
    const item = new Item(items);
    if (items % 2 == 1) {
      item.buffer = new ArrayBuffer(8);
      buffers++;
    }
    if (items % 10 == 0) {
      item.values = new Float64Array(2); // the view and its own ArrayBuffer
      views++;
      buffers++;
    }
    item.next = head;
    head = item;
    items++;
  }
  return liveObjects(); // @bp:populated
}

/** Objects the program holds: Items, ArrayBuffers (own and views' backing) and Float64Arrays. */
export function liveObjects(): i32 {
  return items + buffers + views;
}

export function itemCount(): i32 {
  return items;
}

export function bufferCount(): i32 {
  return buffers;
}

export function viewCount(): i32 {
  return views;
}

/** Items counted by walking the list (must equal itemCount()). */
export function walkItems(): i32 {
  let n = 0;
  let item = head;
  while (item) {
    n++;
    item = item.next;
  }
  return n;
}

/** A full collection: nothing the program holds is freed. */
export function collect(): i32 {
  __collect();
  return liveObjects();
}

/** Drops everything and collects. */
export function clear(): void {
  head = null;
  items = buffers = views = 0;
  __collect();
}
