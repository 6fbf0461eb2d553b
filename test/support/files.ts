import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Compiled test files under dir whose names end with suffix (e.g. `.integration.test.js`). */
export function findTestFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTestFiles(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}
