// Packs the biopassid CLI on its own: `npm run package:cli` writes biopassid-cli-<version>.tgz
// (an npm package: bin `biopassid`, the production CLI bundle and the zod bundle it loads on
// first use, cli/README.md, LICENSE). No VS Code code and no dependencies: everything is bundled,
// so `npm install -g ./biopassid-cli-<version>.tgz` works offline.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const extension = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const CLI_PACKAGE_NAME = 'biopassid-cli';
const tgzName = `${CLI_PACKAGE_NAME}-${extension.version}.tgz`;
/** The files of the package besides package.json: what dist/cli.js needs at run time, and its docs. */
const FILES = [
  ['dist/cli.js', 'dist/cli.js'],
  ['dist/zod.js', 'dist/zod.js'],
  ['cli/README.md', 'README.md'],
  ['LICENSE', 'LICENSE'],
];

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

// --no-build packs dist/ as it is (the unit test, after the test build); --out DIR writes the archive there.
const outIndex = process.argv.indexOf('--out');
const destination = outIndex > 0 ? process.argv[outIndex + 1] : root;
if (!process.argv.includes('--no-build'))
  run(process.execPath, [join(root, 'scripts/build.mjs'), '--production'], root);

const stage = mkdtempSync(join(tmpdir(), 'biopassid-cli-'));
try {
  mkdirSync(join(stage, 'dist'));
  for (const [from, to] of FILES) copyFileSync(join(root, from), join(stage, to));
  // The production build links the licenses of bundled code (undici's parts) into this file.
  if (existsSync(join(root, 'dist/cli.js.LEGAL.txt'))) {
    copyFileSync(join(root, 'dist/cli.js.LEGAL.txt'), join(stage, 'dist/cli.js.LEGAL.txt'));
  }
  const manifest = {
    name: CLI_PACKAGE_NAME,
    version: extension.version,
    description: 'The biopassid command line: validate, send and test BioPass ID requests, run the local sandbox.',
    license: extension.license,
    bin: { biopassid: './dist/cli.js' },
    files: ['dist/', 'README.md', 'LICENSE'],
    engines: { node: '>=20' },
    keywords: ['biometrics', 'biopassid', 'cli'],
  };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // npm pack writes the archive into --pack-destination; it reaches no registry.
  run('npm', ['pack', '--silent', '--pack-destination', destination], stage);
  console.log(`wrote ${join(destination, tgzName)}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
