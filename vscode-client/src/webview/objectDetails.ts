// The selected block's details under the picture: what the heap map says about it, then its
// header words once the extension has read them. Pure: data in, DOM out.

import { HeapBlock, HEADER_SIZE, ObjectHeader, hex } from '../shared/heapMap.js';
import { labelOf } from './heapPicture.js';

export interface HeaderState {
  readonly header?: ObjectHeader;
  readonly error?: string;
}

export function renderDetails(doc: Document, block: HeapBlock, state: HeaderState | undefined): HTMLElement {
  const section = doc.createElement('section');
  section.className = 'details';
  section.dataset.address = String(block.address);
  const heading = doc.createElement('h2');
  heading.textContent = block.free ? 'Free block' : labelOf(block);
  section.append(heading);

  const rows: [string, string][] = [['block', `${hex(block.address)} (${block.size} bytes with mmInfo)`]];
  if (!block.free) {
    rows.push(['class', block.className ?? '(unknown)']);
    rows.push(['rtId', String(block.rtId ?? '?')]);
    rows.push(['color', block.color ?? '?']);
    rows.push(['payload', `${hex(block.address + HEADER_SIZE)} (${block.size - HEADER_SIZE} bytes after the header)`]);
  }
  section.append(table(doc, 'facts', rows));

  if (!block.free) {
    const header = doc.createElement('div');
    header.className = 'header';
    if (state?.header) {
      const h = state.header;
      header.append(table(doc, 'header-words', [
        ['mmInfo', `${hex(h.mmInfo)}  size ${h.blockSize}${h.free ? ' FREE' : ''}${h.leftFree ? ' LEFTFREE' : ''}`],
        ['gcInfo', `${hex(h.gcInfo)}  next ${hex(h.next)}, ${h.color}`],
        ['gcInfo2', `${hex(h.prev)}  prev`],
        ['rtId', String(h.rtId)],
        ['rtSize', String(h.rtSize)],
      ]));
    } else {
      const note = doc.createElement('p');
      note.className = state?.error ? 'error' : 'pending';
      note.textContent = state?.error ? `header not read: ${state.error}` : 'reading header…';
      header.append(note);
    }
    section.append(header);
  }

  const actions = doc.createElement('div');
  actions.className = 'actions';
  actions.append(button(doc, 'open-memory', 'Open in Memory view'));
  if (!block.free) actions.append(button(doc, 'reveal', 'Show in Variables'));
  section.append(actions);
  return section;
}

function table(doc: Document, className: string, rows: [string, string][]): HTMLTableElement {
  const t = doc.createElement('table');
  t.className = className;
  for (const [name, value] of rows) {
    const tr = doc.createElement('tr');
    tr.dataset.field = name;
    const th = doc.createElement('th');
    th.textContent = name;
    const td = doc.createElement('td');
    td.textContent = value;
    tr.append(th, td);
    t.append(tr);
  }
  return t;
}

function button(doc: Document, action: string, text: string): HTMLButtonElement {
  const b = doc.createElement('button');
  b.type = 'button';
  b.dataset.action = action;
  b.textContent = text;
  return b;
}
