// The heap picture: linear memory from the first heap block to the last, drawn row by row
// at a fixed number of bytes per pixel, so a block's width is its size and its position is
// its address. Pure: data in, SVG out; it knows nothing of VS Code or of messages.
//
//   gutter   x = (address - origin) % bytesPerRow / bytesPerPixel
//   ┌────────┬──────────────────────────────────────────────────────┐
//   │00001040│[Node][Node][ free      ][String][Array<i32>    ][Nod│  row 0
//   │00001840│e   ][ free                                          ]│  row 1  (a block that
//   └────────┴──────────────────────────────────────────────────────┘   crosses a row edge
//                                                                        is drawn in pieces)

import { GcColor, HeapBlock, HeapMap, hex } from '../shared/heapMap.js';

export type ColorScheme = 'gc' | 'class';

export interface PictureOptions {
  /** Width of the drawing area in pixels, address gutter excluded. */
  readonly width: number;
  /** Bytes one pixel stands for; `auto` picks the smallest power of two that fits maxRows. */
  readonly bytesPerPixel: number | 'auto';
  readonly rowHeight: number;
  readonly maxRows: number;
  readonly colorBy: ColorScheme;
  /** The block drawn as selected (its address), if any. */
  readonly selected?: number;
}

export const DEFAULT_OPTIONS: PictureOptions = {
  width: 512,
  bytesPerPixel: 'auto',
  rowHeight: 18,
  maxRows: 64,
  colorBy: 'gc',
};

export const GUTTER_WIDTH = 76;
const ROW_GAP = 3;
const LABEL_MIN_WIDTH = 44;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Fill colors by GC color. Free blocks are hatched gray in every scheme. */
export const GC_FILL: Readonly<Record<GcColor, string>> = {
  white: '#ffffff',
  gray: '#9e9e9e',
  black: '#262626',
  transparent: '#6fa8dc',
};
export const FREE_FILL = '#d9d9d9';

export interface Segment {
  readonly block: HeapBlock;
  readonly index: number;
  readonly row: number;
  readonly x: number;
  readonly width: number;
}

export interface Layout {
  readonly origin: number;
  readonly bytesPerPixel: number;
  readonly bytesPerRow: number;
  readonly rows: number;
  readonly segments: readonly Segment[];
}

export function layoutHeap(map: HeapMap, options: PictureOptions): Layout {
  const width = Math.max(16, Math.floor(options.width));
  const blocks = map.blocks;
  // Rows start on a multiple of the row size below the first block, so addresses read well.
  const first = blocks.length > 0 ? blocks[0].address : map.heapBase;
  const last = blocks.length > 0 ? blocks[blocks.length - 1].address + blocks[blocks.length - 1].size : map.heapBase;
  const bytesPerPixel = options.bytesPerPixel === 'auto'
    ? autoBytesPerPixel(last - first, width, options.maxRows)
    : options.bytesPerPixel;
  const bytesPerRow = width * bytesPerPixel;
  const origin = first - (first % bytesPerRow);
  const segments: Segment[] = [];
  blocks.forEach((block, index) => {
    let start = block.address;
    const end = block.address + block.size;
    while (start < end) {
      const row = Math.floor((start - origin) / bytesPerRow);
      const rowEnd = origin + (row + 1) * bytesPerRow;
      const pieceEnd = Math.min(end, rowEnd);
      const x = (start - origin - row * bytesPerRow) / bytesPerPixel;
      segments.push({ block, index, row, x, width: (pieceEnd - start) / bytesPerPixel });
      start = pieceEnd;
    }
  });
  const rows = Math.max(1, Math.ceil((last - origin) / bytesPerRow));
  return { origin, bytesPerPixel, bytesPerRow, rows, segments };
}

function autoBytesPerPixel(span: number, width: number, maxRows: number): number {
  let bpp = 1;
  while (span / (width * bpp) > maxRows && bpp < 1 << 20) bpp *= 2;
  return bpp;
}

export function fillOf(block: HeapBlock, colorBy: ColorScheme): string {
  if (block.free) return FREE_FILL;
  if (colorBy === 'class') return classFill(block.rtId ?? 0);
  return GC_FILL[block.color ?? 'white'];
}

// One color per class id, stable across stops (a module's ids do not change). Hues step by
// the golden angle, so the few ids of a program land far apart on the wheel.
export function classFill(rtId: number): string {
  return `hsl(${Math.round((rtId * 137.508) % 360)}, 60%, 60%)`;
}

export function labelOf(block: HeapBlock): string {
  if (block.free) return 'free';
  return block.className ?? `rtId ${block.rtId ?? '?'}`;
}

export function describeBlock(block: HeapBlock): string {
  return block.free
    ? `free block at ${hex(block.address)}, ${block.size} bytes`
    : `${labelOf(block)} at ${hex(block.address)}, ${block.size} bytes, ${block.color}`;
}

// Blocks at least this wide get their own element (clickable, labelled when wider still).
// Narrower pieces, which a zoomed-out picture of a big heap is mostly made of, are drawn per
// pixel instead: each pixel column of a row takes the fill of the block with most bytes in
// it, and equal neighbours merge into one rectangle of one path per fill. The element count
// is then bounded by the picture's size, not by the number of objects.
export const WIDE_MIN = 3;

/**
 * Draws the picture. Wide block pieces are `g.block` elements with data-* attributes naming
 * the block; narrow ones are merged into `path.narrow` per fill. `blockAt` finds the block
 * under a point for either.
 */
export function renderHeapPicture(doc: Document, map: HeapMap, options: PictureOptions): SVGSVGElement {
  const layout = layoutHeap(map, options);
  const rowStep = options.rowHeight + ROW_GAP;
  const svg = svgElement(doc, 'svg', {
    class: 'heap-picture',
    width: GUTTER_WIDTH + Math.ceil(layout.bytesPerRow / layout.bytesPerPixel),
    height: layout.rows * rowStep,
    'data-bytes-per-pixel': layout.bytesPerPixel,
    'data-rows': layout.rows,
    'data-origin': layout.origin,
    'data-bytes-per-row': layout.bytesPerRow,
    role: 'img',
    'aria-label': `heap: ${map.blocks.length} blocks`,
  });
  svg.append(hatchPattern(doc));
  for (let row = 0; row < layout.rows; row++) {
    const label = svgElement(doc, 'text', {
      class: 'row-address', x: 0, y: row * rowStep + options.rowHeight - 5,
    });
    label.textContent = (layout.origin + row * layout.bytesPerRow).toString(16).padStart(8, '0');
    svg.append(label);
  }
  const narrow = new NarrowPieces(options.rowHeight, rowStep);
  const selection: Segment[] = [];
  for (const segment of layout.segments) {
    if (options.selected === segment.block.address) selection.push(segment);
    if (segment.width >= WIDE_MIN) {
      svg.append(renderSegment(doc, segment, options, rowStep));
    } else {
      narrow.add(segment, fillOf(segment.block, options.colorBy));
    }
  }
  for (const [fill, d] of narrow.paths()) {
    svg.append(svgElement(doc, 'path', {
      class: 'narrow', d, fill: fill === FREE_FILL ? 'url(#free-hatch)' : fill, 'data-fill': fill,
    }));
  }
  // The selection is outlined on top, at least 3px wide so a tiny object stays visible.
  for (const segment of selection) {
    const width = Math.max(segment.width, WIDE_MIN);
    svg.append(svgElement(doc, 'rect', {
      class: 'selection', x: GUTTER_WIDTH + segment.x - (width - segment.width) / 2, y: segment.row * rowStep,
      width, height: options.rowHeight, 'data-address': segment.block.address,
    }));
  }
  return svg;
}

// Per row, per pixel column: the fill with the most bytes. Pixels are flushed when the row
// changes, merging runs of one fill.
class NarrowPieces {
  private readonly byFill = new Map<string, string[]>();
  private row = -1;
  private columns = new Map<number, Map<string, number>>();

  constructor(private readonly rowHeight: number, private readonly rowStep: number) {}

  add(segment: Segment, fill: string): void {
    if (segment.row !== this.row) this.flush();
    this.row = segment.row;
    // Spread the piece's pixels (a piece may straddle two columns) by coverage.
    let x = segment.x;
    const end = segment.x + segment.width;
    while (x < end) {
      const column = Math.floor(x);
      const next = Math.min(end, column + 1);
      const weights = this.columns.get(column) ?? new Map<string, number>();
      weights.set(fill, (weights.get(fill) ?? 0) + (next - x));
      this.columns.set(column, weights);
      x = next;
    }
  }

  paths(): [string, string][] {
    this.flush();
    return [...this.byFill.entries()].map(([fill, parts]) => [fill, parts.join('')]);
  }

  private flush(): void {
    if (this.columns.size === 0) return;
    const y = this.row * this.rowStep;
    let runStart = -1;
    let runEnd = -1;
    let runFill = '';
    const emit = () => {
      if (runStart < 0) return;
      const parts = this.byFill.get(runFill) ?? [];
      parts.push(`M${GUTTER_WIDTH + runStart} ${y}h${runEnd - runStart}v${this.rowHeight}h${runStart - runEnd}z`);
      this.byFill.set(runFill, parts);
    };
    for (const column of [...this.columns.keys()].sort((a, b) => a - b)) {
      let best = '';
      let most = -1;
      for (const [fill, weight] of this.columns.get(column)!) {
        if (weight > most) { most = weight; best = fill; }
      }
      if (best === runFill && column === runEnd) {
        runEnd = column + 1;
      } else {
        emit();
        runStart = column;
        runEnd = column + 1;
        runFill = best;
      }
    }
    emit();
    this.columns = new Map();
  }
}

/** The index of the block drawn at (x, y) of the picture, or undefined (gutter, gap, beyond). */
export function blockAt(map: HeapMap, layout: Pick<Layout, 'origin' | 'bytesPerPixel' | 'bytesPerRow' | 'rows'>,
  rowHeight: number, x: number, y: number): number | undefined {
  const rowStep = rowHeight + ROW_GAP;
  const row = Math.floor(y / rowStep);
  if (x < GUTTER_WIDTH || row < 0 || row >= layout.rows || y - row * rowStep > rowHeight) return undefined;
  const address = layout.origin + row * layout.bytesPerRow + Math.floor((x - GUTTER_WIDTH) * layout.bytesPerPixel);
  // The last block starting at or before the address, if it covers it.
  let lo = 0;
  let hi = map.blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (map.blocks[mid].address <= address) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
  }
  if (found < 0) return undefined;
  const block = map.blocks[found];
  return address < block.address + block.size ? found : undefined;
}

function renderSegment(doc: Document, segment: Segment, options: PictureOptions, rowStep: number): SVGGElement {
  const { block } = segment;
  const group = svgElement(doc, 'g', {
    class: `block ${block.free ? 'free' : 'used'}${options.selected === block.address ? ' selected' : ''}`,
    'data-index': segment.index,
    'data-address': block.address,
    'data-size': block.size,
    'data-color': block.color ?? 'free',
    'data-class': block.className ?? '',
  });
  // A 1px gap between neighbours when there is room, so adjacent blocks stay apart.
  const inset = segment.width >= 4 ? 0.5 : 0;
  const rect = svgElement(doc, 'rect', {
    x: GUTTER_WIDTH + segment.x + inset,
    y: segment.row * rowStep,
    width: segment.width - 2 * inset,
    height: options.rowHeight,
    fill: block.free ? 'url(#free-hatch)' : fillOf(block, options.colorBy),
    // The exact extent in pixels, before the inset that separates neighbours.
    'data-width': segment.width,
  });
  group.append(rect);
  if (segment.width >= LABEL_MIN_WIDTH) {
    const text = svgElement(doc, 'text', {
      class: 'block-label',
      x: GUTTER_WIDTH + segment.x + 3,
      y: segment.row * rowStep + options.rowHeight - 5,
      fill: labelInk(block, options.colorBy),
    });
    text.textContent = fitLabel(labelOf(block), segment.width - 6);
    group.append(text);
  }
  return group;
}

// Roughly 6.5px per character at the picture's 11px font; enough to avoid spilling over.
function fitLabel(label: string, width: number): string {
  const fits = Math.floor(width / 6.5);
  return label.length <= fits ? label : `${label.slice(0, Math.max(1, fits - 1))}…`;
}

function labelInk(block: HeapBlock, colorBy: ColorScheme): string {
  if (block.free || colorBy === 'class') return '#1e1e1e';
  return block.color === 'black' ? '#f0f0f0' : '#1e1e1e';
}

function hatchPattern(doc: Document): SVGDefsElement {
  const defs = svgElement(doc, 'defs', {});
  const pattern = svgElement(doc, 'pattern', {
    id: 'free-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)',
  });
  pattern.append(
    svgElement(doc, 'rect', { width: 6, height: 6, fill: FREE_FILL }),
    svgElement(doc, 'line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#b3b3b3', 'stroke-width': 2 }),
  );
  defs.append(pattern);
  return defs;
}

function svgElement<K extends keyof SVGElementTagNameMap>(
  doc: Document, tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = doc.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** Blocks and bytes per GC color, plus free space: the legend under the picture. */
export interface HeapSummary {
  readonly used: Readonly<Record<GcColor, { blocks: number; bytes: number }>>;
  readonly freeBlocks: number;
  readonly freeBytes: number;
  readonly largestFree: number;
}

export function summarize(map: HeapMap): HeapSummary {
  const used: Record<GcColor, { blocks: number; bytes: number }> = {
    white: { blocks: 0, bytes: 0 }, black: { blocks: 0, bytes: 0 },
    gray: { blocks: 0, bytes: 0 }, transparent: { blocks: 0, bytes: 0 },
  };
  let freeBlocks = 0;
  let freeBytes = 0;
  let largestFree = 0;
  for (const block of map.blocks) {
    if (block.free) {
      freeBlocks++;
      freeBytes += block.size;
      largestFree = Math.max(largestFree, block.size);
    } else {
      const entry = used[block.color ?? 'white'];
      entry.blocks++;
      entry.bytes += block.size;
    }
  }
  return { used, freeBlocks, freeBytes, largestFree };
}

export function renderLegend(doc: Document, map: HeapMap, colorBy: ColorScheme = 'gc'): HTMLElement {
  const legend = doc.createElement('ul');
  legend.className = 'legend';
  const item = (key: string, fill: string, text: string) => {
    const li = doc.createElement('li');
    li.dataset.key = key;
    const swatch = doc.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = fill;
    li.append(swatch, doc.createTextNode(text));
    legend.append(li);
  };
  const summary = summarize(map);
  if (colorBy === 'class') {
    for (const c of summarizeClasses(map)) {
      item(`class:${c.name}`, classFill(c.rtId), `${c.name}: ${c.blocks} objects, ${formatBytes(c.bytes)}`);
    }
  } else {
    for (const color of ['white', 'gray', 'black', 'transparent'] as const) {
      const { blocks, bytes } = summary.used[color];
      const name = color === 'transparent' ? 'transparent (pinned)' : color;
      item(color, GC_FILL[color], `${name}: ${blocks} objects, ${formatBytes(bytes)}`);
    }
  }
  item('free', FREE_FILL, `free: ${summary.freeBlocks} blocks, ${formatBytes(summary.freeBytes)}, largest ${formatBytes(summary.largestFree)}`);
  return legend;
}

/** Objects and bytes per class, most bytes first. */
export function summarizeClasses(map: HeapMap): { name: string; rtId: number; blocks: number; bytes: number }[] {
  const byId = new Map<number, { name: string; rtId: number; blocks: number; bytes: number }>();
  for (const block of map.blocks) {
    if (block.free) continue;
    const rtId = block.rtId ?? 0;
    const entry = byId.get(rtId) ?? { name: labelOf(block), rtId, blocks: 0, bytes: 0 };
    entry.blocks++;
    entry.bytes += block.size;
    byId.set(rtId, entry);
  }
  return [...byId.values()].sort((a, b) => b.bytes - a.bytes || a.rtId - b.rtId);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
