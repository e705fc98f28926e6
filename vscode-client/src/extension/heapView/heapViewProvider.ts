// The "Heap" view in the Run and Debug side bar. At each stop of a Tricolor session it asks
// the server for `tricolor/heapMap` and hands the checked result to the page; it answers the
// page's requests (the selected object's header, the memory view, the Variables view).

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { HEADER_SIZE, HeapMapFormatError, PAYLOAD_OFFSET, decodeHeader, hex, memoryReferenceOf, parseHeapMap } from '../../shared/heapMap';
import type { FromView, ToView } from '../../shared/messages';
import { heapViewHtml } from './html';

export const HEAP_VIEW_ID = 'tricolor.heapView';
const HEX_EDITOR = 'ms-vscode.hexeditor';
const RESUMING = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'goto', 'restartFrame']);

export class HeapViewProvider implements vscode.WebviewViewProvider, vscode.DebugAdapterTrackerFactory {
  private view: vscode.WebviewView | undefined;
  private session: vscode.DebugSession | undefined;
  private stopped = false;
  private white = 0;
  private generation = 0;

  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const out = vscode.Uri.joinPath(this.extensionUri, 'out', 'webview');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [out, media] };
    view.webview.html = heapViewHtml({
      scriptBase: view.webview.asWebviewUri(out).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'heapView.css')).toString(),
      cspSource: view.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
    });
    view.webview.onDidReceiveMessage((m: FromView) => this.onMessage(m));
    view.onDidDispose(() => { this.view = undefined; });
  }

  // One tracker per Tricolor session: the stop and resume events drive the picture.
  createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
    return {
      onDidSendMessage: (m: { type?: string; event?: string }) => {
        if (m.type !== 'event') return;
        if (m.event === 'stopped') {
          this.session = session;
          this.stopped = true;
          void this.refresh();
        } else if (m.event === 'continued' && this.session === session) {
          this.markRunning();
        }
      },
      // An adapter need not send `continued` after answering continue or a step: the
      // request itself says the program runs again.
      onWillReceiveMessage: (m: { type?: string; command?: string }) => {
        if (m.type === 'request' && this.session === session && RESUMING.has(m.command ?? '')) this.markRunning();
      },
      onWillStopSession: () => {
        if (this.session !== session) return;
        this.session = undefined;
        this.stopped = false;
        this.post({ type: 'status', text: 'The debug session ended.' });
      },
    };
  }

  private markRunning(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.generation++;
    this.post({ type: 'status', text: 'Running: the picture is from the last stop.' });
  }

  async refresh(): Promise<void> {
    const session = this.session;
    if (!session || !this.stopped) {
      this.post({ type: 'status', text: 'Not stopped: the heap is drawn at each stop of a Tricolor session.' });
      return;
    }
    // Only the latest of overlapping refreshes (quick steps) may draw.
    const generation = ++this.generation;
    try {
      const body = await session.customRequest('tricolor/heapMap');
      if (generation !== this.generation) return;
      const map = parseHeapMap(body);
      this.white = map.white;
      this.post({ type: 'heapMap', map, session: session.name });
    } catch (e) {
      if (generation !== this.generation) return;
      const reason = e instanceof HeapMapFormatError ? e.message : `tricolor/heapMap failed: ${(e as Error).message}`;
      this.post({ type: 'status', text: reason, error: true });
    }
  }

  private async onMessage(message: FromView): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        await this.refresh();
        return;
      case 'select':
        await this.readHeader(message.address);
        return;
      case 'openMemory':
        await this.openMemory(message.address, message.label);
        return;
      case 'reveal':
        await this.reveal(message.address);
        return;
    }
  }

  private async readHeader(address: number): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      const body = await session.customRequest('readMemory', {
        memoryReference: memoryReferenceOf(address), offset: 0, count: HEADER_SIZE,
      }) as { data?: string; unreadableBytes?: number };
      const bytes = Buffer.from(body.data ?? '', 'base64');
      if (bytes.length < HEADER_SIZE) {
        throw new Error(`readMemory returned ${bytes.length} of ${HEADER_SIZE} bytes at ${hex(address)}`);
      }
      this.post({ type: 'objectHeader', address, header: decodeHeader(bytes, this.white) });
    } catch (e) {
      this.post({ type: 'objectHeader', address, error: (e as Error).message });
    }
  }

  // VS Code's own "View Binary Data" opens this URI in the Hex Editor; so do we.
  private async openMemory(address: number, label: string): Promise<void> {
    const session = this.session;
    if (!session) return;
    if (!vscode.extensions.getExtension(HEX_EDITOR)) {
      const choice = await vscode.window.showInformationMessage(
        'The memory view needs the Hex Editor extension.', 'Install Hex Editor');
      if (choice) await vscode.commands.executeCommand('workbench.extensions.installExtension', HEX_EDITOR);
      return;
    }
    const uri = vscode.Uri.from({
      scheme: 'vscode-debug-memory',
      authority: session.id,
      path: `/${encodeURIComponent(memoryReferenceOf(address))}/${encodeURIComponent(label)}.bin`,
    });
    await vscode.commands.executeCommand('vscode.openWith', uri, 'hexEditor.hexedit', { preview: false });
  }

  // DAP has no request that reveals a variable. The server's `tricolor/reveal` makes the object
  // the first scope of every frame, and VS Code opens the first non-expensive scope by itself;
  // the `invalidated` event that follows makes it fetch the scopes again.
  private async reveal(blockAddress: number): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      await session.customRequest('tricolor/reveal', { address: blockAddress + PAYLOAD_OFFSET });
    } catch (e) {
      void vscode.window.showErrorMessage(`Show in Variables: ${(e as Error).message}`);
      return;
    }
    await vscode.commands.executeCommand('workbench.debug.action.focusVariablesView');
  }

  private post(message: ToView): void {
    void this.view?.webview.postMessage(message);
  }
}
