// Runs a compiled program under Node's WebAssembly with the default host and records what
// happened, step by step, as typed values: the fixture the Java engine's run is compared with.
// Format: README.md ("Fixtures").
import { createImports, readString, GuestAbort, FIXED_SEED, FIXED_DATE_NOW } from "./host.mjs";
import { readModuleInfo } from "./wasm-info.mjs";

// V8's trap messages, mapped to the WebAssembly specification's words (dev.tricolor.wasm.exec.TrapKind).
const TRAP_WORDS = new Map([
  ["unreachable", "unreachable"],
  ["memory access out of bounds", "out of bounds memory access"],
  ["divide by zero", "integer divide by zero"],
  ["remainder by zero", "integer divide by zero"],
  ["divide result unrepresentable", "integer overflow"],
  ["table index is out of bounds", "undefined element"],
  ["null function or function signature mismatch", "indirect call type mismatch"],
  ["function signature mismatch", "indirect call type mismatch"],
]);

const f32 = new Float32Array(1);
const f32bits = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64bits = new BigUint64Array(f64.buffer);

function parseFloatArg(v) {
  if (typeof v === "number") return v;
  const special = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };
  if (typeof v === "string" && v in special) return special[v];
  throw new Error(`bad float argument ${JSON.stringify(v)}`);
}

/** A run-spec argument as the JS value the export takes. */
function toJs(type, v) {
  switch (type) {
    case "i32":
      if (!Number.isInteger(v)) throw new Error(`bad i32 argument ${JSON.stringify(v)}`);
      return v | 0;
    case "i64":
      return BigInt.asIntN(64, BigInt(v));
    case "f32":
      return Math.fround(parseFloatArg(v));
    case "f64":
      return parseFloatArg(v);
    default:
      throw new Error(`unsupported parameter type ${type}`);
  }
}

function floatValue(x) {
  return Number.isFinite(x) ? x : String(x);
}

/** A JS value of a wasm type as a fixture value: exact bits for floats, decimal text for i64. */
export function typed(type, v) {
  switch (type) {
    case "i32":
      return { type, value: v | 0 };
    case "i64":
      return { type, value: BigInt.asIntN(64, v).toString() };
    case "f32":
      f32[0] = v;
      return { type, bits: "0x" + f32bits[0].toString(16).padStart(8, "0"), value: floatValue(v) };
    case "f64":
      f64[0] = v;
      return { type, bits: "0x" + f64bits[0].toString(16).padStart(16, "0"), value: floatValue(v) };
    default:
      throw new Error(`unsupported result type ${type}`);
  }
}

// V8 says this for a NaN (the spec's "invalid conversion to integer") and for a value outside the
// integer's range ("integer overflow") alike. The step's float argument tells them apart: it is
// the value the program truncates, or the one a NaN came from (arithmetic keeps a NaN a NaN).
const FLOAT_TRUNC_MESSAGE = "float unrepresentable in integer range";

/** The spec's words for V8's FLOAT_TRUNC_MESSAGE in a call with these arguments. */
function floatTruncTrap(args, params) {
  const floats = args.filter((_, k) => params[k] === "f32" || params[k] === "f64");
  if (floats.length === 0) {
    throw new Error(`V8's "${FLOAT_TRUNC_MESSAGE}" in a call without a float argument: `
      + `"integer overflow" and "invalid conversion to integer" cannot be told apart`);
  }
  return floats.some(Number.isNaN) ? "invalid conversion to integer" : "integer overflow";
}

/** How a call ended: return, trap (spec words) or abort (decoded message and position). */
function outcomeOf(error, args, params) {
  if (error instanceof GuestAbort) {
    return {
      outcome: "abort",
      abort: { message: error.abortMessage, file: error.file, line: error.line, column: error.column },
    };
  }
  if (error instanceof WebAssembly.RuntimeError && error.message === FLOAT_TRUNC_MESSAGE) {
    return { outcome: "trap", trap: floatTruncTrap(args, params), nodeMessage: error.message };
  }
  if (error instanceof WebAssembly.RuntimeError) {
    const kind = TRAP_WORDS.get(error.message);
    if (!kind) throw new Error(`unmapped V8 trap message "${error.message}"`);
    return { outcome: "trap", trap: kind, nodeMessage: error.message };
  }
  if (error instanceof RangeError && /Maximum call stack size exceeded/.test(error.message)) {
    return { outcome: "trap", trap: "call stack exhausted", nodeMessage: error.message };
  }
  throw error; // a bug of this script or the host, not of the guest
}

/** Checks a step's recorded outcome against the run spec's `expect`; returns a problem or null. */
function checkExpectation(step, expect) {
  if (expect === undefined) return null;
  if (expect !== null && typeof expect === "object") {
    if ("trap" in expect) return step.trap === expect.trap ? null : `expected trap "${expect.trap}"`;
    if ("abort" in expect) return step.abort?.message === expect.abort ? null : `expected abort "${expect.abort}"`;
    throw new Error(`bad expect ${JSON.stringify(expect)}`);
  }
  if (step.outcome !== "return") return `expected ${JSON.stringify(expect)}`;
  const r = step.results[0];
  if (r === undefined) return expect === null ? null : `expected ${JSON.stringify(expect)}, got no result`;
  // Exact: an expected value is converted like an argument, then compared as a typed value
  // (floats by their bits, so -0 and 0 differ; NaN compares by NaN-ness only).
  const want = typed(r.type, toJs(r.type, expect));
  if ((r.type === "f32" || r.type === "f64") && want.value === "NaN") return r.value === "NaN" ? null : "expected NaN";
  return JSON.stringify(want) === JSON.stringify(r) ? null : `expected ${JSON.stringify(want)}`;
}

/**
 * Instantiates `bytes` and runs `spec.run` in order on one instance (a step after a trap runs on
 * the same instance, as a debugger session would). Returns { record, memory, snapshots } where
 * memory and snapshots' bytes are Uint8Arrays copied from the exported memory.
 */
export function runProgram(bytes, spec, context) {
  const info = readModuleInfo(bytes);
  const out = { stdout: "", stderr: "" };
  const memoryRef = { memory: null };
  const takeOutput = () => {
    const o = { stdout: out.stdout, stderr: out.stderr };
    out.stdout = out.stderr = "";
    return o;
  };
  const imports = createImports(info.imports, memoryRef, out);
  let instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
  } catch (e) {
    throw new Error(`${context}: instantiation failed: ${e.message}`);
  }
  memoryRef.memory = instance.exports.memory ?? null;
  const record = {
    host: { seed: FIXED_SEED, dateNow: FIXED_DATE_NOW },
    instantiate: { outcome: "return", ...takeOutput() },
    steps: [],
  };
  const snapshots = [];
  const problems = [];
  for (const [i, s] of (spec.run ?? []).entries()) {
    const exp = info.exports.get(s.invoke);
    if (!exp || exp.kind !== "function") throw new Error(`${context}: run step ${i}: no exported function "${s.invoke}"`);
    const { params, results } = exp.type;
    const args = s.args ?? [];
    if (args.length !== params.length) {
      throw new Error(`${context}: run step ${i}: ${s.invoke} takes ${params.length} arguments, the spec gives ${args.length}`);
    }
    const jsArgs = args.map((a, k) => toJs(params[k], a));
    const step = { invoke: s.invoke, args: jsArgs.map((a, k) => typed(params[k], a)) };
    try {
      const r = instance.exports[s.invoke](...jsArgs);
      const values = results.length === 0 ? [] : results.length === 1 ? [r] : r;
      Object.assign(step, { outcome: "return", results: values.map((v, k) => typed(results[k], v)) });
    } catch (e) {
      try {
        Object.assign(step, outcomeOf(e, jsArgs, params));
      } catch (bad) {
        throw new Error(`${context}: run step ${i} (${s.invoke}): ${bad.message}`, { cause: bad });
      }
    }
    if (s.decode === "string" && step.outcome === "return") step.text = readString(memoryRef.memory, step.results[0].value >>> 0);
    Object.assign(step, takeOutput());
    if (s.snapshot) {
      step.snapshot = s.snapshot;
      snapshots.push({ label: s.snapshot, step, bytes: copyMemory(memoryRef.memory) });
    }
    let problem = checkExpectation(step, s.expect);
    if (!problem && s.expectText !== undefined && step.text !== s.expectText) problem = `expected text ${JSON.stringify(s.expectText)}`;
    if (problem) problems.push(`run step ${i} (${s.invoke}): ${problem}, got ${JSON.stringify(step)}`);
    record.steps.push(step);
  }
  return { record, memory: copyMemory(memoryRef.memory), snapshots, problems };
}

function copyMemory(memory) {
  return memory ? new Uint8Array(memory.buffer.slice(0)) : null;
}
