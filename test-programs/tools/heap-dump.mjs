// Writes the memory and the runtime globals of test programs, as Node runs them, at chosen
// points: the Java heap readers are then run on these dumps and on the engine's own memory at the
// same points, and must find the same heap.
//
//   node tools/heap-dump.mjs [--check] [NAME...]
//
// Dumps are listed in tools/heap-dumps.json:
//   { "name": "list-built",                 output: heap-dumps/list-built.{json,memory.gz}
//     "program": "list",                    build/debug/list.wasm (asc --debug: has names)
//     "calls": [ { "export": "build", "args": [10] }, ... ],   run in order after instantiation
//     "at": { "function": "programs/list/checkpoint", "hit": 1 } }   optional
// With "at", the dump is taken on entry to that function (name-section name) the hit-th time it
// is entered during the calls (not during the start function, which runs before Node hands out
// the instance); the remaining calls are not run. A call that aborts or traps records {abort: MESSAGE} or
// {trap: SPEC WORDS} and the next call runs on the same instance.
// Without it, the dump is taken after the last call.
//
// Node cannot read a module's internal globals, so binaryen (shipped with asc) adds an export for
// each global (named in the name section) and, for "at", a call to an imported
// tricolor.snapshot() at the function's entry. Neither allocates nor touches memory, so the heap
// is the program's own.
//
// Output, in heap-dumps/: NAME.memory.gz (linear memory, gzip) and NAME.json { program, calls, at, memorySize,
// globals: { "~lib/rt/tlsf/ROOT": n, "programs/list/head": n, ... } (i32 as u32, i64 as a
// decimal string), results: [ per completed call ] }. The runtime's globals are those of
// RuntimeGlobals.NAMES on the Java side.
// With --check nothing is written; the exit code says whether the files are current.
import binaryen from "binaryen";
import { createImports, GuestAbort } from "../lib/host.mjs";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync, gunzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dumps = join(root, "heap-dumps");

class Snapshot extends Error {}

// V8's messages for the traps a heap scenario hits, in the specification's words (as TrapKind).
const TRAP_WORDS = { unreachable: "unreachable", "memory access out of bounds": "out of bounds memory access" };

function instrument(wasm, at) {
  const mod = binaryen.readBinary(wasm);
  mod.setFeatures(binaryen.Features.All);
  // Every named global (the runtime's and the program's own, so tests can follow a program's
  // roots), each under a fresh export name.
  const exported = [];
  for (let i = 0, n = mod.getNumGlobals(); i < n; i++) {
    const info = binaryen.getGlobalInfo(mod.getGlobalByIndex(i));
    if (info.module) continue; // imported: not ours to export again
    const exp = `__tricolor_global_${i}`;
    mod.addGlobalExport(info.name, exp);
    exported.push([info.name, exp, info.type]);
  }
  if (at) {
    const fn = mod.getFunction(at.function);
    if (!fn) throw new Error(`no function named ${at.function} in the name section`);
    const info = binaryen.getFunctionInfo(fn);
    if (!info.body) throw new Error(`${at.function} is an import, not a function with a body`);
    mod.addFunctionImport("__tricolor_snapshot", "tricolor", "snapshot", binaryen.none, binaryen.none);
    const call = mod.call("__tricolor_snapshot", [], binaryen.none);
    binaryen.Function.setBody(fn, mod.block(null, [call, info.body], info.results));
  }
  if (!mod.validate()) throw new Error("instrumented module does not validate");
  const out = mod.emitBinary();
  mod.dispose();
  return { wasm: out, exported };
}

async function dump(spec) {
  const wasmPath = join(root, "build", "debug", `${spec.program}.wasm`);
  const { wasm, exported } = instrument(readFileSync(wasmPath), spec.at);
  let instance;
  let hits = 0;
  let taken = null;
  const take = () => {
    const memory = instance.exports.memory;
    const globals = {};
    for (const [name, exp, type] of exported) {
      const v = instance.exports[exp].value;
      globals[name] = type === binaryen.i32 ? v >>> 0 : typeof v === "bigint" ? v.toString() : v;
    }
    taken = { memory: new Uint8Array(memory.buffer.slice(0)), globals };
  };
  // The fixtures' default host (lib/host.mjs), which the Java engine's AscHost matches, plus the
  // snapshot hook.
  const compiled = await WebAssembly.compile(wasm);
  const memoryRef = { memory: null };
  const out = { stdout: "", stderr: "" };
  const programImports = WebAssembly.Module.imports(compiled).filter((i) => i.module !== "tricolor");
  const imports = createImports(programImports, memoryRef, out);
  imports.tricolor = {
    snapshot() {
      if (++hits === (spec.at.hit ?? 1)) {
        take();
        throw new Snapshot();
      }
    },
  };
  const results = [];
  try {
    instance = await WebAssembly.instantiate(compiled, imports);
    memoryRef.memory = instance.exports.memory;
    for (const call of spec.calls ?? []) {
      const f = instance.exports[call.export];
      if (typeof f !== "function") throw new Error(`${spec.program} exports no function ${call.export}`);
      try {
        const r = f(...(call.args ?? []));
        results.push(r === undefined ? null : typeof r === "bigint" ? r.toString() : r);
      } catch (e) {
        // an abort or a trap ends the call, not the instance (memory stays as the trap left it)
        if (e instanceof GuestAbort) results.push({ abort: e.abortMessage });
        else if (e instanceof WebAssembly.RuntimeError && TRAP_WORDS[e.message]) results.push({ trap: TRAP_WORDS[e.message] });
        else throw e;
      }
    }
  } catch (e) {
    if (!(e instanceof Snapshot)) throw e;
  }
  if (spec.at && !taken) {
    throw new Error(`${spec.name}: ${spec.at.function} was entered ${hits} time(s), never the ${spec.at.hit ?? 1}th`);
  }
  if (!taken) take();
  const json = {
    program: spec.program,
    calls: spec.calls ?? [],
    at: spec.at ?? null,
    memorySize: taken.memory.length,
    globals: taken.globals,
    results,
  };
  return { json: JSON.stringify(json, null, 2) + "\n", memory: gzipSync(taken.memory, { level: 9 }) };
}

const args = process.argv.slice(2);
const check = args.includes("--check");
const names = args.filter((a) => !a.startsWith("--"));
const specs = JSON.parse(readFileSync(join(root, "tools", "heap-dumps.json"), "utf8"));
let stale = 0;
mkdirSync(dumps, { recursive: true });
for (const spec of specs) {
  if (names.length && !names.includes(spec.name)) continue;
  const { json, memory } = await dump(spec);
  const jsonPath = join(dumps, `${spec.name}.json`);
  const memPath = join(dumps, `${spec.name}.memory.gz`);
  if (check) {
    const same =
      existsSync(jsonPath) && readFileSync(jsonPath, "utf8") === json &&
      existsSync(memPath) && Buffer.compare(gunzipSync(readFileSync(memPath)), gunzipSync(memory)) === 0;
    if (!same) {
      console.error(`heap-dump: ${spec.name} is stale`);
      stale++;
    }
  } else {
    // Rewrite only what changed (a gzip stream is kept when its bytes decompress the same), so a
    // rebuild leaves the committed files untouched.
    if (!existsSync(jsonPath) || readFileSync(jsonPath, "utf8") !== json) writeFileSync(jsonPath, json);
    const raw = gunzipSync(memory);
    if (!existsSync(memPath) || !gunzipSync(readFileSync(memPath)).equals(raw)) writeFileSync(memPath, memory);
    console.log(`heap-dump: ${spec.name} (${raw.length} bytes of memory)`);
  }
}
if (!check && !names.length) {
  // a dump no longer listed is removed, as build.mjs does with its own outputs
  const listed = new Set(specs.flatMap((s) => [`${s.name}.json`, `${s.name}.memory.gz`]));
  for (const f of readdirSync(dumps)) if (!listed.has(f)) rmSync(join(dumps, f));
}
process.exit(stale ? 1 : 0);
