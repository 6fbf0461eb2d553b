// The message bundle of the extension's and the CLI's strings: every `l10n.t(…)` and
// `vscode.l10n.t(…)` under src/, exported by @vscode/l10n-dev (the same as
// `vscode-l10n-dev export --outDir l10n src`), with files read in a fixed order and keys sorted so
// the committed file only changes when a string does. scripts/build.mjs writes it (with CI set,
// verifies it); test/unit/l10n.unit.test.ts fails when it is stale.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

/** The English bundle's path in the repository (package.json "l10n" is its folder). */
export const BUNDLE_FILE = 'l10n/bundle.l10n.json';

function sources(dir) {
  const files = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sources(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** The text of l10n/bundle.l10n.json as src/ says it should be. */
export async function exportBundle() {
  const { getL10nJson } = require('@vscode/l10n-dev');
  const files = sources('src').sort();
  const bundle = await getL10nJson(
    files.map((file) => ({ extension: extname(file), contents: readFileSync(join(root, file), 'utf8') })),
  );
  const sorted = Object.fromEntries(
    Object.keys(bundle)
      .sort()
      .map((key) => [key, bundle[key]]),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
