// The response of the server's custom request `tricolor/heapMap` (DAP-CONTRACT.md, "Other
// requests"), and the parts of AssemblyScript's heap layout the heap view decodes itself.
// Shared by the extension host and the webview page: no Node, no VS Code, no DOM here.

/** GC colors as the contract names them, already resolved against the collector's white. */
export type GcColor = 'white' | 'black' | 'gray' | 'transparent';

export const GC_COLORS: readonly GcColor[] = ['white', 'black', 'gray', 'transparent'];

export interface HeapBlock {
  /** The block's start: the address of its mmInfo word. */
  readonly address: number;
  /** Every byte the block occupies, its 4-byte mmInfo included. */
  readonly size: number;
  readonly free: boolean;
  /** Null for free blocks. */
  readonly color: GcColor | null;
  /** The class name as written in the source (`Array<i32>`); null for free blocks. */
  readonly className: string | null;
  /** Runtime type id; null (or absent) for free blocks. */
  readonly rtId: number | null;
}

export interface HeapMap {
  readonly heapBase: number;
  readonly memorySize: number;
  /** In address order. */
  readonly blocks: readonly HeapBlock[];
  readonly gcState: string;
  readonly white: number;
}

/** A response that does not have the contract's shape; the message names the offending field. */
export class HeapMapFormatError extends Error {
  constructor(message: string) {
    super(`tricolor/heapMap: ${message}`);
    this.name = 'HeapMapFormatError';
  }
}

// Checked once at the edge, so the renderer can trust every field.
export function parseHeapMap(body: unknown): HeapMap {
  if (typeof body !== 'object' || body === null) {
    throw new HeapMapFormatError(`expected an object, got ${describe(body)}`);
  }
  const o = body as Record<string, unknown>;
  const heapBase = uint(o.heapBase, 'heapBase');
  const memorySize = uint(o.memorySize, 'memorySize');
  const white = uint(o.white, 'white');
  if (typeof o.gcState !== 'string') {
    throw new HeapMapFormatError(`gcState: expected a string, got ${describe(o.gcState)}`);
  }
  if (!Array.isArray(o.blocks)) {
    throw new HeapMapFormatError(`blocks: expected an array, got ${describe(o.blocks)}`);
  }
  const blocks: HeapBlock[] = [];
  let end = 0;
  o.blocks.forEach((raw, i) => {
    const block = parseBlock(raw, `blocks[${i}]`);
    if (block.address < end) {
      throw new HeapMapFormatError(
        `blocks[${i}]: address ${hex(block.address)} overlaps the previous block, which ends at ${hex(end)} (blocks must be in address order)`);
    }
    if (block.address + block.size > memorySize) {
      throw new HeapMapFormatError(
        `blocks[${i}]: block ${hex(block.address)}+${block.size} ends beyond memorySize ${memorySize}`);
    }
    end = block.address + block.size;
    blocks.push(block);
  });
  return { heapBase, memorySize, blocks, gcState: o.gcState, white };
}

function parseBlock(raw: unknown, where: string): HeapBlock {
  if (typeof raw !== 'object' || raw === null) {
    throw new HeapMapFormatError(`${where}: expected an object, got ${describe(raw)}`);
  }
  const b = raw as Record<string, unknown>;
  const address = uint(b.address, `${where}.address`);
  const size = uint(b.size, `${where}.size`);
  if (size === 0) throw new HeapMapFormatError(`${where}.size: a block has at least its mmInfo word, got 0`);
  if (typeof b.free !== 'boolean') {
    throw new HeapMapFormatError(`${where}.free: expected a boolean, got ${describe(b.free)}`);
  }
  if (b.free) {
    return { address, size, free: true, color: null, className: null, rtId: null };
  }
  if (typeof b.color !== 'string' || !(GC_COLORS as readonly string[]).includes(b.color)) {
    throw new HeapMapFormatError(`${where}.color: expected one of ${GC_COLORS.join(', ')} for a used block, got ${describe(b.color)}`);
  }
  if (b.className !== null && typeof b.className !== 'string') {
    throw new HeapMapFormatError(`${where}.className: expected a string or null, got ${describe(b.className)}`);
  }
  const rtId = b.rtId === null || b.rtId === undefined ? null : uint(b.rtId, `${where}.rtId`);
  return { address, size, free: false, color: b.color as GcColor, className: b.className, rtId };
}

function uint(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new HeapMapFormatError(`${field}: expected a non-negative integer, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

export function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

// The managed object header, as AssemblyScript 0.28's rt/common.ts lays it out. A block's
// address (what `tricolor/heapMap` gives) points at mmInfo; the payload follows the header.
//
//   block address                                   payload = block address + 20
//   │                                               │
//   ├─────────┬──────────────┬─────────┬──────┬──────┼──────────────
//   │ mmInfo  │ gcInfo       │ gcInfo2 │ rtId │rtSize│ payload ...
//   │ size|L|F│ next | color │ prev    │      │      │
//   └─────────┴──────────────┴─────────┴──────┴──────┴──────────────
//    +0        +4             +8        +12    +16
//
//   mmInfo:  bits 31..2 size of the block after the mmInfo word, bit 1 LEFTFREE, bit 0 FREE
//   gcInfo:  bits 31..2 next object in its ITCMS list, bits 1..0 color
//   gcInfo2: the previous object in its ITCMS list
//   color:   equal to `white` = white, the other of 0/1 = black, 2 = gray, 3 = transparent
export const HEADER_SIZE = 20;
export const PAYLOAD_OFFSET = HEADER_SIZE;

export interface ObjectHeader {
  readonly mmInfo: number;
  readonly blockSize: number;
  readonly free: boolean;
  readonly leftFree: boolean;
  readonly gcInfo: number;
  readonly next: number;
  readonly color: GcColor;
  readonly prev: number;
  readonly rtId: number;
  readonly rtSize: number;
}

export function decodeHeader(bytes: Uint8Array, white: number): ObjectHeader {
  if (bytes.length < HEADER_SIZE) {
    throw new RangeError(`an object header has ${HEADER_SIZE} bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_SIZE);
  const word = (offset: number) => view.getUint32(offset, true);
  const mmInfo = word(0);
  const gcInfo = word(4);
  return {
    mmInfo,
    blockSize: (mmInfo & ~3) >>> 0,
    free: (mmInfo & 1) !== 0,
    leftFree: (mmInfo & 2) !== 0,
    gcInfo,
    next: (gcInfo & ~3) >>> 0,
    color: colorOf(gcInfo & 3, white),
    prev: word(8),
    rtId: word(12),
    rtSize: word(16),
  };
}

export function colorOf(bits: number, white: number): GcColor {
  if (bits === 3) return 'transparent';
  if (bits === 2) return 'gray';
  return bits === white ? 'white' : 'black';
}

/**
 * The memoryReference of a linear memory address, as the adapter writes its own ("0x" and
 * lowercase hex digits, no padding). The contract does not fix this yet: see the report.
 */
export function memoryReferenceOf(address: number): string {
  return `0x${address.toString(16)}`;
}
