import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as yauzl from 'yauzl';
import { packagedVsixPath } from './support/paths';

function listZipEntries(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (openError, zip) => {
      if (openError || !zip) return reject(openError);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('the packaged .vsix', () => {
  let files: string[];

  before(async () => {
    const vsix = packagedVsixPath();
    assert.ok(existsSync(vsix), `${vsix} is missing: run npm run package`);
    files = (await listZipEntries(vsix)).filter((name) => name.startsWith('extension/')).map((name) => name.slice(10));
  });

  it('ships only the allowlisted files', () => {
    const allowed = [
      /^dist\//,
      /^schemas\//,
      /^snippets\//,
      /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
      /^media\//,
      /^package\.json$/,
      /^package\.nls(\.[\w-]+)?\.json$/,
      /^readme\.md$/i,
      /^changelog\.md$/i,
      /^license(\.txt)?$/i,
    ];
    const unexpected = files.filter((file) => !allowed.some((pattern) => pattern.test(file)));
    assert.deepEqual(unexpected, []);
  });

  it('contains the production bundles, the lazily loaded main, accuracy, bulk, scenarios, sandbox and zod, and the icon; no CLI, source maps, sources or tests', () => {
    assert.deepEqual(
      files.filter((file) => file.startsWith('dist/')).sort(),
      [
        'dist/accuracy.js',
        'dist/bulk.js',
        'dist/extension.js',
        'dist/main.js',
        'dist/sandbox.js',
        'dist/scenarios.js',
        'dist/zod.js',
      ],
      'the CLI is its own package (npm run package:cli) and source maps stay out',
    );
    for (const required of [
      'dist/extension.js',
      'dist/main.js',
      'dist/accuracy.js',
      'dist/bulk.js',
      'dist/scenarios.js',
      'dist/sandbox.js',
      'dist/zod.js',
      'media/icon.png',
      'package.nls.json',
      // The message bundles: English, and the Brazilian Portuguese translation of it and of the manifest.
      'l10n/bundle.l10n.json',
      'l10n/bundle.l10n.pt-br.json',
      'package.nls.pt-br.json',
    ]) {
      assert.ok(files.includes(required), `${required} is missing from the .vsix`);
    }
    assert.deepEqual(
      files.filter((file) => /^(src|test|out|node_modules)\/|\.ts$/.test(file)),
      [],
    );
  });
});
