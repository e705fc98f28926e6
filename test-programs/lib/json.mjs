// JSON text for committed files: objects and arrays that fit on one line stay on one line, so a
// fixture reads like a table and diffs stay small; deterministic for a given value.
const WIDTH = 100;

export function stringify(value, indent = "") {
  const flat = JSON.stringify(value);
  if (flat === undefined || flat.length + indent.length <= WIDTH || value === null || typeof value !== "object") {
    return flat;
  }
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + stringify(v, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringify(v, inner)}`).join(",\n")}\n${indent}}`;
}
