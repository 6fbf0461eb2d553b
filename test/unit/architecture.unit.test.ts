import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

const src = join(__dirname, '../../../src');

/** Every TypeScript file under src/, as a path relative to src/ with forward slashes. */
function sources(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [relative(src, path).split(sep).join('/')] : [];
  });
}

function read(file: string): string {
  return readFileSync(join(src, file), 'utf8');
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** The VS Code namespaces feature code reaches only through WindowApis and WorkspaceApis. */
const SEAMED_NAMESPACES = ['window', 'commands', 'workspace', 'env', 'languages'];

/** `line: text` for every use of a seamed namespace straight from the vscode module. */
function directVscodeCalls(text: string): string[] {
  const found: { line: number; use: string }[] = [];
  const aliases = [
    ...text.matchAll(/\bimport\s+(\w+)\s*=\s*require\(\s*['"]vscode['"]\s*\)/g),
    ...text.matchAll(/\bimport\s+(?:type\s+)?\*\s+as\s+(\w+)\s+from\s+['"]vscode['"]/g),
  ].map((match) => match[1] as string);
  for (const alias of aliases) {
    const use = new RegExp(`\\b${alias}\\s*\\.\\s*(${SEAMED_NAMESPACES.join('|')})\\b`, 'g');
    for (const match of text.matchAll(use)) found.push({ line: lineOf(text, match.index), use: match[0] });
  }
  for (const match of text.matchAll(/\bimport\s+(?:type\s+)?\{([^}]*)\}\s*from\s+['"]vscode['"]/g)) {
    // `{ Uri, type TextDocument, window as w }`: the imported names, before any `as`.
    for (const [, name] of (match[1] as string).matchAll(/(?:^|,)\s*(?:type\s+)?(\w+)/g)) {
      if (SEAMED_NAMESPACES.includes(name as string))
        found.push({ line: lineOf(text, match.index), use: `import { ${name} }` });
    }
  }
  return found.sort((a, b) => a.line - b.line).map(({ line, use }) => `${line}: ${use}`);
}

/** What a file imports: module specifiers of import, export … from, require() and import(). */
function importsOf(text: string): string[] {
  const pattern = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  return [...text.matchAll(pattern)].map((match) => match[1] as string);
}

/** A relative import of `file` as a path under src/ (no extension); bare specifiers as they are. */
function resolveImport(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/(\/index)?\.(ts|js)$/, '');
}

function within(path: string, layer: string): boolean {
  return path === layer || path.startsWith(`${layer}/`);
}

/** Layer by layer, what it must not import (paths under src/ without extension, or modules). */
const FORBIDDEN: { layer: string; forbids: (target: string, specifier: string) => boolean; rule: string }[] = [
  {
    layer: 'core',
    forbids: (target, specifier) => (specifier.startsWith('.') ? !within(target, 'core') : target === 'vscode'),
    rule: 'src/core imports nothing outside src/core, and never vscode',
  },
  ...['ui', 'services', 'requests'].map((layer) => ({
    layer,
    forbids: (target: string) => within(target, 'commands') || within(target, 'run'),
    rule: `src/${layer} imports nothing from src/commands or src/run`,
  })),
  {
    layer: 'run',
    forbids: (target: string) => within(target, 'commands'),
    rule: 'src/run imports nothing from src/commands',
  },
];

function layerViolations(file: string, text: string): string[] {
  const found: string[] = [];
  for (const { layer, forbids, rule } of FORBIDDEN) {
    if (!within(file.replace(/\.ts$/, ''), layer)) continue;
    for (const specifier of importsOf(text)) {
      if (forbids(resolveImport(file, specifier), specifier))
        found.push(`src/${file} imports '${specifier}' (${rule})`);
    }
  }
  return found;
}

describe('the architecture', () => {
  const files = sources();
  const featureFiles = files.filter((file) => within(dirname(file), 'run') || within(dirname(file), 'commands'));

  it('finds the sources it checks', () => {
    assert.ok(
      featureFiles.some((file) => file.startsWith('run/')),
      'no file under src/run',
    );
    assert.ok(
      featureFiles.some((file) => file.startsWith('commands/')),
      'no file under src/commands',
    );
    assert.ok(
      files.some((file) => file.startsWith('core/')),
      'no file under src/core',
    );
  });

  it('src/run and src/commands reach VS Code through WindowApis and WorkspaceApis, never directly', () => {
    const direct = featureFiles.flatMap((file) => directVscodeCalls(read(file)).map((use) => `src/${file}:${use}`));
    assert.deepEqual(
      direct,
      [],
      'use services.ui (src/ui/windowApis.ts) or services.workspace (src/ui/workspaceApis.ts)',
    );
  });

  it('no file imports from a layer above it', () => {
    assert.deepEqual(
      files.flatMap((file) => layerViolations(file, read(file))),
      [],
    );
  });

  // The checks above pass vacuously if they recognise nothing: they must see these.
  it('recognises direct calls in every form they are written', () => {
    const text = [
      "import vscode = require('vscode');",
      "import * as code from 'vscode';",
      "import { Uri, type TextDocument, window as w } from 'vscode';",
      'void vscode.commands.executeCommand("x");',
      'const folders = code.workspace.workspaceFolders;',
      'vscode.window.showInformationMessage("hi");',
      'const uri = vscode.Uri.file("/a"); const kind = vscode.FileType.File;',
    ].join('\n');
    assert.deepEqual(directVscodeCalls(text), [
      '3: import { window }',
      '4: vscode.commands',
      '5: code.workspace',
      '6: vscode.window',
    ]);
  });

  it('recognises imports that point up', () => {
    assert.deepEqual(layerViolations('run/notify.ts', "import { promptForKey } from '../commands/setApiKey';"), [
      "src/run/notify.ts imports '../commands/setApiKey' (src/run imports nothing from src/commands)",
    ]);
    assert.equal(layerViolations('ui/statusBar.ts', "import { COMMANDS } from '../commands';").length, 1);
    assert.equal(layerViolations('services/history.ts', "export { runCalls } from '../run/runCalls';").length, 1);
    assert.equal(layerViolations('core/http/client.ts', "import type * as vscode from 'vscode';").length, 1);
    assert.equal(layerViolations('core/http/client.ts', "const m = await import('../../log');").length, 1);
    assert.deepEqual(
      layerViolations('core/http/client.ts', "import * as z from 'zod';\nimport { redact } from '../redact';"),
      [],
    );
    assert.deepEqual(layerViolations('run/target.ts', "import { promptForKey } from '../ui/keyPrompt';"), []);
  });
});

/** The validator's one entry: everything its callers need is exported there. */
const VALIDATOR = 'core/validate';
const VALIDATOR_ENTRY = 'core/validate/validateRequest';

/** Imports from outside src/core/validate that reach past the validator's entry into its files. */
function validatorBypasses(file: string, text: string): string[] {
  if (within(file.replace(/\.ts$/, ''), VALIDATOR)) return [];
  return importsOf(text)
    .filter((specifier) => {
      const target = resolveImport(file, specifier);
      return specifier.startsWith('.') && within(target, VALIDATOR) && target !== VALIDATOR_ENTRY;
    })
    .map((specifier) => `src/${file} imports '${specifier}' (only src/${VALIDATOR_ENTRY}.ts is the validator's entry)`);
}

describe("the validator's entry", () => {
  it('code outside src/core/validate imports the validator only through validateRequest.ts', () => {
    const files = sources();
    assert.ok(files.includes(`${VALIDATOR_ENTRY}.ts`), `no src/${VALIDATOR_ENTRY}.ts`);
    assert.deepEqual(
      files.flatMap((file) => validatorBypasses(file, read(file))),
      [],
    );
  });

  it('recognises an import past the entry, and lets the validator import its own files', () => {
    assert.equal(
      validatorBypasses('requests/hover.ts', "import { parseJsonTree } from '../core/validate/jsonTree';").length,
      1,
    );
    assert.equal(
      validatorBypasses('core/request/fileReferences.ts', "import type { A } from '../validate/types';").length,
      1,
    );
    assert.equal(validatorBypasses('cli/commands/validate.ts', "import { x } from '../../core/validate';").length, 1);
    assert.deepEqual(
      validatorBypasses('requests/hover.ts', "import { validateRequest } from '../core/validate/validateRequest';"),
      [],
    );
    assert.deepEqual(validatorBypasses('core/validate/person.ts', "import { customId } from './customId';"), []);
    assert.deepEqual(validatorBypasses('core/validation.ts', "import { x } from './validationHelpers';"), []);
  });
});
