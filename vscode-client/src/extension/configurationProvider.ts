// Checks a launch configuration before a session starts, where a clear message is cheapest:
// a configuration without a program, and a machine without Java 17+, are told here with a
// way to fix them. Everything else (file present, valid module, source map) the server
// checks and reports in its `launch` response.

import * as vscode from 'vscode';
import { JavaLocator } from './adapterFactory';

export class TricolorConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly javaLocator: JavaLocator) {}

  resolveDebugConfiguration(
    _folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | null | undefined {
    if (!config.type && !config.request && !config.name) {
      // F5 without a launch.json: null makes VS Code open one, seeded with our initial configuration.
      void vscode.window.showInformationMessage(
        'Tricolor: add a launch configuration with the "program" (.wasm file) to debug.');
      return null;
    }
    if (typeof config.program !== 'string' || config.program.trim() === '') {
      void vscode.window.showErrorMessage(
        `Tricolor: the launch configuration "${config.name ?? ''}" has no "program": set it to the .wasm file to debug.`);
      return null;
    }
    return config;
  }

  async resolveDebugConfigurationWithSubstitutedVariables(
    folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    const port = vscode.workspace.getConfiguration('tricolor', folder).get<number>('server.port', 0);
    if (port > 0 || typeof config.debugServer === 'number') return config;
    try {
      await this.javaLocator.locate();
    } catch (e) {
      const choice = await vscode.window.showErrorMessage((e as Error).message, { modal: false }, 'Open Settings');
      if (choice === 'Open Settings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'tricolor.java.path');
      }
      return undefined;
    }
    return config;
  }
}
