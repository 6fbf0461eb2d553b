// The message bundle of the extension's and the CLI's strings: every `l10n.t(…)` and
// `vscode.l10n.t(…)` under src/, exported by @vscode/l10n-dev's getL10nJson (what
// `vscode-l10n-dev export --outDir l10n src` runs), with files read in a fixed order and keys
// sorted so the committed file only changes when a string does. Two import forms are read as the
// ones the extractor follows (below), so use this, not the bare CLI, to export. scripts/build.mjs
// writes it (with CI set, verifies it); test/unit/l10n.unit.test.ts fails when it is stale.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

/** The English bundle's path in the repository (package.json "l10n" is its folder). */
export const BUNDLE_FILE = 'l10n/bundle.l10n.json';

/**
 * The extractor only follows `import * as vscode from 'vscode'`; the extension writes
 * `import vscode = require('vscode')` (no ESM interop copy of the API per module, see the README's
 * activation notes), so that line is read as the namespace import it stands for.
 */
const REQUIRE_VSCODE = /^import vscode = require\('vscode'\);$/gm;

function sources(dir) {
  const files = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sources(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/**
 * Core and the CLI import `l10n` from src/core/l10n.ts, which re-exports @vscode/l10n; the
 * extractor only follows imports of 'vscode' and '@vscode/l10n', so that import is read as the
 * package's (the same `l10n.t` calls either way).
 */
const LOCAL_L10N_IMPORT = /from '(?:\.\.?\/)+(?:core\/)?l10n'/g;

/** The text of l10n/bundle.l10n.json as src/ says it should be. */
export async function exportBundle() {
  const { getL10nJson } = require('@vscode/l10n-dev');
  const files = sources('src').sort();
  const bundle = await getL10nJson(
    files.map((file) => ({
      extension: extname(file),
      contents: readFileSync(join(root, file), 'utf8')
        .replace(LOCAL_L10N_IMPORT, "from '@vscode/l10n'")
        .replace(REQUIRE_VSCODE, "import * as vscode from 'vscode';"),
    })),
  );
  const sorted = Object.fromEntries(
    Object.keys(bundle)
      .sort()
      .map((key) => [key, bundle[key]]),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
