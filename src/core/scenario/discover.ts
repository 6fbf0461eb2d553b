import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isScenarioFileName } from './fileSuffix';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

async function walk(folder: string, found: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) await walk(path, found);
    else if (entry.isFile() && isScenarioFileName(entry.name)) found.push(path);
  }
}

/**
 * The scenario files named on the command line: a file as it is (whatever its name), a folder
 * searched for `*.biopass-test.json` (node_modules and .git skipped). Throws for a path that does
 * not exist.
 */
export async function findScenarioFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    const stats = await stat(path).catch(() => undefined);
    if (!stats) throw new Error(`"${given}" does not exist`);
    if (stats.isDirectory()) await walk(path, found);
    else found.push(path);
  }
  return [...new Set(found)];
}
