// Finds a Java 17+ to run the debug adapter: the user's setting if given (and only it), else
// JAVA_HOME, else `java` on PATH. Each candidate is run with `-version`, since a path that
// exists says nothing about what it runs. No VS Code import, so the tests run it for real.

import { execFile } from 'node:child_process';
import * as path from 'node:path';

export const MINIMUM_JAVA = 17;

export type JavaSource = 'setting tricolor.java.path' | 'JAVA_HOME' | 'PATH';

export interface JavaCandidate {
  readonly executable: string;
  readonly source: JavaSource;
}

export interface Java extends JavaCandidate {
  readonly version: number;
}

/** No usable Java; the message lists every place tried and what was wrong with each. */
export class JavaNotFoundError extends Error {
  constructor(readonly attempts: readonly string[]) {
    super(`Tricolor needs Java ${MINIMUM_JAVA} or newer to run its debug adapter, and found none:\n`
      + attempts.map((a) => `  - ${a}`).join('\n')
      + `\nInstall a JDK ${MINIMUM_JAVA}+ and set JAVA_HOME, or set "tricolor.java.path" to its java executable.`);
    this.name = 'JavaNotFoundError';
  }
}

export function javaCandidates(setting: string | undefined, env: NodeJS.ProcessEnv, platform = process.platform): JavaCandidate[] {
  if (setting && setting.trim() !== '') {
    return [{ executable: setting.trim(), source: 'setting tricolor.java.path' }];
  }
  const exe = platform === 'win32' ? 'java.exe' : 'java';
  const candidates: JavaCandidate[] = [];
  if (env.JAVA_HOME && env.JAVA_HOME.trim() !== '') {
    candidates.push({ executable: path.join(env.JAVA_HOME.trim(), 'bin', exe), source: 'JAVA_HOME' });
  }
  candidates.push({ executable: exe, source: 'PATH' });
  return candidates;
}

/**
 * The feature version from `java -version` output: `openjdk version "17.0.15"` is 17,
 * `java version "1.8.0_292"` is 8, `openjdk version "21" 2023-09-19` is 21.
 */
export function parseJavaVersion(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 && match[2] !== undefined ? Number(match[2]) : major;
}

export function javaVersionOutput(executable: string, timeoutMs = 15000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(executable, ['-version'], { timeout: timeoutMs, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        reject(new Error(code === 'ENOENT' ? 'not found' : error.message.split('\n')[0]));
      } else {
        // `java -version` writes to standard error; some builds use standard output.
        resolve(`${stderr}${stdout}`);
      }
    });
  });
}

export async function findJava(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Java> {
  const attempts: string[] = [];
  for (const candidate of javaCandidates(setting, env)) {
    const where = `${candidate.executable} (${candidate.source})`;
    let output: string;
    try {
      output = await javaVersionOutput(candidate.executable);
    } catch (e) {
      attempts.push(`${where}: ${(e as Error).message}`);
      continue;
    }
    const version = parseJavaVersion(output);
    if (version === undefined) {
      attempts.push(`${where}: "-version" printed no version: ${output.trim().split('\n')[0] ?? ''}`);
    } else if (version < MINIMUM_JAVA) {
      attempts.push(`${where}: Java ${version}, too old`);
    } else {
      return { ...candidate, version };
    }
  }
  throw new JavaNotFoundError(attempts);
}
