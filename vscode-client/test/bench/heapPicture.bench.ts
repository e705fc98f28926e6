// How long the heap picture takes to draw large heaps, in headless Chromium: the pure
// renderer on synthetic maps of 1k, 10k and 100k blocks, appended to the page and laid out.
// Warm-up runs first; the median of the measured runs is reported (the machine is shared
// and noisy). Run: npm run bench:heapview

import { launchChromium } from '../support/chromium';
import { servePage } from '../support/pageServer';

const SIZES = [1_000, 10_000, 100_000];
const WARMUP = 3;
const RUNS = 7;

async function main(): Promise<void> {
  const server = await servePage();
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      (window as unknown as { acquireVsCodeApi: unknown }).acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });
    });
    await page.goto(server.url);
    console.log('blocks   median ms (draw + layout)   min ms   B/px');
    for (const n of SIZES) {
      const result = await page.evaluate(`(async () => {
        const { renderHeapPicture, DEFAULT_OPTIONS } = await import('/out/webview/heapPicture.js');
        const classes = ['Node', 'String', 'Array<i32>', 'ArrayBuffer', 'Leaf'];
        const colors = ['white', 'black', 'gray', 'white'];
        const blocks = [];
        let address = 40000;
        for (let i = 0; i < ${n}; i++) {
          const size = 32 + 16 * (i % 4);
          const free = i % 11 === 0;
          blocks.push(free
            ? { address, size, free: true, color: null, className: null, rtId: null }
            : { address, size, free: false, color: colors[i % 4], className: classes[i % 5], rtId: 4 + (i % 5) });
          address += size;
        }
        const map = { heapBase: 39000, memorySize: address + 65536, blocks, gcState: 'idle', white: 0 };
        const host = document.getElementById('picture');
        const times = [];
        let bpp = 0;
        for (let run = 0; run < ${WARMUP + RUNS}; run++) {
          host.replaceChildren();
          const t0 = performance.now();
          const svg = renderHeapPicture(document, map, { ...DEFAULT_OPTIONS, width: 704 });
          host.append(svg);
          svg.getBoundingClientRect();
          document.body.offsetHeight;
          const t = performance.now() - t0;
          bpp = svg.dataset.bytesPerPixel;
          if (run >= ${WARMUP}) times.push(t);
        }
        times.sort((a, b) => a - b);
        return { median: times[Math.floor(times.length / 2)], min: times[0], bpp };
      })()`) as { median: number; min: number; bpp: string };
      console.log(`${String(n).padStart(7)}   ${result.median.toFixed(1).padStart(10)}                  ${result.min.toFixed(1).padStart(7)}   ${result.bpp}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
