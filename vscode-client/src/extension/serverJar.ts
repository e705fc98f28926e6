// Where the debug adapter jar is: the user's setting, else the copy packaged in the .vsix
// (server/dap-server.jar), else, when the extension runs from a checkout of the repository,
// the Maven build's output beside it.

import * as fs from 'node:fs';
import * as path from 'node:path';

export const BUNDLED_JAR = path.join('server', 'dap-server.jar');
export const CHECKOUT_JAR = path.join('..', 'dap-server', 'target', 'dap-server.jar');

export class ServerJarNotFoundError extends Error {
  constructor(tried: readonly string[]) {
    super(`Tricolor's debug adapter jar was not found (tried ${tried.join(', ')}). `
      + 'Build it with "mvn -q package" at the repository root, or set "tricolor.server.jar".');
    this.name = 'ServerJarNotFoundError';
  }
}

export function findServerJar(extensionPath: string, setting: string | undefined): string {
  const tried = setting && setting.trim() !== ''
    ? [path.resolve(setting.trim())]
    : [path.join(extensionPath, BUNDLED_JAR), path.resolve(extensionPath, CHECKOUT_JAR)];
  const found = tried.find((p) => fs.existsSync(p));
  if (!found) throw new ServerJarNotFoundError(tried);
  return found;
}
