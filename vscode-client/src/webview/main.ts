// The heap view page's glue: receives messages from the extension, keeps the view's small
// state (picture options, selection), and redraws with the pure renderers. Outside VS Code
// (a test page) `acquireVsCodeApi` is whatever the page provides.

import type { HeapBlock, HeapMap } from '../shared/heapMap.js';
import type { FromView, ToView } from '../shared/messages.js';
import {
  ColorScheme, DEFAULT_OPTIONS, GUTTER_WIDTH, PictureOptions, blockAt, describeBlock, renderHeapPicture, renderLegend,
} from './heapPicture.js';
import { HeaderState, renderDetails } from './objectDetails.js';

interface VsCodeApi {
  postMessage(message: FromView): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  colorBy: ColorScheme;
  bytesPerPixel: number | 'auto';
}

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() as SavedState | undefined) ?? { colorBy: 'gc', bytesPerPixel: 'auto' };

let map: HeapMap | undefined;
let selected: HeapBlock | undefined;
let header: HeaderState | undefined;

const el = (id: string) => document.getElementById(id) as HTMLElement;
const status = el('status');
const summary = el('summary');
const picture = el('picture');
const legend = el('legend');
const details = el('details');
const hover = el('hover');
const colorBy = el('color-by') as HTMLSelectElement;
const zoom = el('zoom') as HTMLSelectElement;

colorBy.value = saved.colorBy;
zoom.value = String(saved.bytesPerPixel);

function options(): PictureOptions {
  const width = Math.max(128, picture.clientWidth - GUTTER_WIDTH - 4);
  return {
    ...DEFAULT_OPTIONS,
    width: Math.floor(width / 16) * 16,
    colorBy: colorBy.value as ColorScheme,
    bytesPerPixel: zoom.value === 'auto' ? 'auto' : Number(zoom.value),
    selected: selected?.address,
  };
}

function draw(): void {
  picture.replaceChildren();
  legend.replaceChildren();
  details.replaceChildren();
  if (!map) return;
  const svg = renderHeapPicture(document, map, options());
  picture.append(svg);
  legend.append(renderLegend(document, map, colorBy.value as ColorScheme));
  summary.textContent =
    `${map.blocks.length} blocks · heap base 0x${map.heapBase.toString(16)} · memory ${map.memorySize} bytes`
    + ` · GC ${map.gcState} · white = ${map.white} · ${svg.dataset.bytesPerPixel} bytes/px`;
  if (selected) details.append(renderDetails(document, selected, header));
}

function select(block: HeapBlock | undefined): void {
  selected = block;
  header = undefined;
  draw();
  if (block && !block.free) vscode.postMessage({ type: 'select', address: block.address });
}

// The block under a pointer event, found from its position (narrow blocks have no element).
function blockUnder(event: MouseEvent): HeapBlock | undefined {
  const svg = picture.querySelector('svg.heap-picture') as SVGSVGElement | null;
  if (!svg || !map) return undefined;
  const box = svg.getBoundingClientRect();
  const layout = {
    origin: Number(svg.dataset.origin),
    bytesPerPixel: Number(svg.dataset.bytesPerPixel),
    bytesPerRow: Number(svg.dataset.bytesPerRow),
    rows: Number(svg.dataset.rows),
  };
  const index = blockAt(map, layout, DEFAULT_OPTIONS.rowHeight, event.clientX - box.left, event.clientY - box.top);
  return index === undefined ? undefined : map.blocks[index];
}

picture.addEventListener('click', (event) => {
  const block = blockUnder(event);
  if (block) select(block);
});

picture.addEventListener('mousemove', (event) => {
  const block = blockUnder(event);
  hover.textContent = block ? describeBlock(block) : '';
});

details.addEventListener('click', (event) => {
  const action = (event.target as HTMLElement).closest('button')?.dataset.action;
  if (!action || !selected) return;
  if (action === 'open-memory') {
    vscode.postMessage({ type: 'openMemory', address: selected.address, size: selected.size, label: selected.className ?? 'block' });
  } else if (action === 'reveal') {
    vscode.postMessage({ type: 'reveal', address: selected.address });
  }
});

for (const control of [colorBy, zoom]) {
  control.addEventListener('change', () => {
    vscode.setState({ colorBy: colorBy.value, bytesPerPixel: zoom.value === 'auto' ? 'auto' : Number(zoom.value) });
    draw();
  });
}
el('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
new ResizeObserver(() => draw()).observe(picture);

window.addEventListener('message', (event: MessageEvent<ToView>) => {
  const message = event.data;
  switch (message.type) {
    case 'heapMap': {
      map = message.map;
      status.textContent = `Stopped: ${message.session}`;
      status.classList.remove('error');
      // Keep the selection across stops when the same block is still there.
      const again = selected && map.blocks.find((b) => b.address === selected!.address && b.free === selected!.free);
      selected = again;
      header = undefined;
      draw();
      if (again && !again.free) vscode.postMessage({ type: 'select', address: again.address });
      break;
    }
    case 'status':
      status.textContent = message.text;
      status.classList.toggle('error', message.error === true);
      break;
    case 'objectHeader':
      if (selected?.address !== message.address) break;
      header = { header: message.header, error: message.error };
      details.replaceChildren(renderDetails(document, selected, header));
      break;
  }
});

vscode.postMessage({ type: 'ready' });
