// `npm run bench:node`: times every benchmark workload (bench/workloads.json) under Node's
// WebAssembly (V8), as the ceiling for the Java engine's benchmark. Each build is instantiated
// once; `run(n)` is called WARMUP times, then MEASURED times, and the median is printed with
// the min and max. Every call's checksum is checked against workloads.json.
//
//   npm run bench:node                      all workloads, release and debug builds
//   npm run bench:node -- fib nbody         only these
//   npm run bench:node -- --warmup 5 --iterations 15 --build release
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createImports } from "./lib/host.mjs";
import { readModuleInfo } from "./lib/wasm-info.mjs";
import { typed } from "./lib/runner.mjs";

const ROOT = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const options = { warmup: 3, iterations: 10, build: "release,debug" };
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) names.push(a);
    else if (a.slice(2) in options && i + 1 < argv.length) options[a.slice(2)] = argv[++i];
    else throw new Error(`unknown option ${a} (use --warmup N, --iterations N, --build release,debug)`);
  }
  return { ...options, names };
}
const args = parseArgs(process.argv.slice(2));
const warmup = Number(args.warmup);
const iterations = Number(args.iterations);
const builds = args.build.split(",");
const only = args.names;

const { workloads } = JSON.parse(readFileSync(join(ROOT, "bench/workloads.json"), "utf8"));

function instantiate(path) {
  const bytes = readFileSync(path);
  const out = { stdout: "", stderr: "" };
  const memoryRef = { memory: null };
  const imports = createImports(readModuleInfo(bytes).imports, memoryRef, out);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
  memoryRef.memory = instance.exports.memory;
  return instance;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

console.log(`node ${process.version}, warm-up ${warmup}, measured ${iterations} (ms per run(n))`);
console.log(["workload", "n", "build", "median", "min", "max"].map((h, i) => (i < 3 ? h.padEnd(12) : h.padStart(10))).join(""));
for (const w of workloads) {
  if (only.length && !only.includes(w.name)) continue;
  for (const build of builds) {
    const instance = instantiate(join(ROOT, "build", build, "bench", `${w.name}.wasm`));
    const call = () => {
      const result = typed(w.checksum.type, instance.exports.run(w.n));
      if (JSON.stringify(result) !== JSON.stringify(w.checksum)) {
        throw new Error(`${w.name} (${build}): checksum ${JSON.stringify(result)}, expected ${JSON.stringify(w.checksum)}`);
      }
    };
    for (let i = 0; i < warmup; i++) call();
    const times = [];
    for (let i = 0; i < iterations; i++) {
      const t0 = process.hrtime.bigint();
      call();
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const cells = [w.name.padEnd(12), String(w.n).padEnd(12), build.padEnd(12)];
    cells.push(...[median(times), Math.min(...times), Math.max(...times)].map((t) => t.toFixed(1).padStart(10)));
    console.log(cells.join(""));
  }
}
