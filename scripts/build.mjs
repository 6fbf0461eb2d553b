// Bundles the extension (and, as entries are added, the CLI) with esbuild, and transpiles the
// sources and tests to out/ for the test tiers. Type-checking is separate: npm run check-types.
//   node scripts/build.mjs               development bundle (source maps, not minified)
//   node scripts/build.mjs --production  minified bundle with source maps, for packaging
//   node scripts/build.mjs --watch       rebuild the bundle on change
//   node scripts/build.mjs --tests       also transpile src/ and test/ to out/ (one file each)
// Every build also generates schemas/ from the zod contract and l10n/bundle.l10n.json from the
// l10n.t calls in src/ (scripts/l10n.mjs); with CI set it only verifies that the committed files
// are current, and fails when they are stale.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import * as esbuild from 'esbuild';
import { BUNDLE_FILE, exportBundle } from './l10n.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/**
 * Entry points of the shipped bundles: name in dist/ -> source. Each bundle holds its own copy of
 * @vscode/l10n, so each one the extension loads and that shows core text calls useBundle when it
 * loads (extension, main, accuracy, bulk, scenarios); the sandbox's answers are the API's English contract and
 * stay without a bundle.
 */
export const BUNDLE_ENTRIES = {
  // Activation only: registers commands and schemes, loads dist/main.js on first need (see lazyMain).
  extension: 'src/extension.ts',
  // The rest of the extension: services, validator, providers, status bar.
  main: 'src/main.ts',
  cli: 'src/cli.ts',
  // The local sandbox, loaded by the extension only when it starts (keeps activation small).
  sandbox: 'src/core/sandbox/index.ts',
  // The accuracy lab (Evaluate Accuracy…, Quality Report…), loaded on first use (see lazyAccuracy).
  accuracy: 'src/accuracy/index.ts',
  // The bulk runner (Enroll / Update / Delete Folder…) and its CSV parser, loaded on first use (see lazyBulk).
  bulk: 'src/bulk/index.ts',
  // Scenario files: Test Explorer runs, diagnostics, CodeLens, completions; loaded on first use (see lazyScenarios).
  scenarios: 'src/scenarios/index.ts',
  // zod on its own, loaded by the other bundles on first use (see lazyZod).
  zod: 'zod',
};

const require = createRequire(import.meta.url);
const ZOD_EXPORTS = Object.keys(require('zod'));

/**
 * In the bundles, `zod` is a stand-in that loads dist/zod.js on first property access: zod's
 * set-up and a third of the extension's code stay out of activation, and nothing changes for a
 * caller (every schema is built on first use, see src/core/contract).
 */
const lazyZod = {
  name: 'lazy-zod',
  setup(build) {
    build.onResolve({ filter: /^zod$/ }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: 'zod', namespace: 'lazy-zod' },
    );
    build.onResolve({ filter: /^\.\/zod\.js$/, namespace: 'lazy-zod' }, () => ({ path: './zod.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-zod' }, () => ({
      loader: 'js',
      contents: `
        const names = ${JSON.stringify(ZOD_EXPORTS)};
        let real;
        const load = () => (real ??= require('./zod.js'));
        module.exports = new Proxy({}, {
          // __esModule is read by the bundle's interop helper on import; answering it loads nothing.
          get: (_, key) => (key === '__esModule' ? true : load()[key]),
          has: (_, key) => names.includes(key),
          ownKeys: () => names,
          getOwnPropertyDescriptor: (_, key) =>
            names.includes(key) ? { configurable: true, enumerable: true, get: () => load()[key] } : undefined,
        });`,
    }));
  },
};

/**
 * A plugin that leaves an import of `specifier` from `importer` (a path under src/) a require of
 * the separate dist/<bundle>.js instead of inlining it: that part of the extension loads on first use.
 */
function lazyBundle(bundle, specifier, importer) {
  const escaped = specifier.replace(/[.*+?^$()|[\]\\/]/g, '\\$&');
  const filter = new RegExp(`^${escaped}$`);
  const owner = join('src', ...importer.split('/'));
  return {
    name: `lazy-${bundle}`,
    setup(build) {
      build.onResolve({ filter }, (args) =>
        args.importer.endsWith(owner) || args.importer.includes(`${owner}${sep}`)
          ? { path: `./${bundle}.js`, external: true }
          : undefined,
      );
    },
  };
}

/** The activation bundle's `require('./main.js')` (src/extension.ts) stays a require of dist/main.js. */
const lazyMain = lazyBundle('main', './main.js', 'extension.ts');
/** `import('../core/sandbox/index.js')` in src/services/localSandbox.ts: the sandbox, when it starts. */
const lazySandbox = lazyBundle('sandbox', '../core/sandbox/index.js', 'services/localSandbox.ts');
/** `import('../accuracy/index.js')` in src/commands: the accuracy lab, on its first command. */
const lazyAccuracy = lazyBundle('accuracy', '../accuracy/index.js', 'commands');
/** `import('../bulk/index.js')` in src/commands/bulkFolder.ts: the bulk runner, on its first command. */
const lazyBulk = lazyBundle('bulk', '../bulk/index.js', 'commands/bulkFolder.ts');
/** `require('./index.js')` in src/scenarios/lazyScenarios.ts: the scenarios, on first need. */
const lazyScenarios = lazyBundle('scenarios', './index.js', 'scenarios/lazyScenarios.ts');

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

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
  // jsonc-parser's "main" is a UMD build whose internal requires esbuild cannot follow.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: true,
  sourcesContent: false,
  legalComments: production ? 'linked' : 'inline',
  logLevel: 'warning',
  define: { BIOPASSID_VERSION: JSON.stringify(version) },
  // dist/cli.js is the `biopassid` bin; the shebang is harmless in the extension bundle.
  banner: { js: '#!/usr/bin/env node' },
  plugins: [lazyMain, lazySandbox, lazyAccuracy, lazyBulk, lazyScenarios, lazyZod],
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
  // out/src/cli imports ../../l10n/*.json as src/cli does (the bundles inline it): the same files, beside out/src.
  cpSync(join(root, 'l10n'), join(root, 'out', 'l10n'), { recursive: true });
}

/** Generates schemas/ and snippets/ from src/core/contract (bundled in memory, so no out/ is needed). */
async function generateSchemas({ verify }) {
  const bundled = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/core/contract/jsonSchemas.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', bundled.outputFiles[0].text)(
    module,
    module.exports,
    createRequire(import.meta.url),
  );
  const stale = [];
  for (const [file, text] of Object.entries(module.exports.generatedFiles())) {
    const path = join(root, file);
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    if (verify) {
      stale.push(file);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  if (stale.length > 0) {
    console.error(`Generated files are stale (run npm run build and commit): ${stale.join(', ')}`);
    process.exit(1);
  }
}

/** Writes l10n/bundle.l10n.json (or, with verify, fails when the committed one is stale). */
async function generateL10nBundle({ verify }) {
  const text = await exportBundle();
  const path = join(root, BUNDLE_FILE);
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  if (verify) {
    console.error(`Generated files are stale (run npm run build and commit): ${BUNDLE_FILE}`);
    process.exit(1);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

if (args.has('--watch')) {
  const context = await esbuild.context({
    ...bundleOptions,
    plugins: [
      ...bundleOptions.plugins,
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
  await generateSchemas({ verify: Boolean(process.env.CI) });
  await generateL10nBundle({ verify: Boolean(process.env.CI) });
  await esbuild.build(bundleOptions);
  if (args.has('--tests')) await buildTests();
}
