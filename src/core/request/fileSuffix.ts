import { basename } from 'node:path';

/**
 * Request files: `*.biopass.json`, optionally pinning an operation as in `alice.enroll.biopass.json`.
 * On its own, without the operation catalog, so the activation bundle can recognise request files.
 */
export const REQUEST_FILE_SUFFIX = '.biopass.json';

export function isRequestFileName(path: string): boolean {
  return basename(path).toLowerCase().endsWith(REQUEST_FILE_SUFFIX);
}
