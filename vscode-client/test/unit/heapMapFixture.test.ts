// The recorded heap is reproducible: record.mjs, run again with the pinned compiler from
// ../test-programs, makes the committed files byte for byte.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, REPO_ROOT } from '../support/paths';

const ASC_DIR = path.join(REPO_ROOT, 'test-programs');
const FIXTURE = path.join(FIXTURES, 'heapmap');
const noAsc = !fs.existsSync(path.join(ASC_DIR, 'node_modules', 'assemblyscript', 'package.json'))
  && `assemblyscript is not installed in ${ASC_DIR} (npm ci there, as scripts/test.sh does)`;
if (noAsc) console.log(`heapMapFixture.test: skipping: ${noAsc}`);

describe('the recorded heapMap fixture', () => {
  it('is what record.mjs makes from program.ts with asc 0.28.20 and Node', { skip: noAsc, timeout: 120_000 }, () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tricolor-heapmap-'));
    try {
      execFileSync(process.execPath, [path.join(FIXTURE, 'record.mjs'), ASC_DIR, out], { stdio: ['ignore', 'ignore', 'pipe'] });
      for (const file of ['program.wasm', 'program.wasm.map', 'heapmap.json', 'readmemory.json']) {
        const fresh = fs.readFileSync(path.join(out, file));
        const committed = fs.readFileSync(path.join(FIXTURE, file));
        assert.ok(fresh.equals(committed), `${file} is stale: run "node test/fixtures/heapmap/record.mjs ../test-programs" and commit`);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
