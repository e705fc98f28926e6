// Reads the little a fixture runner needs from a WebAssembly binary that Node's JS API does not
// tell: the signature of every exported function (so arguments and results can be typed exactly,
// i64 as BigInt, f32 rounded) and the import list with signatures (to name what a host lacks).
// Only the type, import, function and export sections are decoded; everything else is skipped.

const VALTYPES = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128", 0x70: "funcref", 0x6f: "externref" };

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.pos = 0;
  }
  byte() {
    if (this.pos >= this.bytes.length) throw new Error(`unexpected end of module at 0x${this.pos.toString(16)}`);
    return this.bytes[this.pos++];
  }
  u32() {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
      if (shift > 28) throw new Error(`u32 LEB128 too long at 0x${this.pos.toString(16)}`);
    }
  }
  name() {
    const len = this.u32();
    const s = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + len));
    this.pos += len;
    return s;
  }
  valtype() {
    const b = this.byte();
    const t = VALTYPES[b];
    if (!t) throw new Error(`unknown value type 0x${b.toString(16)} at 0x${(this.pos - 1).toString(16)}`);
    return t;
  }
  limits() {
    const flags = this.byte();
    const min = this.u32();
    const max = flags & 1 ? this.u32() : null;
    return { min, max };
  }
}

/**
 * Returns { imports: [{module, name, kind, type?}], exports: Map(name -> {kind, type?}) } where a
 * function's type is { params: [valtype], results: [valtype] }.
 */
export function readModuleInfo(bytes) {
  const r = new Reader(bytes);
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const m of magic) if (r.byte() !== m) throw new Error("not a WebAssembly 1.0 binary");
  const types = [];
  const funcTypes = []; // per function index: imported functions first
  const imports = [];
  const exports = new Map();
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        if (r.byte() !== 0x60) throw new Error("function type expected");
        const params = Array.from({ length: r.u32() }, () => r.valtype());
        const results = Array.from({ length: r.u32() }, () => r.valtype());
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        const module = r.name();
        const name = r.name();
        const kind = r.byte();
        if (kind === 0) {
          const type = types[r.u32()];
          funcTypes.push(type);
          imports.push({ module, name, kind: "function", type });
        } else if (kind === 1) {
          r.valtype();
          r.limits();
          imports.push({ module, name, kind: "table" });
        } else if (kind === 2) {
          imports.push({ module, name, kind: "memory", limits: r.limits() });
        } else if (kind === 3) {
          const type = r.valtype();
          const mutable = r.byte() === 1;
          imports.push({ module, name, kind: "global", type, mutable });
        } else {
          throw new Error(`unknown import kind ${kind}`);
        }
      }
    } else if (id === 3) {
      for (let n = r.u32(); n > 0; n--) funcTypes.push(types[r.u32()]);
    } else if (id === 7) {
      for (let n = r.u32(); n > 0; n--) {
        const name = r.name();
        const kind = r.byte();
        const index = r.u32();
        if (kind === 0) exports.set(name, { kind: "function", type: funcTypes[index] });
        else exports.set(name, { kind: ["function", "table", "memory", "global"][kind] });
      }
    }
    r.pos = end;
  }
  return { imports, exports };
}

export function signatureText(type) {
  return `(${type.params.join(", ")}) -> (${type.results.join(", ")})`;
}
