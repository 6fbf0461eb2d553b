// Bundles the extension (and, as entries are added, the CLI) with esbuild, and transpiles the
// sources and tests to out/ for the test tiers. Type-checking is separate: npm run check-types.
//   node scripts/build.mjs               development bundle (source maps, not minified)
//   node scripts/build.mjs --production  minified bundle with source maps, for packaging
//   node scripts/build.mjs --watch       rebuild the bundle on change
//   node scripts/build.mjs --tests       also transpile src/ and test/ to out/ (one file each)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/** Entry points of the shipped bundles: name in dist/ -> source. */
export const BUNDLE_ENTRIES = {
  extension: 'src/extension.ts',
};

const bundleOptions = {
  absWorkingDir: root,
  entryPoints: BUNDLE_ENTRIES,
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // The oldest extension host allowed by engines.vscode (1.100) runs Node 20.
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: true,
  sourcesContent: false,
  legalComments: production ? 'linked' : 'inline',
  logLevel: 'warning',
};

/** TypeScript files under dir, skipping node_modules (the test harness installs live under test/). */
function listSources(dir) {
  const files = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') files.push(...listSources(path));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

async function buildTests() {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [...listSources('src'), ...listSources('test')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

if (args.has('--watch')) {
  const context = await esbuild.context({
    ...bundleOptions,
    plugins: [
      {
        name: 'report',
        setup(build) {
          build.onEnd((result) => console.log(`[watch] built with ${result.errors.length} error(s)`));
        },
      },
    ],
  });
  await context.watch();
  console.log('[watch] watching src/ for changes');
} else {
  await esbuild.build(bundleOptions);
  if (args.has('--tests')) await buildTests();
}
