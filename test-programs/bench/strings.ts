// Benchmark: the standard library's strings and Map. Builds words from numbers, counts them in
// a Map<string, i32>, concatenates, slices and searches.

const SYLLABLES: string[] = ["ka", "lu", "mi", "no", "ra", "se", "ti", "vo"];

function word(i: i32): string {
  let w = "";
  let x = i;
  do {
    w += SYLLABLES[x & 7];
    x >>= 3;
  } while (x != 0);
  return w;
}

/** n words, counted in a Map and joined; returns a checksum of counts, lengths and searches. */
export function run(n: i32): i32 {
  const counts = new Map<string, i32>();
  let checksum = 0;
  for (let i = 0; i < n; i++) {
    const w = word(i % 4096);
    counts.set(w, counts.has(w) ? counts.get(w) + 1 : 1);
  }
  const keys = counts.keys();
  let text = "";
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    checksum += counts.get(k) * k.length;
    if (i % 64 == 0) text += k.toUpperCase() + ",";
  }
  checksum += text.length;
  const parts = text.split(",");
  for (let i = 0; i < parts.length; i++) {
    checksum += parts[i].indexOf("RA") + parts[i].substring(1, 3).length;
  }
  return checksum + counts.size;
}
