// Starts the debug adapter for a session: the bundled jar on the user's Java over standard
// input/output, or, when "tricolor.server.port" is set, a connection to a server already
// listening there (`java -jar dap-server.jar --port N`, for debugging the server itself).

import * as vscode from 'vscode';
import { Java, findJava } from './javaRuntime';
import { findServerJar } from './serverJar';

/** Remembers the Java found per setting value, so each session does not run `java -version`. */
export class JavaLocator {
  private cached: { setting: string; java: Promise<Java> } | undefined;

  locate(): Promise<Java> {
    const setting = vscode.workspace.getConfiguration('tricolor').get<string>('java.path', '');
    if (!this.cached || this.cached.setting !== setting) {
      const java = findJava(setting);
      this.cached = { setting, java };
      java.catch(() => { if (this.cached?.java === java) this.cached = undefined; });
    }
    return this.cached.java;
  }
}

export class TricolorAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly extensionPath: string, private readonly javaLocator: JavaLocator) {}

  async createDebugAdapterDescriptor(session: vscode.DebugSession): Promise<vscode.DebugAdapterDescriptor> {
    const config = vscode.workspace.getConfiguration('tricolor', session.workspaceFolder);
    const port = config.get<number>('server.port', 0);
    if (port > 0) {
      // The contract's --port mode listens on loopback only.
      return new vscode.DebugAdapterServer(port, '127.0.0.1');
    }
    const java = await this.javaLocator.locate();
    const jar = findServerJar(this.extensionPath, config.get<string>('server.jar', ''));
    const vmArgs = config.get<string[]>('java.vmArgs', []);
    const cwd = typeof session.configuration.cwd === 'string' ? session.configuration.cwd : session.workspaceFolder?.uri.fsPath;
    return new vscode.DebugAdapterExecutable(java.executable, [...vmArgs, '-jar', jar], cwd ? { cwd } : {});
  }
}
