// The heapMap response is checked once at the edge: a response off the contract's shape is
// refused with a message that names the field, before anything is drawn.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { HeapMapFormatError, colorOf, decodeHeader, parseHeapMap } from '../../src/shared/heapMap';
import { FIXTURES } from '../support/paths';

const recorded = () => JSON.parse(fs.readFileSync(path.join(FIXTURES, 'heapmap', 'heapmap.json'), 'utf8'));

describe('parseHeapMap', () => {
  it('accepts the recorded response and keeps every block', () => {
    const map = parseHeapMap(recorded());
    assert.equal(map.blocks.length, 613);
    assert.equal(map.gcState, 'mark');
    assert.deepEqual(map.blocks[0], { address: 37052, size: 48, free: false, color: 'gray', className: 'Array<Array<i32>>', rtId: 6 });
    const free = map.blocks.find((b) => b.free)!;
    assert.equal(free.color, null);
    assert.equal(free.className, null);
  });

  const broken: [string, (m: any) => void, RegExp][] = [
    ['a missing field', (m) => { delete m.heapBase; }, /heapBase: expected a non-negative integer, got nothing/],
    ['a string number', (m) => { m.memorySize = '65536'; }, /memorySize: expected a non-negative integer, got "65536"/],
    ['blocks not an array', (m) => { m.blocks = {}; }, /blocks: expected an array/],
    ['an unknown color', (m) => { m.blocks[3].color = 'red'; }, /blocks\[3\]\.color: expected one of white, black, gray, transparent .* got "red"/],
    ['a used block without color', (m) => { m.blocks[0].color = null; }, /blocks\[0\]\.color/],
    ['a zero size', (m) => { m.blocks[5].size = 0; }, /blocks\[5\]\.size: a block has at least its mmInfo word/],
    ['blocks out of order', (m) => { [m.blocks[1], m.blocks[2]] = [m.blocks[2], m.blocks[1]]; }, /blocks\[2\]: address .* overlaps the previous block/],
    ['a block past the memory', (m) => { m.memorySize = 40000; }, /ends beyond memorySize 40000/],
    ['gcState not a string', (m) => { m.gcState = 1; }, /gcState: expected a string, got 1/],
  ];
  for (const [what, breakIt, message] of broken) {
    it(`refuses ${what}, naming the field`, () => {
      const m = recorded();
      breakIt(m);
      assert.throws(() => parseHeapMap(m), (e: Error) => e instanceof HeapMapFormatError && message.test(e.message));
    });
  }

  it('refuses a body that is not an object', () => {
    assert.throws(() => parseHeapMap(null), /tricolor\/heapMap: expected an object, got null/);
  });
});

describe('decodeHeader', () => {
  // The gray Array<Array<i32>> of the recorded heap, as readMemory returned its 20 bytes.
  const reads = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'heapmap', 'readmemory.json'), 'utf8'));

  it('decodes mmInfo, the color bits, prev, rtId and rtSize', () => {
    const header = decodeHeader(Buffer.from(reads['0x90bc'].data, 'base64'), 0);
    assert.equal(header.blockSize, 44);
    assert.equal(header.free, false);
    assert.equal(header.leftFree, false);
    assert.equal(header.color, 'gray');
    assert.equal(header.next, 0x110);
    assert.equal(header.rtId, 6);
    assert.equal(header.rtSize, 16);
  });

  it('resolves 0 and 1 against the current white', () => {
    assert.equal(colorOf(0, 0), 'white');
    assert.equal(colorOf(1, 0), 'black');
    assert.equal(colorOf(0, 1), 'black');
    assert.equal(colorOf(1, 1), 'white');
    assert.equal(colorOf(3, 0), 'transparent');
  });

  it('reads LEFTFREE and FREE from the tag bits', () => {
    const bytes = new Uint8Array(20);
    new DataView(bytes.buffer).setUint32(0, 64 | 2 | 1, true);
    const h = decodeHeader(bytes, 0);
    assert.deepEqual([h.blockSize, h.leftFree, h.free], [64, true, true]);
  });

  it('refuses fewer than 20 bytes', () => {
    assert.throws(() => decodeHeader(new Uint8Array(12), 0), /an object header has 20 bytes, got 12/);
  });
});
