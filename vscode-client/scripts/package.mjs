// `npm run package`: puts the debug adapter jar and the license beside the extension, then
// runs vsce. The jar is built by Maven at the repository root (`mvn -q package`); this
// script never builds Java itself, so a stale or missing jar is said plainly.

import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const client = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(client, '..');
const jar = join(repo, 'dap-server', 'target', 'dap-server.jar');

if (!existsSync(jar)) {
  console.error(`package: ${relative(client, jar)} is missing; run "mvn -q package" at the repository root first.`);
  process.exit(1);
}
mkdirSync(join(client, 'server'), { recursive: true });
copyFileSync(jar, join(client, 'server', 'dap-server.jar'));
copyFileSync(join(repo, 'LICENSE'), join(client, 'LICENSE'));
console.log(`package: bundling ${relative(client, jar)} (${statSync(jar).size} bytes)`);

const vsce = join(client, 'node_modules', '@vscode', 'vsce', 'vsce');
const result = spawnSync(process.execPath, [vsce, 'package', '--allow-missing-repository', ...process.argv.slice(2)],
  { cwd: client, stdio: 'inherit' });
process.exit(result.status ?? 1);
