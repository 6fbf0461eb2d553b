import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { row } from './table';

/**
 * The two packages: the .vsix (the extension only) and the CLI's npm package. The .vsix's baseline
 * is what it weighed with the CLI and the source maps in it, measured in the same run: this .vsix
 * plus those files deflated as the zip stores them.
 */
export function packageSizes(root: string): void {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, string>;
  const run = (script: string, ...args: string[]) => {
    const result = spawnSync(process.execPath, [join(root, 'scripts', script), ...args], {
      cwd: root,
      stdio: 'ignore',
    });
    if (result.status !== 0) throw new Error(`${script} failed`);
  };
  run('package.mjs');
  const vsix = statSync(join(root, `${name}-${version}.vsix`)).size / 1024;
  const dist = join(root, 'dist');
  const leftOut = readdirSync(dist)
    .filter((file) => file.endsWith('.map') || file.startsWith('cli.js'))
    .reduce((sum, file) => sum + deflateRawSync(readFileSync(join(dist, file))).length / 1024, 0);
  row(
    '.vsix (extension only; baseline: with the CLI and source maps)',
    vsix,
    vsix + leftOut,
    'KB',
    '< 776 KB',
    vsix < 776,
  );
  const out = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  try {
    run('package-cli.mjs', '--no-build', '--out', out);
    const tgz = statSync(join(out, `biopassid-cli-${version}.tgz`)).size / 1024;
    row('  the CLI package, biopassid-cli-<version>.tgz', tgz, undefined, 'KB', 'reference');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
