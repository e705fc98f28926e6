// End-to-end: the real adapter jar, driven by DebugClient over stdio, on the test programs.
// Written against DAP-CONTRACT.md; `npm test` and `npm run test:adapter` run them.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { PAYLOAD_OFFSET, decodeHeader, memoryReferenceOf, parseHeapMap } from '../../src/shared/heapMap';
import { TricolorClient, launchArgs, lineOf, program, source, startSession, topFrame, variables } from '../support/adapter';

const CAPABILITIES = [
  'supportsConfigurationDoneRequest', 'supportsFunctionBreakpoints', 'supportsConditionalBreakpoints',
  'supportsHitConditionalBreakpoints', 'supportsLogPoints', 'supportsEvaluateForHovers', 'supportsSetVariable',
  'supportsReadMemoryRequest', 'supportsWriteMemoryRequest', 'supportsDisassembleRequest',
  'supportsInstructionBreakpoints', 'supportsSteppingGranularity', 'supportsDataBreakpoints',
  'supportsExceptionFilterOptions', 'supportsExceptionInfoRequest', 'supportsTerminateRequest',
  'supportsLoadedSourcesRequest', 'supportsValueFormattingOptions', 'supportsBreakpointLocationsRequest',
  'supportsRestartRequest',
] as const;

const FILTERS: Record<string, { default: boolean; condition: boolean }> = {
  trap: { default: true, condition: false },
  bounds: { default: true, condition: false },
  oom: { default: true, condition: false },
  abort: { default: true, condition: true },
  alloc: { default: false, condition: true },
  free: { default: false, condition: true },
  collect: { default: false, condition: true },
};

let dc: TricolorClient;

beforeEach(async () => {
  dc = new TricolorClient();
  await dc.start();
});

afterEach(async () => {
  await dc.stop();
});

// The wait itself, not an async wrapper around it: a wrapper's promise would reject unhandled
// when a test fails before awaiting it.
function stoppedEvent(): Promise<DebugProtocol.StoppedEvent> {
  return dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
}

/** Breadth-first over a variable tree, to a bounded depth (a heap may be large). */
async function findVariables(reference: number, match: (v: DebugProtocol.Variable) => boolean, depth = 3): Promise<DebugProtocol.Variable[]> {
  const found: DebugProtocol.Variable[] = [];
  let level = [reference];
  for (let d = 0; d < depth && level.length > 0; d++) {
    const next: number[] = [];
    for (const ref of level.slice(0, 50)) {
      for (const v of await variables(dc, ref)) {
        if (match(v)) found.push(v);
        if (v.variablesReference > 0) next.push(v.variablesReference);
      }
    }
    level = next;
  }
  return found;
}

describe('initialize', () => {
  it('announces the contract\'s capabilities and exception filters', async () => {
    const response = await dc.initializeRequest();
    const body = response.body!;
    for (const capability of CAPABILITIES) assert.equal(body[capability], true, capability);
    const filters = body.exceptionBreakpointFilters ?? [];
    assert.deepEqual(filters.map((f) => f.filter).sort(), Object.keys(FILTERS).sort());
    for (const f of filters) {
      assert.equal(f.default ?? false, FILTERS[f.filter].default, `${f.filter} default`);
      assert.equal(f.supportsCondition ?? false, FILTERS[f.filter].condition, `${f.filter} supportsCondition`);
      assert.ok(f.label && f.description, `${f.filter} has a label and a description`);
    }
  });
});

describe('launch', () => {
  it('runs an invoked export to the end: exited 0, then terminated', async () => {
    const exited = dc.waitForEvent('exited');
    const terminated = dc.waitForEvent('terminated');
    await startSession(dc, launchArgs('list', { invoke: 'build', args: [10] }));
    assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0);
    await terminated;
  });

  it('restarts with the configuration the client sends, and says nothing of the first run ending', async () => {
    const stopped = stoppedEvent();
    await startSession(dc, launchArgs('list', { invoke: 'build', args: [1], stopOnEntry: true }));
    await stopped;
    const seen: string[] = [];
    dc.on('exited', () => seen.push('exited'));
    dc.on('terminated', () => seen.push('terminated'));
    dc.on('output', (e: DebugProtocol.OutputEvent) => seen.push(e.body.output));
    const exited = dc.waitForEvent('exited');
    await dc.customRequest('restart', { arguments: launchArgs('list', { invoke: 'build', args: [4] }) });
    assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0);
    assert.deepEqual(seen.filter((e) => e === 'exited' || e.startsWith('build returned')),
      ['build returned 4\n', 'exited'], 'one end, the second run\'s');
  });

  it('stops on entry when asked', async () => {
    const stopped = stoppedEvent();
    await startSession(dc, launchArgs('list', { invoke: 'build', args: [1], stopOnEntry: true }));
    assert.equal((await stopped).body.reason, 'entry');
  });

  const refused: [string, Record<string, unknown>, RegExp][] = [
    ['a missing program', { program: 'build/debug/no-such-program.wasm' }, /no-such-program\.wasm/],
    ['an unknown export', { invoke: 'noSuchExport' }, /noSuchExport/],
    ['a wrong argument count', { invoke: 'build', args: [] }, /build|argument/i],
  ];
  for (const [what, args, message] of refused) {
    it(`refuses ${what} with a message naming it, and stays up`, async () => {
      // `initialized` may come right after the initialize response or after a launch.
      const initialized = dc.waitForEvent('initialized');
      await dc.initializeRequest();
      await assert.rejects(dc.launchRequest({ ...launchArgs('list'), ...args } as DebugProtocol.LaunchRequestArguments), message);
      const exited = dc.waitForEvent('exited');
      await dc.launchRequest(launchArgs('list', { invoke: 'build', args: [2] }));
      await initialized;
      await dc.configurationDoneRequest();
      assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0);
    });
  }

  it('exits when the client disconnects', async () => {
    const stopped = stoppedEvent();
    await startSession(dc, launchArgs('list', { invoke: 'build', args: [1], stopOnEntry: true }));
    await stopped;
    await dc.disconnectRequest({});
    assert.equal(await dc.exited(), 0);
  });
});

describe('running programs', () => {
  it('pauses an infinite loop, and terminates it promptly', async () => {
    await startSession(dc, launchArgs('infinite', { invoke: 'spin' }));
    const threads = (await dc.threadsRequest()).body.threads;
    assert.equal(threads.length, 1);
    const stopped = stoppedEvent();
    await dc.pauseRequest({ threadId: threads[0].id });
    const event = await stopped;
    assert.equal(event.body.reason, 'pause');
    assert.match((await topFrame(dc, event.body.threadId!)).name, /spin/);
    const terminated = dc.waitForEvent('terminated', 5000);
    await dc.terminateRequest({});
    await terminated;
  });

  it('sends the program\'s console output as output events', async () => {
    const output = dc.assertOutput('stdout', 'line 1 of 2\nline 2 of 2\n');
    await startSession(dc, launchArgs('logging', { invoke: 'logLines', args: [2] }));
    await output;
  });
});

describe('breakpoints, stepping and variables on list.wasm', () => {
  const line = lineOf('list', 'after-alloc');

  // Breakpoints are set while stopped on entry, so these tests do not depend on when the
  // adapter accepts breakpoints during configuration (tested on its own below).
  async function stopAtAllocation(hits: number): Promise<DebugProtocol.StoppedEvent> {
    const entry = stoppedEvent();
    await startSession(dc, launchArgs('list', { invoke: 'build', args: [3], stopOnEntry: true }));
    const threadId = (await entry).body.threadId!;
    const set = await dc.setBreakpointsRequest({ source: { path: source('list') }, breakpoints: [{ line }] });
    assert.equal(set.body.breakpoints[0].verified, true, set.body.breakpoints[0].message);
    assert.equal(set.body.breakpoints[0].line, line);
    let event: DebugProtocol.StoppedEvent | undefined;
    for (let hit = 0; hit < hits; hit++) {
      const stopped = stoppedEvent();
      await dc.continueRequest({ threadId: event?.body.threadId ?? threadId });
      event = await stopped;
    }
    return event!;
  }

  it('verifies breakpoints set during configuration, as VS Code sends them', async () => {
    // VS Code sends launch on the initialize response and setBreakpoints on `initialized`:
    // the adapter may see them in either order and must verify the breakpoint either way.
    const stopped = stoppedEvent();
    await startSession(dc, launchArgs('list', { invoke: 'build', args: [3] }), async () => {
      const set = await dc.setBreakpointsRequest({ source: { path: source('list') }, breakpoints: [{ line }] });
      assert.equal(set.body.breakpoints[0].verified, true, set.body.breakpoints[0].message);
    });
    const event = await stopped;
    assert.equal(event.body.reason, 'breakpoint');
    assert.equal((await topFrame(dc, event.body.threadId!)).line, line);
  });

  it('stops on a source line, in the AssemblyScript function, with its locals', async () => {
    const event = await stopAtAllocation(2);
    assert.equal(event.body.reason, 'breakpoint');
    const frame = await topFrame(dc, event.body.threadId!);
    assert.equal(frame.line, line);
    assert.equal(frame.source?.path, source('list'));
    assert.match(frame.name, /append/);
    const scopes = (await dc.scopesRequest({ frameId: frame.id })).body.scopes;
    const scope = (name: string) => {
      const found = scopes.find((s) => s.name === name);
      assert.ok(found, `a ${name} scope among ${scopes.map((s) => s.name).join(', ')}`);
      return found;
    };
    const locals = await variables(dc, scope('Locals').variablesReference);
    assert.equal(locals.find((v) => v.name === 'value')?.value, '1', 'second call: value = 1');
    const globals = await variables(dc, scope('Globals').variablesReference);
    assert.ok(globals.some((v) => /list/.test(v.name)), `a global named list among ${globals.map((v) => v.name)}`);
  });

  it('offers the Locals, Globals, Heap (expensive), GC and Allocator scopes', async () => {
    const event = await stopAtAllocation(1);
    const frame = await topFrame(dc, event.body.threadId!);
    const scopes = (await dc.scopesRequest({ frameId: frame.id })).body.scopes;
    assert.deepEqual(scopes.map((s) => s.name), ['Locals', 'Globals', 'Heap', 'GC', 'Allocator']);
    assert.equal(scopes.find((s) => s.name === 'Heap')!.expensive, true);
  });

  it('moves a breakpoint on a line without code to the next line with code', async () => {
    const stopped = stoppedEvent();
    await startSession(dc, launchArgs('list', { invoke: 'build', args: [1], stopOnEntry: true }));
    await stopped;
    const comment = lineOf('list', 'after-build') + 3; // the doc comment of sum()
    const set = await dc.setBreakpointsRequest({ source: { path: source('list') }, breakpoints: [{ line: comment }] });
    const bp = set.body.breakpoints[0];
    assert.equal(bp.verified, true);
    assert.ok(bp.line! > comment && bp.line! <= comment + 3, `moved from ${comment} to ${bp.line}`);
  });

  it('steps over, and out to the caller', async () => {
    const event = await stopAtAllocation(1);
    const threadId = event.body.threadId!;
    let stopped = stoppedEvent();
    await dc.nextRequest({ threadId });
    assert.equal((await stopped).body.reason, 'step');
    const after = await topFrame(dc, threadId);
    assert.match(after.name, /append/);
    assert.ok(after.line > line, `stepped from ${line} to ${after.line}`);
    stopped = stoppedEvent();
    await dc.stepOutRequest({ threadId });
    assert.equal((await stopped).body.reason, 'step');
    const caller = await topFrame(dc, threadId);
    assert.match(caller.name, /build/);
  });

  it('shows live objects in the Heap scope with their headers, colors and memory', async () => {
    // Third stop: two Items exist.
    const event = await stopAtAllocation(3);
    const frame = await topFrame(dc, event.body.threadId!);
    const scopes = (await dc.scopesRequest({ frameId: frame.id })).body.scopes;
    const heap = scopes.find((s) => s.name === 'Heap')!;
    assert.ok(heap, `a Heap scope among ${scopes.map((s) => s.name).join(', ')}`);
    const rtSizes = await findVariables(heap.variablesReference, (v) => v.name === 'rtSize', 4);
    assert.ok(rtSizes.length >= 2, 'object headers are shown');
    const groups = await variables(dc, heap.variablesReference);
    const items = await variables(dc, groups.find((g) => g.name === 'Item')!.variablesReference);
    assert.equal(items.length, 2, 'two Item objects');
    const withMemory = items.filter((v) => v.memoryReference !== undefined);
    assert.equal(withMemory.length, 2, 'each Item with a memoryReference');
    // A pointer field opens the object it points at, as the object's own row does.
    const list = (await variables(dc, groups.find((g) => g.name === 'List')!.variablesReference))[0];
    const head = (await variables(dc, list.variablesReference)).find((v) => v.name === '+0')!;
    assert.ok(withMemory.some((v) => v.memoryReference === head.memoryReference), `list.head ${head.value} opens an Item`);
    const colors = await findVariables(heap.variablesReference, (v) => v.name === 'color', 4);
    for (const c of colors) assert.match(c.value, /^(white|black|gray|transparent)/);

    // The header before the payload the memoryReference names: an Item has two 4-byte fields.
    const read = await dc.customRequest('readMemory', { memoryReference: withMemory[0].memoryReference, offset: -20, count: 20 }) as DebugProtocol.ReadMemoryResponse;
    const header = decodeHeader(Buffer.from(read.body!.data!, 'base64'), 0);
    assert.equal(header.rtSize, 8);
    assert.equal(header.free, false);
  });

  it('answers tricolor/heapMap in the contract\'s shape, with the program\'s objects', async () => {
    const event = await stopAtAllocation(3);
    void event;
    const response = await dc.customRequest('tricolor/heapMap');
    const map = parseHeapMap(response.body);
    assert.equal(map.blocks.filter((b) => b.className === 'Item').length, 2);
    assert.equal(map.blocks.filter((b) => b.className === 'List').length, 1);
    assert.ok(map.blocks.some((b) => b.free), 'the heap has free space');
    assert.match(map.gcState, /^(idle|mark|sweep)$/);
  });

  it('shows the object tricolor/reveal selects first in the scopes, as its Heap row expands', async () => {
    const event = await stopAtAllocation(3);
    const frame = await topFrame(dc, event.body.threadId!);
    // What the heap view's "Show in Variables" sends: a block of the picture, + the header.
    const map = parseHeapMap((await dc.customRequest('tricolor/heapMap')).body);
    const payload = map.blocks.find((b) => b.className === 'Item')!.address + PAYLOAD_OFFSET;
    const answer = await dc.customRequest('tricolor/reveal', { address: payload });
    assert.equal(answer.body.address, payload);
    assert.match(answer.body.value, new RegExp(`^Item @ ${memoryReferenceOf(payload)} `));
    const scopes = (await dc.scopesRequest({ frameId: frame.id })).body.scopes;
    assert.deepEqual(scopes.map((s) => s.name), ['Selected object', 'Locals', 'Globals', 'Heap', 'GC', 'Allocator']);
    assert.equal(scopes[0].presentationHint, 'data');
    assert.equal(scopes[0].expensive, false, 'VS Code opens the first non-expensive scope by itself');
    const shown = (vs: DebugProtocol.Variable[]) => vs.map((v) => `${v.name} = ${v.value} @${v.memoryReference}`);
    const selected = await variables(dc, scopes[0].variablesReference);
    const groups = await variables(dc, scopes[3].variablesReference);
    const items = await variables(dc, groups.find((g) => g.name === 'Item')!.variablesReference);
    const row = items.find((v) => v.memoryReference === memoryReferenceOf(payload))!;
    assert.ok(row, `the Item at ${memoryReferenceOf(payload)} in the Heap scope`);
    assert.deepEqual(shown(selected), shown(await variables(dc, row.variablesReference)));
    assert.ok(selected.some((v) => v.name === 'header') && selected.some((v) => v.name === 'color'));

    const inside = memoryReferenceOf(payload + 4);
    await assert.rejects(dc.customRequest('tricolor/reveal', { address: payload + 4 }), new RegExp(inside));
    await dc.customRequest('tricolor/reveal', { address: null });
    const cleared = (await dc.scopesRequest({ frameId: frame.id })).body.scopes;
    assert.equal(cleared[0].name, 'Locals', 'a null address clears the selection');
  });

  it('evaluates locals and REPL commands', async () => {
    const event = await stopAtAllocation(2);
    const frame = await topFrame(dc, event.body.threadId!);
    const value = await dc.evaluateRequest({ expression: 'value + 41', frameId: frame.id, context: 'repl' });
    assert.equal(value.body.result, '42');
    const help = await dc.evaluateRequest({ expression: ':help', frameId: frame.id, context: 'repl' });
    for (const command of [':heap', ':gc', ':collect', ':object', ':check']) assert.ok(help.body.result.includes(command), command);
    await assert.rejects(dc.evaluateRequest({ expression: 'value +', frameId: frame.id, context: 'repl' }), /./);
    // Stopped at the second item's line: the first Item and the List live; nothing is garbage.
    const collect = await dc.evaluateRequest({ expression: ':collect', frameId: frame.id, context: 'repl' });
    assert.match(collect.body.result, /^full collection: freed 0 objects, 0 bytes\nlive: \d+ objects, total \d+ bytes \(was \d+\)/);
    const check = await dc.evaluateRequest({ expression: ':check', frameId: frame.id, context: 'repl' });
    assert.equal(check.body.result, 'the heap is consistent: no invariant is broken');
  });
});

describe('exception filters', () => {
  async function stopOn(name: string, invoke: string, args: number[], filters: string[], filterOptions: DebugProtocol.ExceptionFilterOptions[] = [], extra: Record<string, unknown> = {}) {
    const stopped = stoppedEvent();
    await startSession(dc, launchArgs(name, { invoke, args, ...extra }),
      () => dc.setExceptionBreakpointsRequest({ filters, filterOptions }));
    return stopped;
  }

  it('stops on a trap, says what happened, and ends with exit code 2 on continue', async () => {
    const event = await stopOn('trap', 'divide', [7, 0], ['trap']);
    assert.equal(event.body.reason, 'exception');
    const info = await dc.exceptionInfoRequest({ threadId: event.body.threadId! });
    assert.equal(info.body.exceptionId, 'trap');
    assert.match(info.body.description ?? '', /integer divide by zero/);
    assert.equal((await topFrame(dc, event.body.threadId!)).line, lineOf('trap', 'divide'));
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: event.body.threadId! });
    assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 2);
  });

  it('reports an Index out of range abort once, as bounds, when abort is on too', async () => {
    const event = await stopOn('bounds', 'arrayGet', [3], ['bounds', 'abort', 'trap']);
    assert.equal(event.body.reason, 'exception');
    const info = await dc.exceptionInfoRequest({ threadId: event.body.threadId! });
    assert.equal(info.body.exceptionId, 'bounds');
    assert.match(info.body.description ?? '', /Index out of range/);
  });

  it('stops on a failed assert with its message, file and line', async () => {
    const event = await stopOn('abort', 'checkPositive', [-1], ['abort'], [{ filterId: 'abort', condition: 'message == "x must be positive"' }]);
    const info = await dc.exceptionInfoRequest({ threadId: event.body.threadId! });
    assert.equal(info.body.exceptionId, 'abort');
    assert.match(info.body.description ?? '', /x must be positive/);
    assert.match(info.body.description ?? '', new RegExp(`abort\\.ts.*${lineOf('abort', 'assert')}`));
  });

  it('stops at each allocation of one class with a condition, and runs on', async () => {
    let stopped = stoppedEvent();
    await startSession(dc, launchArgs('list', { invoke: 'build', args: [3] }),
      () => dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'alloc', condition: 'className == "Item"' }] }));
    const exited = dc.waitForEvent('exited');
    for (let i = 0; i < 3; i++) {
      const event = await stopped;
      assert.equal(event.body.reason, 'alloc');
      assert.match(event.body.description ?? '', /Item/);
      stopped = stoppedEvent();
      await dc.continueRequest({ threadId: event.body.threadId! });
    }
    assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0);
  });

  it('stops on out of memory when memory.grow reaches the limit', async () => {
    program('oom');
    const event = await stopOn('oom', 'exhaust', [65536], ['oom'], [], { memoryLimitPages: 4 });
    const info = await dc.exceptionInfoRequest({ threadId: event.body.threadId! });
    assert.equal(info.body.exceptionId, 'oom');
  });
});
