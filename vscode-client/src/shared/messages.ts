// Messages between the extension host and the heap view's page. Both sides import this file,
// so a renamed field breaks the build instead of the view.

import type { HeapMap, ObjectHeader } from './heapMap.js';

export type ToView =
  /** A fresh picture at a stop. */
  | { readonly type: 'heapMap'; readonly map: HeapMap; readonly session: string }
  /** No picture to show: not stopped, no session, or the request failed (text says which). */
  | { readonly type: 'status'; readonly text: string; readonly error?: boolean }
  /** The header words of the selected object, read from linear memory. */
  | { readonly type: 'objectHeader'; readonly address: number; readonly header?: ObjectHeader; readonly error?: string };

export type FromView =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'select'; readonly address: number }
  | { readonly type: 'openMemory'; readonly address: number; readonly size: number; readonly label: string }
  /** Show the object of the block at `address` in the Variables view (tricolor/reveal). */
  | { readonly type: 'reveal'; readonly address: number };
