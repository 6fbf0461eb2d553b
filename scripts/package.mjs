// Packages the extension into a .vsix with vsce (which runs vscode:prepublish: the production
// bundle). Dependencies are bundled by esbuild, so node_modules does not ship.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const vsixPath = join(root, `${name}-${version}.vsix`);

const result = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--out',
    vsixPath,
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
