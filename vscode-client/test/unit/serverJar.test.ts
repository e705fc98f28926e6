// Which adapter jar the extension runs: the setting, else the bundled copy, else the Maven
// output beside a checkout; a missing jar is said with the command that builds it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ServerJarNotFoundError, findServerJar } from '../../src/extension/serverJar';

function tree(files: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tricolor-ext-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), 'jar');
  }
  return root;
}

describe('findServerJar', () => {
  it('prefers the jar bundled in the extension', () => {
    const root = tree(['ext/server/dap-server.jar', 'dap-server/target/dap-server.jar']);
    assert.equal(findServerJar(path.join(root, 'ext'), ''), path.join(root, 'ext', 'server', 'dap-server.jar'));
  });

  it('falls back to the Maven build beside a checkout', () => {
    const root = tree(['vscode-client/package.json', 'dap-server/target/dap-server.jar']);
    assert.equal(findServerJar(path.join(root, 'vscode-client'), undefined), path.join(root, 'dap-server', 'target', 'dap-server.jar'));
  });

  it('takes the setting alone when it is set', () => {
    const root = tree(['ext/server/dap-server.jar', 'mine.jar']);
    assert.equal(findServerJar(path.join(root, 'ext'), path.join(root, 'mine.jar')), path.join(root, 'mine.jar'));
    assert.throws(() => findServerJar(path.join(root, 'ext'), path.join(root, 'missing.jar')),
      (e: Error) => e instanceof ServerJarNotFoundError && e.message.includes(path.join(root, 'missing.jar')));
  });

  it('names every place tried and how to build the jar', () => {
    const root = tree(['ext/package.json']);
    assert.throws(() => findServerJar(path.join(root, 'ext'), ''), (e: Error) => {
      assert.ok(e.message.includes(path.join(root, 'ext', 'server', 'dap-server.jar')));
      assert.ok(e.message.includes(path.join(root, 'dap-server', 'target', 'dap-server.jar')));
      assert.match(e.message, /mvn -q package/);
      return true;
    });
  });
});
