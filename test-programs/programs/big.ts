// A large module (most of the standard library pulled in) for launch-time benchmarks: decoding,
// validating, compiling and source-mapping a module of ~100 KB. It also runs: `selfTest` calls
// every part and returns a checksum, so a launch benchmark can check the program really works.

class Record {
  constructor(public name: string, public score: f64, public tags: string[]) {}

  describe(): string {
    return this.name + " (" + this.score.toString() + ") [" + this.tags.join("|") + "]";
  }
}

function hashString(s: string): u32 {
  let h: u32 = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= <u32>s.charCodeAt(i);
    h *= 16777619;
  }
  return h;
}

/** Strings: case mapping, search, split/join, replace, padding, trimming, code points. */
function strings(): u32 {
  let h: u32 = 0;
  const text = "  The quick brown fox jumps over the lazy dog — Ärger, Straße, İstanbul, ΣΊΣΥΦΟΣ  ";
  h += hashString(text.trim().toUpperCase());
  h += hashString(text.trimStart().toLowerCase());
  h += hashString(text.trimEnd().replaceAll("o", "0").replace("fox", "cat"));
  const words = text.trim().split(" ");
  h += <u32>words.length;
  h += hashString(words.reverse().join("_"));
  h += hashString("7".padStart(5, "0") + "x".padEnd(4, "-") + "ab".repeat(3));
  h += <u32>text.indexOf("fox") + <u32>text.lastIndexOf("o") + <u32>(text.includes("lazy") ? 1 : 0);
  h += <u32>(text.startsWith("  The") ? 1 : 0) + <u32>(text.endsWith("  ") ? 2 : 0);
  h += hashString(String.fromCodePoint(0x1F600) + String.fromCharCode(65, 66));
  h += <u32>"😀".codePointAt(0);
  h += hashString(text.slice(3, 12) + text.substr(5, 4) + text.at(-3) + text.charAt(4));
  h += <u32>"b".localeCompare("a") + <u32>("abc" < "abd" ? 4 : 0);
  h += hashString(encodeURIComponent("a b&c=d/é") + decodeURIComponent("%E2%82%AC%20x") + encodeURI("http://x/ä b"));
  return h;
}

/** Numbers: formatting and parsing of every width, radixes, floats. */
function numbers(): u32 {
  let h: u32 = 0;
  h += hashString((1234567890123456789 as i64).toString() + (-42 as i64).toString(16) + (u64.MAX_VALUE).toString(36));
  h += hashString((255 as i32).toString(2) + (-128 as i8).toString() + (65535 as u16).toString(8));
  h += hashString((3.14159 as f64).toString() + (1e-300).toString() + (1.5e300).toString() + (0.1 as f32).toString());
  h += hashString((2.0 / 3.0).toString() + (123.456).toString() + (0.000123).toString());
  h += <u32>(parseFloat("3.25e2") + parseFloat("-0.5"));
  h += <u32>parseInt("ff", 16) + <u32>parseInt("-1010", 2) + <u32>I32.parseInt("  42  ");
  h += <u32>I64.parseInt("9007199254740993") + <u32>F64.parseFloat("Infinity");
  h += <u32>(isNaN(parseFloat("x")) ? 7 : 0) + <u32>(isFinite(1.0 / 0.0) ? 0 : 9);
  return h;
}

/** Math: transcendental functions of both float widths. */
function maths(): u32 {
  let acc: f64 = 0;
  for (let i = 1; i <= 20; i++) {
    const x = <f64>i * 0.37;
    acc += Math.sin(x) + Math.cos(x) + Math.tan(x * 0.1) + Math.exp(x * 0.1) + Math.log(x) + Math.log2(x) + Math.log10(x);
    acc += Math.atan2(x, 2.0) + Math.asin(1.0 / (x + 1.0)) + Math.acos(0.5 / (x + 1.0)) + Math.atan(x) + Math.sinh(x * 0.1) + Math.cosh(x * 0.1) + Math.tanh(x);
    acc += Math.pow(x, 1.7) + Math.cbrt(x) + Math.hypot(x, 3.0) + Math.expm1(x * 0.01) + Math.log1p(x) + Math.asinh(x) + Math.acosh(x + 1.0) + Math.atanh(0.5 / (x + 1.0));
    acc += <f64>(Mathf.sin(<f32>x) + Mathf.cos(<f32>x) + Mathf.exp(<f32>x * 0.1) + Mathf.log(<f32>x) + Mathf.pow(<f32>x, 1.3) + Mathf.atan2(<f32>x, 1.0));
    acc += Math.round(x) + Math.floor(x) + Math.ceil(x) + Math.trunc(x) + Math.sign(-x) + Math.fround(x) + Math.abs(-x) + Math.max(x, 1.0) + Math.min(x, 1.0);
  }
  return <u32>(<i64>(acc * 1000.0));
}

function byScore(a: Record, b: Record): i32 {
  return a.score < b.score ? -1 : a.score > b.score ? 1 : 0;
}

/** Arrays and their higher-order methods, sorting, typed arrays of every element type. */
function arrays(): u32 {
  let h: u32 = 0;
  const xs = new Array<i32>();
  for (let i = 0; i < 50; i++) xs.push((i * 7919) % 101);
  const doubled = xs.map<i32>((x: i32): i32 => x * 2);
  const odd = doubled.filter((x: i32): bool => (x & 2) != 0);
  h += <u32>odd.reduce<i32>((acc: i32, x: i32): i32 => acc + x, 0);
  xs.sort();
  h += <u32>xs[0] + <u32>xs[49] + <u32>xs.indexOf(50) + <u32>(xs.some((x: i32): bool => x > 99) ? 1 : 0);
  const fs = new Array<f64>();
  for (let i = 0; i < 20; i++) fs.push(Math.sin(<f64>i));
  fs.sort((a: f64, b: f64): i32 => i32(a > b) - i32(a < b));
  h += <u32>(fs[0] * -1000.0);
  const records: Record[] = [
    new Record("delta", 4.5, ["x"]),
    new Record("alpha", 1.25, ["a", "b"]),
    new Record("charlie", 3.0, []),
    new Record("bravo", 2.75, ["c"]),
  ];
  records.sort(byScore);
  for (let i = 0; i < records.length; i++) h += hashString(records[i].describe());
  const names = records.map<string>((r: Record): string => r.name);
  names.sort();
  h += hashString(names.join(","));
  const sl = xs.slice(10, 20).concat([1, 2, 3]);
  sl.reverse();
  sl.splice(2, 3);
  sl.unshift(9);
  h += <u32>sl.length + <u32>sl.shift() + <u32>sl.pop() + <u32>sl.lastIndexOf(3) + <u32>(sl.includes(2) ? 1 : 0);
  const flat = [[1, 2], [3], [4, 5, 6]].flat();
  h += <u32>flat.length + <u32>flat.findIndex((x: i32): bool => x == 4);
  const i8 = new Int8Array(8), u8 = new Uint8Array(8), c8 = new Uint8ClampedArray(8);
  const i16 = new Int16Array(8), u16 = new Uint16Array(8), i32a = new Int32Array(8), u32a = new Uint32Array(8);
  const i64a = new Int64Array(8), u64a = new Uint64Array(8), f32a = new Float32Array(8), f64a = new Float64Array(8);
  for (let i = 0; i < 8; i++) {
    i8[i] = <i8>(i * 40); u8[i] = <u8>(i * 40); c8[i] = <u8>min(255, i * 40);
    i16[i] = <i16>(i * 9000); u16[i] = <u16>(i * 9000); i32a[i] = i * 300000000; u32a[i] = <u32>i * 600000000;
    i64a[i] = <i64>i << 40; u64a[i] = <u64>i << 60; f32a[i] = <f32>i / 3; f64a[i] = <f64>i / 7;
  }
  h += <u32>i8.reduce<i32>((a: i32, x: i8): i32 => a + x, 0) + <u32>u8.reduce<i32>((a: i32, x: u8): i32 => a + x, 0);
  h += <u32>c8[7] + <u32>i16[7] + <u32>u16[7] + <u32>i32a[7] + u32a[7] + <u32>(i64a[7] >> 32) + <u32>(u64a[7] >> 56);
  h += <u32>(f32a.subarray(2, 5).reduce<f64>((a: f64, x: f32): f64 => a + x, 0.0) * 1000.0);
  f64a.sort((a: f64, b: f64): i32 => i32(b > a) - i32(b < a));
  h += <u32>(f64a[0] * 7.0) + <u32>f64a.indexOf(0.0);
  const sa = new StaticArray<string>(3);
  sa[0] = "x"; sa[1] = "yy"; sa[2] = "zzz";
  h += hashString(sa.join("+"));
  return h;
}

/** Map, Set of several key types; iteration; deletion. */
function collections(): u32 {
  let h: u32 = 0;
  const byName = new Map<string, Record>();
  const byId = new Map<i64, string>();
  const floats = new Map<f64, i32>();
  const seen = new Set<string>();
  const ids = new Set<u8>();
  for (let i = 0; i < 40; i++) {
    const name = "item" + i.toString();
    byName.set(name, new Record(name, <f64>i / 3.0, [name]));
    byId.set(<i64>i * 1000000007, name);
    floats.set(<f64>i * 0.5, i);
    seen.add(name.substring(0, 5));
    ids.add(<u8>(i % 7));
  }
  for (let i = 0; i < 40; i += 3) {
    byName.delete("item" + i.toString());
    byId.delete(<i64>i * 1000000007);
  }
  h += <u32>byName.size + <u32>byId.size + <u32>floats.size + <u32>seen.size + <u32>ids.size;
  const keys = byName.keys();
  keys.sort();
  h += hashString(keys.join(""));
  const values = byId.values();
  for (let i = 0; i < values.length; i++) h += hashString(values[i]);
  h += <u32>floats.get(7.5) + <u32>(byName.has("item4") ? 1 : 0) + <u32>(byName.has("item3") ? 2 : 0);
  return h;
}

/** Buffers: DataView in both byte orders, UTF-8 and UTF-16 round trips. */
function buffers(): u32 {
  let h: u32 = 0;
  const buf = new ArrayBuffer(64);
  const view = new DataView(buf);
  view.setInt32(0, 0x12345678, false);
  view.setInt32(4, 0x12345678, true);
  view.setFloat64(8, Math.PI, false);
  view.setInt64(16, -2, true);
  view.setUint16(24, 0xBEEF, false);
  view.setFloat32(28, 1.5, true);
  h += <u32>view.getUint8(0) + <u32>view.getUint8(4) + <u32>view.getInt16(24, true) + <u32>view.getInt64(16, true);
  h += <u32>(view.getFloat64(8, false) * 1e6) + <u32>view.getFloat32(28, true);
  const text = "UTF-8: ä€😀";
  const utf8 = String.UTF8.encode(text, true);
  h += <u32>utf8.byteLength + hashString(String.UTF8.decode(utf8, true));
  const utf16 = String.UTF16.encode(text);
  h += <u32>utf16.byteLength + hashString(String.UTF16.decode(utf16));
  const copy = buf.slice(4, 12);
  h += <u32>Uint8Array.wrap(copy)[0];
  return h;
}

/** Dates: construction, fields, formatting. */
function dates(): u32 {
  const d = new Date(1700000000000);
  let h: u32 = hashString(d.toISOString() + d.toUTCString() + d.toDateString() + d.toTimeString());
  h += <u32>d.getUTCFullYear() + <u32>d.getUTCMonth() + <u32>d.getUTCDate() + <u32>d.getUTCHours() + <u32>d.getUTCDay();
  d.setUTCMonth(1);
  d.setUTCDate(29);
  h += <u32>d.getUTCMonth() + <u32>(Date.parse("2024-02-29T12:00:00.000Z").getTime() / 1000);
  return h;
}

/** Runs every part; returns the parts' checksums added up. */
export function selfTest(): u32 {
  return strings() + numbers() + maths() + arrays() + collections() + buffers() + dates(); // @bp:self-test
}

/** Each part's checksum: 0 strings, 1 numbers, 2 maths, 3 arrays, 4 collections, 5 buffers, 6 dates. */
export function part(which: i32): u32 {
  switch (which) {
    case 0: return strings();
    case 1: return numbers();
    case 2: return maths();
    case 3: return arrays();
    case 4: return collections();
    case 5: return buffers();
    case 6: return dates();
  }
  return 0;
}
