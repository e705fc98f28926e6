// The default host for asc output, as the fixtures and the Node benchmark run it. It must match
// the Java engine's default host (dev.tricolor.wasm.host) exactly, because the fixtures record
// what a run under this host produced: same return values, same output text, same final memory.
// The exact rules are in README.md ("The default host"); change both sides together.
import { signatureText } from "./wasm-info.mjs";

/** What `env.seed` returns: Math.random() seeds itself from it, so every run draws the same numbers. */
export const FIXED_SEED = 42.0;
/** What `Date.now` returns: 2023-11-14T22:13:20.000Z, so programs that read the clock are deterministic. */
export const FIXED_DATE_NOW = 1700000000000.0;

/** Thrown by `env.abort`: an AssemblyScript `abort()`, a failed `assert`, an uncaught `throw`. */
export class GuestAbort extends Error {
  constructor(message, file, line, column) {
    super(`${message} in ${file}:${line}:${column}`);
    this.name = "GuestAbort";
    this.abortMessage = message;
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

// ╒══════════ AssemblyScript String (payload at ptr) ═════════════╕
// │ ... managed object header (20 bytes), last word: rtSize       │ ptr-4 = byte length
// ╞>ptr═══════════════════════════════════════════════════════════╡
// │ UTF-16LE code units, rtSize bytes                             │
// └───────────────────────────────────────────────────────────────┘
/** Decodes the String at `ptr` (null for a null pointer); code units are kept as they are (lone surrogates too). */
export function readString(memory, ptr) {
  if (ptr === 0) return null;
  const buf = memory.buffer;
  if (ptr < 4 || ptr > buf.byteLength) throw new Error(`string pointer 0x${ptr.toString(16)} outside memory`);
  const byteLength = new DataView(buf).getUint32(ptr - 4, true);
  if (ptr + byteLength > buf.byteLength || byteLength % 2 !== 0) {
    throw new Error(`string at 0x${ptr.toString(16)} has a bad length ${byteLength}`);
  }
  const units = new Uint16Array(buf.slice(ptr, ptr + byteLength));
  let s = "";
  for (let i = 0; i < units.length; i += 4096) s += String.fromCharCode(...units.subarray(i, i + 4096));
  return s;
}

/** `trace: MSG` then, when n > 0, a space and the first n of a0..a4 joined by ", " (JS number text). */
export function formatTrace(message, n, args) {
  const count = Math.max(0, Math.min(n | 0, 5));
  const tail = count > 0 ? " " + args.slice(0, count).map((a) => String(a)).join(", ") : "";
  return `trace: ${message}${tail}`;
}

/**
 * Builds the import object for a module's imports. `memoryRef.memory` is set once the instance
 * exists; `out` collects what the guest prints: { stdout: string, stderr: string }.
 * An import this host does not provide fails here, naming module, field and signature.
 */
export function createImports(imports, memoryRef, out) {
  const mem = () => memoryRef.memory;
  const print = (stream, text) => {
    out[stream] += text + "\n";
  };
  const provided = {
    "env.abort": (msg, file, line, column) => {
      throw new GuestAbort(readString(mem(), msg), readString(mem(), file), line, column);
    },
    "env.trace": (msg, n, a0, a1, a2, a3, a4) => print("stderr", formatTrace(readString(mem(), msg), n, [a0, a1, a2, a3, a4])),
    "env.seed": () => FIXED_SEED,
    "env.Date.now": () => FIXED_DATE_NOW,
    "env.console.log": (msg) => print("stdout", readString(mem(), msg)),
    "env.console.info": (msg) => print("stdout", readString(mem(), msg)),
    "env.console.debug": (msg) => print("stdout", readString(mem(), msg)),
    "env.console.warn": (msg) => print("stderr", readString(mem(), msg)),
    "env.console.error": (msg) => print("stderr", readString(mem(), msg)),
  };
  const result = {};
  for (const imp of imports) {
    const key = `${imp.module}.${imp.name}`;
    if (imp.kind !== "function" || !(key in provided)) {
      const what = imp.kind === "function" ? `function ${signatureText(imp.type)}` : imp.kind;
      throw new Error(`the default host has no import ${imp.module}.${imp.name} (${what})`);
    }
    (result[imp.module] ??= {})[imp.name] = provided[key];
  }
  return result;
}
