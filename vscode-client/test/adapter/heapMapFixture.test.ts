// The heap view's fixture against the server: the program that made it, run to the same
// point under Tricolor, must give the same `tricolor/heapMap` answer and the same header
// bytes as Node's walk recorded (test/fixtures/heapmap/README.md).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { TricolorClient, startSession } from '../support/adapter';
import { FIXTURES } from '../support/paths';

const FIXTURE = path.join(FIXTURES, 'heapmap');
const recorded = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'heapmap.json'), 'utf8'));
const reads: Record<string, { data: string }> = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'readmemory.json'), 'utf8'));
const line = fs.readFileSync(path.join(FIXTURE, 'program.ts'), 'utf8').split('\n').findIndex((l) => l.includes('// @bp:recorded')) + 1;

let dc: TricolorClient;
beforeEach(async () => { dc = new TricolorClient(); await dc.start(); });
afterEach(async () => { await dc.stop(); });

describe('the recorded heap, from the server', () => {
  it('answers tricolor/heapMap exactly as recorded from Node, and reads the same headers', async () => {
    const stopped = dc.waitForEvent('stopped');
    await startSession(dc, { program: path.join(FIXTURE, 'program.wasm'), cwd: FIXTURE, invoke: 'scenario' } as DebugProtocol.LaunchRequestArguments,
      () => dc.setBreakpointsRequest({ source: { path: path.join(FIXTURE, 'program.ts') }, breakpoints: [{ line }] }));
    assert.equal(((await stopped) as DebugProtocol.StoppedEvent).body.reason, 'breakpoint');
    const response = await dc.customRequest('tricolor/heapMap');
    assert.deepEqual(response.body, recorded);
    for (const [reference, { data }] of Object.entries(reads)) {
      const read = await dc.customRequest('readMemory', { memoryReference: reference, count: 20 }) as DebugProtocol.ReadMemoryResponse;
      assert.equal(read.body?.data, data, `header at ${reference}`);
    }
  });
});
