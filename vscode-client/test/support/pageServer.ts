// Serves the heap view's page on 127.0.0.1 as the webview would load it: the page from
// heapViewHtml, the compiled scripts from out/webview, the style from media/.

import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { heapViewHtml } from '../../src/extension/heapView/html';
import { CLIENT_ROOT } from './paths';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function servePage(): Promise<PageServer> {
  const roots: Record<string, string> = {
    '/out/': path.join(CLIENT_ROOT, 'out', 'webview'),
    '/media/': path.join(CLIENT_ROOT, 'media'),
  };
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(heapViewHtml({ scriptBase: `${origin}/out`, styleUri: `${origin}/media/heapView.css`, cspSource: origin, nonce: 'test-nonce' }));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    for (const [prefix, dir] of Object.entries(roots)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.join(dir, path.normalize(url.pathname.slice(prefix.length)));
      if (file.startsWith(dir) && fs.existsSync(file)) {
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        res.end(fs.readFileSync(file));
        return;
      }
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
