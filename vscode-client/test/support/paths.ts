// Folders the tests use, found from this file's place (out/test/support after the build).

import * as path from 'node:path';

export const CLIENT_ROOT = path.resolve(__dirname, '..', '..', '..');
export const REPO_ROOT = path.resolve(CLIENT_ROOT, '..');
/**
 * The design documents live beside the repository, in ../shared (not part of it);
 * TRICOLOR_SHARED points elsewhere, for a checkout that is not beside it (a git worktree).
 */
export const SHARED_DESIGN = path.resolve(process.env.TRICOLOR_SHARED ?? path.join(REPO_ROOT, '..', 'shared'), 'design');
export const FIXTURES = path.join(CLIENT_ROOT, 'test', 'fixtures');
/** Screenshots and other test output; under out/, which is not committed. */
export const TEST_OUTPUT = path.join(CLIENT_ROOT, 'out', 'test-output');
