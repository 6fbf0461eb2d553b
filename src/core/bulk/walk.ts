import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface WalkedFile {
  /** Absolute path. */
  path: string;
  /** Relative to the walked folder, with `/` separators. */
  file: string;
}

export interface WalkProblem {
  file: string;
  message: string;
}

/**
 * The files under a folder, depth first in name order, one folder's listing at a time (never the
 * whole tree's names at once). Symbolic links are followed; one that leads back into a folder
 * being walked (a loop), a dangling one and an unreadable folder are reported, not followed.
 */
export async function* walkFolder(root: string, problems: WalkProblem[]): AsyncGenerator<WalkedFile> {
  const rootReal = await realpath(root);
  yield* walkInto(root, '', [rootReal], problems);
}

async function* walkInto(
  dir: string,
  prefix: string,
  ancestors: string[],
  problems: WalkProblem[],
): AsyncGenerator<WalkedFile> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ file: prefix || '.', message: `The folder ${prefix || '.'} cannot be read: ${reason(error)}.` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const file = prefix ? `${prefix}/${entry.name}` : entry.name;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const message =
          code === 'ELOOP'
            ? `${file} is a symbolic link loop (too many levels of symbolic links).`
            : code === 'ENOENT'
              ? `${file} is a symbolic link to nothing (its target does not exist).`
              : `${file} cannot be read: ${reason(error)}.`;
        problems.push({ file, message });
        continue;
      }
    }
    if (isDirectory) {
      let real: string;
      try {
        real = await realpath(path);
      } catch (error) {
        problems.push({ file, message: `The folder ${file} cannot be read: ${reason(error)}.` });
        continue;
      }
      if (ancestors.includes(real)) {
        problems.push({
          file,
          message: `${file} is a symbolic link loop: it leads back to a folder that contains it.`,
        });
        continue;
      }
      yield* walkInto(path, file, [...ancestors, real], problems);
    } else if (isFile) {
      yield { path, file };
    } else {
      problems.push({ file, message: `${file} is not a regular file (a socket, device or pipe).` });
    }
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
