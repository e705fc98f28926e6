// The standard library's containers, each held by a global so it stays alive: arrays of a value
// type and of a reference type, a StaticArray, typed arrays, strings (built by concatenation and
// substring, with non-ASCII text), a Map<string, i32> and a Set<i32> with deleted entries.
// The exports report lengths, sums and contents as the program sees them; those that return a
// string or an object return its payload address, which a heap reader decodes.

let ints: Array<i32> = [];
let words: Array<string> = [];
let fixed: StaticArray<i32> = new StaticArray<i32>(8);
let floats = new Float64Array(5);
let bytes = new Uint8Array(16);
let greeting = "";
let middle = "";
let unicode = "grüße, καλημέρα, 日本語, 😀";
let counts = new Map<string, i32>();
let primes = new Set<i32>();

/** Fills every container; returns how many containers it filled. */
export function setup(): i32 {
  for (let i = 0; i < 10; i++) ints.push(i * i); // 0 1 4 9 ... 81
  words.push("alpha");
  words.push("beta");
  words.push("gamma");
  words.push(unicode);
  for (let i = 0; i < fixed.length; i++) fixed[i] = 100 + i;
  for (let i = 0; i < floats.length; i++) floats[i] = <f64>i + 0.5;
  floats[4] = -0.0;
  for (let i = 0; i < bytes.length; i++) bytes[i] = <u8>(255 - i);
  greeting = "Hello" + ", " + "world" + "!"; // @bp:after-concat
  middle = greeting.substring(7, 12); // "world"
  for (let i = 0; i < words.length; i++) counts.set(words[i], words[i].length);
  counts.set("alpha", 42); // overwrite: still 4 entries
  for (let i = 2; i < 30; i++) if (isPrime(i)) primes.add(i);
  primes.delete(2); // a deleted entry stays in the table until it is rehashed
  primes.delete(29);
  return 10; // @bp:after-setup
}

function isPrime(n: i32): bool {
  for (let d = 2; d * d <= n; d++) if (n % d == 0) return false;
  return true;
}

export function intsLength(): i32 {
  return ints.length;
}

export function intsSum(): i32 {
  let s = 0;
  for (let i = 0; i < ints.length; i++) s += ints[i];
  return s;
}

export function wordsLength(): i32 {
  return words.length;
}

/** The i-th word (a String's payload address). */
export function wordAt(i: i32): string {
  return words[i];
}

export function fixedSum(): i32 {
  let s = 0;
  for (let i = 0; i < fixed.length; i++) s += fixed[i];
  return s;
}

export function floatsSum(): f64 {
  let s = 0.0;
  for (let i = 0; i < floats.length; i++) s += floats[i];
  return s;
}

export function floatAt(i: i32): f64 {
  return floats[i];
}

export function bytesSum(): i32 {
  let s = 0;
  for (let i = 0; i < bytes.length; i++) s += bytes[i];
  return s;
}

export function greetingText(): string {
  return greeting;
}

export function middleText(): string {
  return middle;
}

export function unicodeText(): string {
  return unicode;
}

/** Length in UTF-16 code units (the emoji counts twice). */
export function unicodeLength(): i32 {
  return unicode.length;
}

/** Length of the UTF-8 encoding. */
export function unicodeUtf8Length(): i32 {
  return String.UTF8.byteLength(unicode);
}

export function mapSize(): i32 {
  return counts.size;
}

/** counts.get(words[i]) */
export function mapGetWord(i: i32): i32 {
  return counts.get(words[i]);
}

export function setSize(): i32 {
  return primes.size;
}

export function setHas(v: i32): bool {
  return primes.has(v);
}

export function setSum(): i32 {
  let values = primes.values();
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

/** Payload addresses of the containers, for the heap reader: 0 ints, 1 words, 2 fixed,
 *  3 floats, 4 bytes, 5 counts, 6 primes, 7 greeting, 8 unicode. */
export function addressOf(which: i32): usize {
  switch (which) {
    case 0: return changetype<usize>(ints);
    case 1: return changetype<usize>(words);
    case 2: return changetype<usize>(fixed);
    case 3: return changetype<usize>(floats);
    case 4: return changetype<usize>(bytes);
    case 5: return changetype<usize>(counts);
    case 6: return changetype<usize>(primes);
    case 7: return changetype<usize>(greeting);
    case 8: return changetype<usize>(unicode);
  }
  return 0;
}
