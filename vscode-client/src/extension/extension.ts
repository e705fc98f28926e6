// Entry point: registers the `tricolor` debug type's configuration provider and adapter
// factory, and the Heap view that redraws at each stop.

import * as vscode from 'vscode';
import { JavaLocator, TricolorAdapterFactory } from './adapterFactory';
import { TricolorConfigurationProvider } from './configurationProvider';
import { HEAP_VIEW_ID, HeapViewProvider } from './heapView/heapViewProvider';

export const DEBUG_TYPE = 'tricolor';

export function activate(context: vscode.ExtensionContext): void {
  const javaLocator = new JavaLocator();
  const heapView = new HeapViewProvider(context.extensionUri);
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new TricolorConfigurationProvider(javaLocator)),
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new TricolorAdapterFactory(context.extensionPath, javaLocator)),
    vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, heapView),
    vscode.window.registerWebviewViewProvider(HEAP_VIEW_ID, heapView, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.commands.registerCommand('tricolor.heapView.refresh', () => heapView.refresh()),
  );
}

export function deactivate(): void {
  // Sessions end with VS Code's own teardown; nothing is held here.
}
