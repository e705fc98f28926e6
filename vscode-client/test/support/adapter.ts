// Drives the real debug adapter jar with @vscode/debugadapter-testsupport's DebugClient, the
// client VS Code's own adapters are tested with. The jar runs as VS Code runs it: a child
// process speaking DAP on standard input/output.

import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { REPO_ROOT } from './paths';

export const JAR = path.join(REPO_ROOT, 'dap-server', 'target', 'dap-server.jar');
export const TEST_PROGRAMS = path.join(REPO_ROOT, 'test-programs');

/** DebugClient spawns `runtime executable`; the jar needs `java -jar JAR`, so start it here. */
export class TricolorClient extends DebugClient {
  process: ChildProcess | undefined;
  readonly stderr: string[] = [];

  constructor() {
    super('java', JAR, 'tricolor');
    this.defaultTimeout = 20000;
  }

  override start(): Promise<void> {
    if (!fs.existsSync(JAR)) {
      return Promise.reject(new Error(`${JAR} is missing: run "mvn -q package" at the repository root`));
    }
    const child = spawn('java', ['-jar', JAR], { cwd: TEST_PROGRAMS, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.process = child;
    // DebugClient.stop() kills the process it knows by this private field.
    (this as unknown as { _adapterProcess: ChildProcess })._adapterProcess = child;
    this.connect(child.stdout!, child.stdin!);
    return new Promise((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', reject);
    });
  }

  // A test that fails early leaves its event waits behind; marked handled here, they cannot
  // fail the next test or the file with an unhandled rejection when they time out. Awaiting
  // one still fails as before.
  override waitForEvent(eventType: string, timeout?: number): Promise<DebugProtocol.Event> {
    const wait = super.waitForEvent(eventType, timeout);
    wait.catch(() => undefined);
    return wait;
  }

  override assertOutput(category: string, expected: string, timeout?: number): Promise<DebugProtocol.Event> {
    const wait = super.assertOutput(category, expected, timeout);
    wait.catch(() => undefined);
    return wait;
  }

  // Every request fails, instead of waiting for ever, when the adapter dies or stays silent.
  override send(command: string, args?: any): Promise<any> {
    const child = this.process;
    return new Promise((resolve, reject) => {
      const died = (code: number | null) => reject(new Error(
        `the adapter exited (code ${code}) before answering "${command}"; its standard error:\n${this.stderr.join('')}`));
      if (child && child.exitCode !== null) return died(child.exitCode);
      child?.once('exit', died);
      const timer = setTimeout(() => reject(new Error(`no answer to "${command}" within ${this.defaultTimeout} ms`)), this.defaultTimeout);
      super.send(command, args).then(resolve, reject).finally(() => {
        clearTimeout(timer);
        child?.off('exit', died);
      });
    });
  }

  /** Resolves with the adapter's exit code once it has exited. */
  exited(timeoutMs = 10000): Promise<number | null> {
    const child = this.process!;
    if (child.exitCode !== null) return Promise.resolve(child.exitCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the adapter did not exit within ${timeoutMs} ms`)), timeoutMs);
      child.once('exit', (code) => { clearTimeout(timer); resolve(code); });
    });
  }
}

export function program(name: string): string {
  const file = path.join(TEST_PROGRAMS, 'build', 'debug', `${name}.wasm`);
  if (!fs.existsSync(file)) throw new Error(`test program ${file} is missing: build test-programs (npm run build)`);
  return file;
}

export function source(name: string): string {
  return path.join(TEST_PROGRAMS, 'programs', `${name}.ts`);
}

/** The 1-based line of `// @bp:LABEL` in a test program's source. */
export function lineOf(name: string, label: string): number {
  const lines = fs.readFileSync(source(name), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`// @bp:${label}`) && !l.includes(`// @bp:${label}-`));
  if (index < 0) throw new Error(`no line labelled @bp:${label} in ${source(name)}`);
  return index + 1;
}

export function launchArgs(name: string, extra: Record<string, unknown> = {}): DebugProtocol.LaunchRequestArguments {
  return { program: program(name), cwd: TEST_PROGRAMS, ...extra } as DebugProtocol.LaunchRequestArguments;
}

/** initialize, launch, the configuration done by `configure`, then configurationDone. */
export async function startSession(
  dc: TricolorClient, launch: DebugProtocol.LaunchRequestArguments,
  configure: () => Promise<unknown> = async () => undefined): Promise<void> {
  await Promise.all([
    dc.waitForEvent('initialized').then(configure).then(() => dc.configurationDoneRequest()),
    dc.launch(launch),
  ]);
}

export async function topFrame(dc: TricolorClient, threadId: number): Promise<DebugProtocol.StackFrame> {
  const trace = await dc.stackTraceRequest({ threadId });
  return trace.body.stackFrames[0];
}

export async function variables(dc: TricolorClient, reference: number): Promise<DebugProtocol.Variable[]> {
  return (await dc.variablesRequest({ variablesReference: reference })).body.variables;
}
