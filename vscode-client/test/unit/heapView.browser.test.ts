// The heap view's real page in headless Chromium, fed the recorded `tricolor/heapMap`
// response the way the extension feeds it (window messages), with the page's messages to
// the extension captured in place of VS Code's API.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { decodeHeader, hex, memoryReferenceOf, parseHeapMap } from '../../src/shared/heapMap';
import type { FromView, ToView } from '../../src/shared/messages';
import { Browser, launchChromium } from '../support/chromium';
import { PageServer, servePage } from '../support/pageServer';
import { FIXTURES, TEST_OUTPUT } from '../support/paths';

const recorded = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'heapmap', 'heapmap.json'), 'utf8'));
const reads: Record<string, { data: string }> = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'heapmap', 'readmemory.json'), 'utf8'));
const map = parseHeapMap(recorded);

// The fills GC colors are drawn with (heapPicture.ts GC_FILL), repeated here on purpose: a
// change of palette is a visible change and should be made in both places.
const FILL = { white: '#ffffff', gray: '#9e9e9e', black: '#262626', transparent: '#6fa8dc' } as const;

/** A heap of n blocks of 32 to 80 bytes, every eleventh free; self-contained (runs in the page too). */
function syntheticHeap(n: number) {
  const colors = ['white', 'black', 'gray'] as const;
  const blocks = [];
  let address = 40000;
  for (let i = 0; i < n; i++) {
    const size = 32 + 16 * (i % 4);
    blocks.push(i % 11 === 0
      ? { address, size, free: true, color: null, className: null, rtId: null }
      : { address, size, free: false, color: colors[i % 3], className: 'Node', rtId: 4 });
    address += size;
  }
  return { heapBase: 39000, memorySize: address + 4096, blocks, gcState: 'idle', white: 0 };
}

declare global {
  interface Window { __posted: FromView[]; __state: unknown }
}

describe('heap view page in Chromium', () => {
  let browser: Browser;
  let server: PageServer;
  let page: Page;

  // As a JSON string: playwright's own serialization of a large object graph takes minutes.
  const send = (message: ToView) => page.evaluate((json: string) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(message));
  const posted = () => page.evaluate(() => window.__posted);
  const waitPosted = (type: FromView['type'], count = 1) =>
    page.waitForFunction(([t, n]) => window.__posted.filter((m) => m.type === t).length >= n, [type, count] as const);

  before(async () => {
    server = await servePage();
    browser = await launchChromium();
    page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`); });
    await page.addInitScript(() => {
      window.__posted = [];
      (window as unknown as { acquireVsCodeApi: unknown }).acquireVsCodeApi = () => ({
        postMessage: (m: FromView) => window.__posted.push(m),
        getState: () => window.__state,
        setState: (s: unknown) => { window.__state = s; },
      });
    });
    await page.goto(server.url);
    await waitPosted('ready');
    assert.deepEqual(errors, [], 'the page loads without script errors or CSP violations');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a status until the first stop', async () => {
    await send({ type: 'status', text: 'Not stopped: the heap is drawn at each stop of a Tricolor session.' });
    assert.match(await page.textContent('#status') ?? '', /Not stopped/);
    assert.equal(await page.locator('svg.heap-picture').count(), 0);
  });

  it('draws one block per heap block, in address order, colored by GC color', async () => {
    await send({ type: 'heapMap', map, session: 'fixture' });
    await page.waitForSelector('svg.heap-picture');
    const drawn = await page.$$eval('svg.heap-picture g.block', (groups) => groups.map((g) => ({
      index: Number(g.getAttribute('data-index')),
      address: Number(g.getAttribute('data-address')),
      color: g.getAttribute('data-color'),
      fill: g.querySelector('rect')!.getAttribute('fill'),
    })));
    // A block crossing a row edge is drawn in pieces; every block is drawn at least once.
    const indexes = [...new Set(drawn.map((d) => d.index))];
    assert.equal(indexes.length, map.blocks.length);
    assert.equal(map.blocks.length, 613, 'the recorded heap has 613 blocks');
    for (const d of drawn) {
      const block = map.blocks[d.index];
      assert.equal(d.address, block.address);
      if (block.free) {
        assert.equal(d.color, 'free');
        assert.equal(d.fill, 'url(#free-hatch)');
      } else {
        assert.equal(d.color, block.color);
        assert.equal(d.fill, FILL[block.color!], `fill of ${hex(block.address)} (${block.color})`);
      }
    }
    const count = (color: string) => new Set(drawn.filter((d) => d.color === color).map((d) => d.index)).size;
    assert.equal(count('free'), map.blocks.filter((b) => b.free).length);
    for (const color of ['white', 'black', 'gray', 'transparent'] as const) {
      assert.ok(count(color) > 0, `the fixture has ${color} objects`);
      assert.equal(count(color), map.blocks.filter((b) => b.color === color).length, `${color} blocks`);
    }
  });

  it('gives each block a width proportional to its size', async () => {
    const drawn = await page.$$eval('svg.heap-picture g.block rect', (rects) => ({
      bpp: Number(document.querySelector('svg.heap-picture')!.getAttribute('data-bytes-per-pixel')),
      pieces: rects.map((r) => [Number(r.parentElement!.getAttribute('data-index')), Number(r.getAttribute('data-width')), Number(r.getAttribute('width'))]),
    }));
    assert.equal(drawn.bpp, 1, 'the recorded heap fits at 1 byte per pixel');
    const bytes = new Map<number, number>();
    for (const [index, exact, width] of drawn.pieces) {
      assert.ok(Math.abs(exact - width) <= 1, `block ${index}: drawn ${width}px for ${exact}px`);
      bytes.set(index, (bytes.get(index) ?? 0) + exact * drawn.bpp);
    }
    // A piece narrower than 3px (a block's end cut off by the row edge) is drawn in the
    // narrow path instead of as an element of its own.
    let whole = 0;
    map.blocks.forEach((block, index) => {
      const missing = block.size - bytes.get(index)!;
      assert.ok(missing >= 0 && missing < 3 * drawn.bpp, `block ${index}: ${bytes.get(index)} of ${block.size} bytes drawn as elements`);
      if (missing === 0) whole++;
    });
    assert.ok(whole > map.blocks.length * 0.9, `${whole} of ${map.blocks.length} blocks are whole elements`);
  });

  it('labels blocks wide enough with their class, and sums them up in the legend', async () => {
    const labels = await page.$$eval('svg.heap-picture g.block', (groups) => groups
      .filter((g) => g.querySelector('text.block-label'))
      .map((g) => ({ index: Number(g.getAttribute('data-index')), text: g.querySelector('text.block-label')!.textContent })));
    assert.ok(labels.length > 0, 'some blocks are labelled');
    for (const { index, text } of labels) {
      const block = map.blocks[index];
      const full = block.free ? 'free' : block.className!;
      assert.ok(text === full || (text!.endsWith('…') && full.startsWith(text!.slice(0, -1))), `label "${text}" for ${full}`);
    }
    assert.ok(labels.some((l) => l.text === 'free'), 'the large free block at the end is labelled');
    const legend = await page.$$eval('.legend li', (items) => Object.fromEntries(items.map((li) => [li.getAttribute('data-key'), li.textContent])));
    const black = map.blocks.filter((b) => b.color === 'black');
    assert.match(legend.black!, new RegExp(`^black: ${black.length} objects`));
    assert.match(legend.free!, new RegExp(`^free: ${map.blocks.filter((b) => b.free).length} blocks`));
    assert.match(await page.textContent('#summary') ?? '', /613 blocks .* GC mark · white = 0/);
  });

  it('shows the selected object\'s class and header after a click, and asks for its memory', async () => {
    const gray = map.blocks.find((b) => b.color === 'gray')!;
    const before = (await posted()).length;
    await page.click(`svg.heap-picture g.block[data-address="${gray.address}"]`);
    await waitPosted('select');
    const select = (await posted()).slice(before).find((m) => m.type === 'select');
    assert.deepEqual(select, { type: 'select', address: gray.address });
    assert.equal(await page.getAttribute(`g.block[data-address="${gray.address}"]`, 'class'), 'block used selected');
    assert.equal(await page.locator(`rect.selection[data-address="${gray.address}"]`).count(), 1);
    assert.equal(await page.textContent('.details h2'), gray.className);
    assert.match(await page.textContent('.details .pending') ?? '', /reading header/);

    // Answer as the extension does: the readMemory bytes, decoded.
    const bytes = Buffer.from(reads[memoryReferenceOf(gray.address)].data, 'base64');
    await send({ type: 'objectHeader', address: gray.address, header: decodeHeader(bytes, map.white) });
    await page.waitForSelector('.details table.header-words');
    const field = (table: string, name: string) => page.textContent(`.details table.${table} tr[data-field="${name}"] td`);
    assert.equal(await field('facts', 'class'), 'Array<Array<i32>>');
    assert.equal(await field('facts', 'rtId'), String(gray.rtId));
    assert.equal(await field('facts', 'color'), 'gray');
    assert.equal(await field('facts', 'payload'), `${hex(gray.address + 20)} (${gray.size - 20} bytes after the header)`);
    assert.equal(await field('header-words', 'mmInfo'), `${hex(gray.size - 4)}  size ${gray.size - 4}`);
    assert.match(await field('header-words', 'gcInfo') ?? '', /, gray$/);
    assert.equal(await field('header-words', 'rtId'), String(gray.rtId));

    fs.mkdirSync(TEST_OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'heap-view.png'), fullPage: true });

    await page.click('.details button[data-action="open-memory"]');
    await waitPosted('openMemory');
    const open = (await posted()).find((m) => m.type === 'openMemory');
    assert.deepEqual(open, { type: 'openMemory', address: gray.address, size: gray.size, label: 'Array<Array<i32>>' });

    await page.click('.details button[data-action="reveal"]');
    await waitPosted('reveal');
    const reveal = (await posted()).find((m) => m.type === 'reveal');
    assert.deepEqual(reveal, { type: 'reveal', address: gray.address }, 'Show in Variables names the block');
  });

  it('reports a header that could not be read', async () => {
    const pinned = map.blocks.find((b) => b.color === 'transparent')!;
    await page.click(`svg.heap-picture g.block[data-address="${pinned.address}"]`);
    await send({ type: 'objectHeader', address: pinned.address, error: 'readMemory is not supported' });
    assert.equal(await page.textContent('.details .error'), 'header not read: readMemory is not supported');
    assert.equal(await page.textContent('.details h2'), 'Leaf');
  });

  it('colors by class on request, one stable color per class', async () => {
    await page.selectOption('#color-by', 'class');
    const fills = await page.$$eval('svg.heap-picture g.block.used', (groups) => groups.map((g) => [
      g.getAttribute('data-class'), g.querySelector('rect')!.getAttribute('fill')]));
    const byClass = new Map<string, Set<string>>();
    for (const [cls, fill] of fills) byClass.set(cls!, (byClass.get(cls!) ?? new Set()).add(fill!));
    for (const [cls, set] of byClass) assert.equal(set.size, 1, `one fill for ${cls}`);
    assert.equal(new Set([...byClass.values()].map((s) => [...s][0])).size, byClass.size, 'classes get different fills');
    assert.deepEqual(await page.evaluate(() => window.__state), { colorBy: 'class', bytesPerPixel: 'auto' });
    const nodes = map.blocks.filter((b) => b.className === 'Node');
    assert.match(await page.textContent('.legend li[data-key="class:Node"]') ?? '', new RegExp(`^Node: ${nodes.length} objects`));
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'heap-view-by-class.png'), fullPage: true });
    await page.selectOption('#color-by', 'gc');
  });

  it('splits blocks at row edges and zooms by bytes per pixel (the pure layout)', async () => {
    // A string, so the import() runs in the page as written (not as compiled for Node).
    const sample = { ...map, blocks: map.blocks.slice(0, 12) };
    const result = await page.evaluate(`(async () => {
      const { layoutHeap, DEFAULT_OPTIONS } = await import('/out/webview/heapPicture.js');
      const layout = layoutHeap(${JSON.stringify(sample)}, { ...DEFAULT_OPTIONS, width: 64, bytesPerPixel: 4 });
      return { rows: layout.rows, origin: layout.origin, bytesPerRow: layout.bytesPerRow,
               segments: layout.segments.map((s) => [s.index, s.row, s.x, s.width]) };
    })()`) as { rows: number; origin: number; bytesPerRow: number; segments: [number, number, number, number][] };
    assert.equal(result.bytesPerRow, 256);
    const total = new Map<number, number>();
    assert.ok(result.segments.length > 12, 'some blocks cross a 256-byte row edge');
    for (const [index, row, x, width] of result.segments) {
      assert.ok(x >= 0 && x + width <= 64, `segment of block ${index} in row ${row} stays inside the row`);
      total.set(index, (total.get(index) ?? 0) + width * 4);
    }
    for (let i = 0; i < 12; i++) assert.equal(total.get(i), map.blocks[i].size, `block ${i} is drawn whole`);
    const first = map.blocks[0];
    assert.equal(result.origin, first.address - (first.address % 256));
  });

  it('keeps the selection across a stop and clears the picture state on a new map', async () => {
    const black = map.blocks.find((b) => b.color === 'black')!;
    await page.click(`svg.heap-picture g.block[data-address="${black.address}"]`);
    const selects = (await posted()).filter((m) => m.type === 'select').length;
    await send({ type: 'heapMap', map, session: 'fixture' });
    await waitPosted('select', selects + 1);
    assert.equal(await page.getAttribute(`g.block[data-address="${black.address}"]`, 'class'), 'block used selected');
    const empty = { ...map, blocks: [] };
    await send({ type: 'heapMap', map: empty, session: 'fixture' });
    assert.equal(await page.locator('svg.heap-picture g.block').count(), 0);
    assert.equal(await page.locator('.details').count(), 0);
  });

  it('draws a heap of 100 000 blocks with a bounded number of elements, and finds the block under a click', async () => {
    // Made in the page by the same function as here: sending 100 000 blocks from the test
    // process takes longer than drawing them.
    const big = syntheticHeap(100_000);
    const blocks = big.blocks;
    await page.evaluate(`window.postMessage({ type: 'heapMap', map: (${syntheticHeap.toString()})(100000), session: 'synthetic' }, '*')`);
    await page.waitForFunction(() => document.querySelector('svg.heap-picture')?.getAttribute('aria-label') === 'heap: 100000 blocks');
    const shape = await page.$eval('svg.heap-picture', (svg) => ({
      elements: svg.querySelectorAll('*').length,
      narrow: svg.querySelectorAll('path.narrow').length,
      origin: Number(svg.getAttribute('data-origin')),
      bpp: Number(svg.getAttribute('data-bytes-per-pixel')),
      bytesPerRow: Number(svg.getAttribute('data-bytes-per-row')),
      rows: Number(svg.getAttribute('data-rows')),
    }));
    assert.ok(shape.bpp >= 64, `zoomed out to ${shape.bpp} B/px`);
    assert.ok(shape.narrow >= 3 && shape.narrow <= 5, `${shape.narrow} narrow paths, one per fill`);
    assert.ok(shape.elements < 2_000, `${shape.elements} elements for 100 000 blocks`);

    // The pure hit test against a linear scan, at points across the picture.
    const probes = await page.evaluate(`(async () => {
      const { blockAt, DEFAULT_OPTIONS, GUTTER_WIDTH } = await import('/out/webview/heapPicture.js');
      const layout = ${JSON.stringify({ origin: shape.origin, bytesPerPixel: shape.bpp, bytesPerRow: shape.bytesPerRow, rows: shape.rows })};
      const map = (${syntheticHeap.toString()})(100000);
      const out = [];
      for (let i = 0; i < 300; i++) {
        const x = GUTTER_WIDTH + (i * 37) % 600 + 0.5, y = ((i * 13) % layout.rows) * (DEFAULT_OPTIONS.rowHeight + 3) + 5;
        out.push([x, y, blockAt(map, layout, DEFAULT_OPTIONS.rowHeight, x, y) ?? -1]);
      }
      return out;
    })()`) as [number, number, number][];
    for (const [x, y, index] of probes) {
      const row = Math.floor(y / 21);
      const at = shape.origin + row * shape.bytesPerRow + Math.floor((x - 76) * shape.bpp);
      const expected = blocks.findIndex((b) => b.address <= at && at < b.address + b.size);
      assert.equal(index, expected, `block at (${x}, ${y}) = address ${at}`);
    }

    // A click in the middle of the picture selects a block that covers the clicked pixel.
    const box = (await page.locator('svg.heap-picture').boundingBox())!;
    const column = 300;
    const before = (await posted()).filter((m) => m.type === 'select').length;
    await page.mouse.click(box.x + 76 + column + 0.5, box.y + 10 * 21 + 9);
    await waitPosted('select', before + 1);
    const select = (await posted()).filter((m) => m.type === 'select').pop() as { address: number };
    const chosen = blocks.find((b) => b.address === select.address)!;
    const start = shape.origin + 10 * shape.bytesPerRow + (column - 1) * shape.bpp;
    assert.ok(chosen.address < start + 3 * shape.bpp && chosen.address + chosen.size > start,
      `the selected block ${chosen.address}+${chosen.size} lies under pixel ${column} of row 10 (${start})`);
    assert.equal(await page.locator(`rect.selection[data-address="${chosen.address}"]`).count(), 1);
    assert.match(await page.textContent('#hover') ?? '', /Node at 0x|free block at 0x/);
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'heap-view-100k.png'), fullPage: true });
  });
});
