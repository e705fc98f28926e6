// package.json against the contract: every launch argument of DAP-CONTRACT.md is in the
// launch.json schema, with the contract's type, and nothing else is.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLIENT_ROOT, DOCS } from '../support/paths';

const manifest = JSON.parse(fs.readFileSync(path.join(CLIENT_ROOT, 'package.json'), 'utf8'));
const debuggers = manifest.contributes.debuggers as any[];
const tricolor = debuggers.find((d) => d.type === 'tricolor');
const contractFile = path.join(DOCS, 'DAP-CONTRACT.md');

interface Argument { name: string; type: string; default: string }

// The rows of the contract's launch argument table: | `name` | type | default | meaning |
function contractArguments(): Argument[] {
  const text = fs.readFileSync(contractFile, 'utf8');
  const start = text.indexOf('| argument | type | default | meaning |');
  assert.ok(start >= 0, 'the contract has its launch argument table');
  const rows: Argument[] = [];
  for (const line of text.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const [name, type, dflt] = line.split('|').slice(1).map((c) => c.trim());
    rows.push({ name: name.replace(/`/g, ''), type, default: dflt });
  }
  return rows;
}

describe('package.json', () => {
  it('contributes the tricolor debug type with breakpoints in AssemblyScript and .wat files', () => {
    assert.ok(tricolor, 'a debugger of type tricolor');
    const languages = (manifest.contributes.breakpoints as { language: string }[]).map((b) => b.language);
    assert.deepEqual(languages.sort(), ['typescript', 'wat']);
    const wat = (manifest.contributes.languages as { id: string; extensions: string[] }[]).find((l) => l.id === 'wat');
    assert.ok(wat?.extensions.includes('.wat'), 'the wat language covers .wat files');
  });

  it('declares every launch argument of the contract, with its type, and no other', () => {
    const schema = tricolor.configurationAttributes.launch;
    const args = contractArguments();
    assert.ok(args.length >= 11, `read ${args.length} arguments from the contract`);
    assert.deepEqual(Object.keys(schema.properties).sort(), args.map((a) => a.name).sort());
    const required = args.filter((a) => a.type.includes('required')).map((a) => a.name);
    assert.deepEqual(schema.required, required);
    for (const arg of args) {
      const prop = schema.properties[arg.name];
      assert.ok(typeof prop.description === 'string' && prop.description.length > 20, `${arg.name} is described`);
      const enumValues = [...arg.type.matchAll(/"([a-z]+)"/g)].map((m) => m[1]);
      if (enumValues.length > 0) {
        assert.deepEqual(prop.enum, enumValues, `${arg.name} enum`);
        assert.equal(prop.enumDescriptions?.length, enumValues.length, `${arg.name} enum descriptions`);
      } else if (arg.type.startsWith('array of numbers')) {
        assert.deepEqual([prop.type, prop.items?.type], ['array', 'number'], arg.name);
      } else {
        assert.equal(prop.type, arg.type.split(',')[0].trim(), `${arg.name} type`);
      }
      // Literal defaults of the contract (false, 10000, [], "guest") are the schema's defaults.
      const literal = arg.default.replace(/`/g, '');
      if (/^(false|true|\d+|\[\]|"[a-z]+")$/.test(literal)) {
        assert.deepEqual(prop.default, JSON.parse(literal), `${arg.name} default`);
      }
    }
  });

  it('offers initial configurations and snippets that satisfy the schema\'s required fields', () => {
    const required: string[] = tricolor.configurationAttributes.launch.required;
    const bodies = [...tricolor.initialConfigurations, ...tricolor.configurationSnippets.map((s: any) => s.body)];
    assert.ok(tricolor.configurationSnippets.length >= 2);
    for (const body of bodies) {
      assert.equal(body.type, 'tricolor');
      assert.equal(body.request, 'launch');
      for (const field of required) assert.ok(field in body, `${body.name} has ${field}`);
      for (const field of Object.keys(body)) {
        assert.ok(['type', 'request', 'name', ...Object.keys(tricolor.configurationAttributes.launch.properties)].includes(field), `${body.name}: ${field} is a launch argument`);
      }
    }
  });

  it('has a Java setting, a server port setting, and pins its development dependencies', () => {
    const settings = manifest.contributes.configuration.properties;
    assert.equal(settings['tricolor.java.path'].default, '');
    assert.equal(settings['tricolor.server.port'].default, 0);
    for (const [name, version] of Object.entries(manifest.devDependencies as Record<string, string>)) {
      assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned exactly`);
    }
    assert.equal(manifest.engines.vscode, `^${manifest.devDependencies['@types/vscode']}`, '@types/vscode matches the engine');
  });
});

describe('eclipse/tricolor.launch', () => {
  const file = path.join(CLIENT_ROOT, '..', 'eclipse', 'tricolor.launch');
  const text = fs.readFileSync(file, 'utf8');
  const attribute = (key: string) => {
    const match = new RegExp(`key="org\\.eclipse\\.lsp4e\\.debug\\.model\\.${key}" value="([^"]*)"`).exec(text);
    assert.ok(match, `the launch file sets ${key}`);
    return match[1].replace(/&#10;/g, '\n').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  };

  it('is an LSP4E Debug Adapter Launcher configuration that runs the jar', () => {
    assert.match(text, /<launchConfiguration type="org\.eclipse\.lsp4e\.debug\.launchType">/);
    assert.equal(attribute('ATTR_DSP_MODE'), 'launch server');
    assert.match(text, /<listEntry value="-jar"\/>\s*<listEntry value="\$\{workspace_loc:\/tricolor\/dap-server\/target\/dap-server\.jar\}"\/>/);
  });

  it('passes only launch arguments of the schema, for a program the repository has', () => {
    const params = JSON.parse(attribute('ATTR_DSP_PARAM'));
    const known = ['type', 'request', ...Object.keys(tricolor.configurationAttributes.launch.properties)];
    for (const key of Object.keys(params)) assert.ok(known.includes(key), `${key} is a launch argument`);
    assert.equal(params.type, 'tricolor');
    const repoPath = (p: string) => p.replace(/^\$\{workspace_loc:\/tricolor([^}]*)\}$/, (_, rest) => path.join(CLIENT_ROOT, '..', rest));
    assert.ok(fs.existsSync(repoPath(params.program)), `${params.program} is in the repository`);
    assert.ok(fs.existsSync(path.join(repoPath(params.cwd), 'programs', 'list.ts')), 'cwd is where asc ran, so the map\'s sources resolve');
  });
});

describe('the .vsix contents (vsce ls, as npm run package would pack)', () => {
  it('holds the compiled extension, the page and its style, and no sources, tests or dependencies', { timeout: 60_000 }, () => {
    const vsce = path.join(CLIENT_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = execFileSync(process.execPath, [vsce, 'ls'], { cwd: CLIENT_ROOT, encoding: 'utf8' }).trim().split('\n');
    const main = path.posix.normalize(manifest.main);
    for (const required of [main, 'package.json', 'README.md', 'media/heapView.css', 'out/webview/webview/main.js', 'out/webview/webview/heapPicture.js']) {
      assert.ok(listed.includes(required), `${required} is packed`);
    }
    const allowed = /^(package\.json|README\.md|LICENSE|server\/dap-server\.jar|media\/[^/]+\.css|out\/(src|webview)\/.+\.js)$/;
    for (const file of listed) assert.match(file, allowed, `${file} does not belong in the .vsix`);
  });
});
