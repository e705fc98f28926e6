// Folders the tests use, found from this file's place (out/test/support after the build).

import * as path from 'node:path';

export const CLIENT_ROOT = path.resolve(__dirname, '..', '..', '..');
export const REPO_ROOT = path.resolve(CLIENT_ROOT, '..');
/** The repository's documents: DAP-CONTRACT.md, ARCHITECTURE.md. */
export const DOCS = path.join(REPO_ROOT, 'docs');
export const FIXTURES = path.join(CLIENT_ROOT, 'test', 'fixtures');
/** Screenshots and other test output; under out/, which is not committed. */
export const TEST_OUTPUT = path.join(CLIENT_ROOT, 'out', 'test-output');
