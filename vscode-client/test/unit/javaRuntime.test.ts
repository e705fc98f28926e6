// Finding Java runs real executables: this machine's java, and small scripts standing in for
// an old or a broken one.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { JavaNotFoundError, findJava, javaCandidates, parseJavaVersion } from '../../src/extension/javaRuntime';

const posix = process.platform !== 'win32';

function fakeJava(output: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tricolor-java-'));
  const file = path.join(dir, 'java');
  fs.writeFileSync(file, `#!/bin/sh\necho '${output}' >&2\n`, { mode: 0o755 });
  return file;
}

describe('parseJavaVersion', () => {
  const cases: [string, number | undefined][] = [
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['java version "1.8.0_292"', 8],
    ['openjdk version "21" 2023-09-19', 21],
    ['openjdk version "25-ea" 2025-09-16', 25],
    ['Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "11.0.2" 2019-01-15', 11],
    ['bash: java: command not found', undefined],
  ];
  for (const [output, version] of cases) {
    it(`reads ${version ?? 'nothing'} from ${JSON.stringify(output.split('\n').pop())}`, () => {
      assert.equal(parseJavaVersion(output), version);
    });
  }
});

describe('javaCandidates', () => {
  it('takes only the setting when one is given', () => {
    assert.deepEqual(javaCandidates(' /opt/jdk/bin/java ', { JAVA_HOME: '/usr/lib/jvm/x' }, 'linux'),
      [{ executable: '/opt/jdk/bin/java', source: 'setting tricolor.java.path' }]);
  });
  it('tries JAVA_HOME, then PATH', () => {
    assert.deepEqual(javaCandidates('', { JAVA_HOME: '/usr/lib/jvm/x' }, 'linux'), [
      { executable: path.join('/usr/lib/jvm/x', 'bin', 'java'), source: 'JAVA_HOME' },
      { executable: 'java', source: 'PATH' },
    ]);
    assert.deepEqual(javaCandidates(undefined, {}, 'win32'), [{ executable: 'java.exe', source: 'PATH' }]);
  });
});

describe('findJava', () => {
  it('finds this machine\'s Java 17+ on PATH', async () => {
    const java = await findJava('', { PATH: process.env.PATH });
    assert.equal(java.source, 'PATH');
    assert.ok(java.version >= 17, `found Java ${java.version}`);
  });

  it('falls back from a JAVA_HOME without java to PATH', async () => {
    const java = await findJava('', { PATH: process.env.PATH, JAVA_HOME: path.join(os.tmpdir(), 'no-such-jdk') });
    assert.equal(java.source, 'PATH');
  });

  it('names the missing executable of the setting and does not fall back', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-jdk', 'bin', 'java');
    await assert.rejects(findJava(missing, { PATH: process.env.PATH }), (e: Error) => {
      assert.ok(e instanceof JavaNotFoundError);
      assert.match(e.message, /needs Java 17 or newer/);
      assert.ok(e.message.includes(`${missing} (setting tricolor.java.path): not found`), e.message);
      assert.match(e.message, /set "tricolor\.java\.path"/);
      return true;
    });
  });

  it('refuses a Java that is too old, saying which version it found', { skip: !posix && 'needs a POSIX shell script' }, async () => {
    const old = fakeJava('openjdk version "11.0.2" 2019-01-15');
    await assert.rejects(findJava(old, {}), new RegExp(`${old.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(setting tricolor\\.java\\.path\\): Java 11, too old`));
  });

  it('refuses an executable that prints no version', { skip: !posix && 'needs a POSIX shell script' }, async () => {
    const odd = fakeJava('hello');
    await assert.rejects(findJava(odd, {}), /"-version" printed no version: hello/);
  });
});
