import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root, from the compiled test's folder (out/test/e2e/support). */
export const REPO_ROOT = resolve(__dirname, '../../../..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

export function packagedVsixPath(): string {
  const { name, version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return join(REPO_ROOT, `${name}-${version}.vsix`);
}
