// The heap view's page. No VS Code import: the browser tests serve the same page.

export interface PageResources {
  /** URI of out/webview (the compiled page scripts), as the page may load it. */
  readonly scriptBase: string;
  /** URI of media/heapView.css. */
  readonly styleUri: string;
  /** Origins allowed to serve scripts and styles (VS Code's `webview.cspSource`). */
  readonly cspSource: string;
  readonly nonce: string;
}

const ZOOMS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

export function heapViewHtml(r: PageResources): string {
  const zoomOptions = ZOOMS.map((z) => `<option value="${z}">${z} B/px</option>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${r.cspSource} data:; style-src ${r.cspSource}; script-src 'nonce-${r.nonce}' ${r.cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${r.styleUri}">
<title>Heap</title>
</head>
<body>
<header class="toolbar">
  <span id="status" role="status">Not stopped.</span>
  <label>color <select id="color-by"><option value="gc">GC color</option><option value="class">class</option></select></label>
  <label>zoom <select id="zoom"><option value="auto">fit</option>${zoomOptions}</select></label>
  <button id="refresh" type="button" title="Ask the server for the heap again">Refresh</button>
</header>
<p id="summary"></p>
<div id="picture"></div>
<p id="hover"></p>
<div id="legend"></div>
<div id="details"></div>
<script type="module" nonce="${r.nonce}" src="${r.scriptBase}/webview/main.js"></script>
</body>
</html>
`;
}
