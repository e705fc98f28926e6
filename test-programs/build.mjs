// `npm run build`: compiles every test program and benchmark with the pinned asc (a --debug and
// an -O3 build, each with a source map), then runs each build under Node with the default host
// and writes the fixtures the Java engine is compared with, and bench/workloads.json.
//
//   node build.mjs              everything; files no longer produced are deleted
//   node build.mjs list gc      only these programs/benchmarks (nothing is deleted)
//   node build.mjs --no-fixtures
//
// The outputs are committed and must be byte-for-byte reproducible: a file is only rewritten
// when its content changes, and a gzip'd memory image is kept when its uncompressed bytes are
// the same (so a different zlib cannot make the committed files look stale).
import asc from "assemblyscript/asc";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { stringify } from "./lib/json.mjs";
import { runProgram } from "./lib/runner.mjs";

const ROOT = dirname(fileURLToPath(import.meta.url));
process.chdir(ROOT); // asc writes source paths relative to its base directory: keep them repository-relative

/** The two builds of every program: folder name and the asc flags that make it. */
const BUILDS = [
  { name: "debug", flags: ["--debug", "--sourceMap"] },
  { name: "release", flags: ["-O3", "--sourceMap"] },
];

// The same two builds against Tricolor's host runtime (rt/host.ts: allocation and collection
// done by the Java TLSF/ITCMS). Node cannot run them (it has no Java allocator), so they get no
// fixtures; the Java tests compare them with the builds above. Each gets the --stackSize that
// puts its __heap_base where the built-in runtime's build has it (its static data is smaller,
// the built-in runtime's own strings and list heads being absent), so the two heaps can be
// compared address for address.
const HOST_RUNTIME = "rt/host";
const HOST_BUILDS = BUILDS.map((b) => ({ name: `host/${b.name}`, flags: [...b.flags, "--runtime", HOST_RUNTIME], guest: b.name }));
const DEFAULT_STACK_SIZE = 32768;

const args = process.argv.slice(2);
const withFixtures = !args.includes("--no-fixtures");
const only = new Set(args.filter((a) => !a.startsWith("--")));
const written = new Set(); // every output path of this run, for the stale-file sweep

function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

// Committed outputs must not depend on where the repository lives (asc would leak an absolute
// path if a source were named by one).
const MACHINE_PATHS = [ROOT, dirname(ROOT)].filter((p) => p.length > 4).map((p) => Buffer.from(p));

function writeIfChanged(path, content) {
  written.add(path);
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  for (const p of MACHINE_PATHS) {
    if (bytes.includes(p)) throw new Error(`${path} would contain the machine path ${p}`);
  }
  if (existsSync(path) && readFileSync(path).equals(bytes)) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

/** Writes `bytes` gzip'd, unless the file there already holds exactly these bytes compressed. */
function writeGzipIfChanged(path, bytes) {
  written.add(path);
  if (existsSync(path)) {
    try {
      if (gunzipSync(readFileSync(path)).equals(Buffer.from(bytes))) return;
    } catch {
      // not a valid gzip file: rewrite it
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzipSync(bytes, { level: 9 }));
}

/** Tests find lines by their `// @bp:LABEL` comment, so a label must be unique in its file. */
function checkLabels(path) {
  const seen = new Map();
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      for (const m of line.matchAll(/\/\/ @bp:([\w-]+)/g)) {
        if (seen.has(m[1])) throw new Error(`${path}:${i + 1}: label @bp:${m[1]} already on line ${seen.get(m[1])}`);
        seen.set(m[1], i + 1);
      }
    });
}

/** A program or benchmark: `dir/NAME.ts` with its spec `dir/NAME.json`. */
function findUnits(dir, kind) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => {
      const name = f.slice(0, -3);
      const specPath = join(dir, name + ".json");
      if (!existsSync(specPath)) throw new Error(`${dir}/${f} has no ${specPath} (asc flags and run spec)`);
      const spec = JSON.parse(readFileSync(specPath, "utf8"));
      checkLabels(`${dir}/${f}`);
      const sub = kind === "bench" ? "bench/" : "";
      return { name, kind, source: `${dir}/${f}`, spec, sub };
    })
    .filter((u) => only.size === 0 || only.has(u.name));
}

/** asc's flags for a unit in a build: the build's, then the spec's (all builds, then this one). */
function ascFlags(unit, build) {
  const specBuild = build.guest ?? build.name;
  return [...build.flags, ...(unit.spec.asc ?? []), ...(unit.spec[`asc_${specBuild}`] ?? [])];
}

/**
 * A transform that records the static memory layout asc chose (the initial values of
 * __data_end and __heap_base, read from the Binaryen module before optimization); with `stop`
 * it ends the compilation there, for a quick layout-only pass.
 */
function layoutProbe(layout, stop) {
  return class {
    afterCompile(module) {
      const value = (name) => {
        const ref = module.getGlobal(name);
        return ref ? this.binaryen.getExpressionInfo(this.binaryen.getGlobalInfo(ref).init).value : null;
      };
      layout.dataEnd = value("~lib/memory/__data_end");
      layout.heapBase = value("~lib/memory/__heap_base");
      if (stop) throw new Error("layout probe: stop");
    }
  };
}

async function runAsc(argv, transforms) {
  const files = new Map();
  const stderr = asc.createMemoryStream();
  const result = await asc.main(argv, {
    stdout: asc.createMemoryStream(),
    stderr,
    transforms,
    writeFile: (name, contents) => {
      files.set(name, contents);
    },
  });
  return { result, files, stderr: stderr.toString() };
}

async function compile(unit, build, extraFlags = []) {
  const out = `build/${build.name}/${unit.sub}${unit.name}.wasm`;
  const flags = [...ascFlags(unit, build), ...extraFlags];
  const argv = [unit.source, ...flags, "--noColors", "-o", out];
  const layout = {};
  const { result, files, stderr } = await runAsc(argv, [layoutProbe(layout, false)]);
  if (result.error) throw new Error(`asc ${argv.join(" ")} failed:\n${stderr}`);
  for (const [name, contents] of files) {
    if (/^\/|\.\.\//.test(name)) throw new Error(`asc wrote outside test-programs: ${name}`);
    writeIfChanged(name, contents);
  }
  return { out, argv, bytes: files.get(out), layout };
}

/**
 * The host-runtime build of a unit, its __heap_base equal to `guestHeapBase` when its static data
 * allows it: a layout-only pass finds its __data_end, the real one sets --stackSize to the rest.
 */
async function compileHost(unit, build, guestHeapBase) {
  const layout = {};
  const argv = [unit.source, ...ascFlags(unit, build), "--noColors", "--noEmit"];
  const { result, stderr } = await runAsc(argv, [layoutProbe(layout, true)]);
  if (layout.dataEnd == null) throw new Error(`asc ${argv.join(" ")} failed:\n${stderr || result.error}`);
  const stackSize = guestHeapBase - layout.dataEnd;
  if (stackSize < DEFAULT_STACK_SIZE) {
    console.log(`${unit.source} (${build.name}): static data ends at ${layout.dataEnd}, past the guest build's; heap bases differ`);
    return compile(unit, build);
  }
  const compiled = await compile(unit, build, ["--stackSize", String(stackSize)]);
  if (compiled.layout.heapBase !== guestHeapBase) {
    throw new Error(`${unit.source} (${build.name}): __heap_base ${compiled.layout.heapBase}, expected ${guestHeapBase}`);
  }
  return compiled;
}

function writeFixture(unit, build, compiled) {
  const context = `${unit.source} (${build.name})`;
  const { record, memory, snapshots, problems } = runProgram(compiled.bytes, unit.spec, context);
  const base = `fixtures/${unit.sub}${unit.name}.${build.name}`;
  const memoryRecord = (bytes, file) => {
    writeGzipIfChanged(file, bytes);
    return { pages: bytes.length / 65536, byteLength: bytes.length, sha256: sha256(bytes), file: relative("fixtures", file) };
  };
  for (const s of snapshots) s.step.memory = memoryRecord(s.bytes, `${base}.${s.label}.mem.gz`);
  const fixture = {
    program: unit.name,
    build: build.name,
    wasm: compiled.out,
    wasmSha256: sha256(compiled.bytes),
    asc: compiled.argv.slice(1),
    ...record,
    memory: memory ? memoryRecord(memory, `${base}.mem.gz`) : null,
  };
  writeIfChanged(`${base}.json`, stringify(fixture) + "\n");
  if (problems.length) throw new Error(`${context} does not do what its spec expects:\n  ${problems.join("\n  ")}`);
}

/** Runs a benchmark's workload once and returns its checksum as a typed value. */
function workloadChecksum(unit, bytes, build) {
  const n = unit.spec.workload?.n;
  if (!Number.isInteger(n)) throw new Error(`${unit.source}: bench spec needs "workload": {"n": <int>}`);
  const { record } = runProgram(bytes, { run: [{ invoke: "run", args: [n] }] }, `${unit.source} (${build})`);
  const step = record.steps[0];
  if (step.outcome !== "return") throw new Error(`${unit.source} (${build}) run(${n}) failed: ${JSON.stringify(step)}`);
  return step.results[0];
}

function sweepStale(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sweepStale(path);
    else if (!written.has(path)) {
      rmSync(path);
      console.log(`removed stale ${path}`);
    }
  }
}

const started = Date.now();
const units = [...findUnits("programs", "program"), ...findUnits("bench", "bench")];
const workloads = [];
for (const unit of units) {
  const t0 = Date.now();
  let compileMs = 0;
  const heapBases = {};
  for (const build of BUILDS) {
    const c0 = Date.now();
    const compiled = await compile(unit, build);
    heapBases[build.name] = compiled.layout.heapBase;
    compileMs += Date.now() - c0;
    if (withFixtures) writeFixture(unit, build, compiled);
    // The workload's checksum comes from the release build (the debug build is several times
    // slower under Node); bench-node.mjs checks both builds against it.
    if (unit.kind === "bench" && withFixtures && build.name === "release") {
      const checksum = workloadChecksum(unit, compiled.bytes, build.name);
      workloads.push({ name: unit.name, description: unit.spec.description, n: unit.spec.workload.n, checksum });
    }
  }
  for (const build of HOST_BUILDS) {
    const c0 = Date.now();
    await compileHost(unit, build, heapBases[build.guest]);
    compileMs += Date.now() - c0;
  }
  console.log(`${unit.source}: ${Date.now() - t0} ms (compile ${compileMs} ms)`);
}
if (only.size === 0 && withFixtures) {
  writeIfChanged("bench/workloads.json", stringify({ export: "run", workloads }) + "\n");
  sweepStale("build");
  sweepStale("fixtures");
}
console.log(`built ${units.length} programs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
