// Runs before `npm test` and `npm start`: installs the project's npm dependencies when
// node_modules is missing or older than package-lock.json, and the harness's Node.js runtimes.
// Idempotent and quick when everything is in place.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRuntimes } from '../test/harness/install.mjs';

const root = new URL('..', import.meta.url).pathname;
const marker = join(root, 'node_modules', '.biopassid-deps');
const digest = createHash('sha256')
  .update(readFileSync(join(root, 'package-lock.json')))
  .digest('hex');

if (!existsSync(marker) || readFileSync(marker, 'utf8') !== digest) {
  console.log('[deps] installing npm dependencies (npm ci)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(marker, digest);
}
ensureRuntimes();
