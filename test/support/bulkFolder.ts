import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../src/core/images/samples';
import type { SandboxLogEntry } from '../../src/core/sandbox';

export const personId = (index: number) => `person-${String(index).padStart(4, '0')}`;

/** A folder of `count` generated faces, person-0000.jpg …, each a different image. */
export function writeFaces(dir: string, count: number, first = 0): string[] {
  mkdirSync(dir, { recursive: true });
  const ids: string[] = [];
  for (let index = first; index < first + count; index++) {
    writeFileSync(join(dir, `${personId(index)}.jpg`), sampleFaceJpeg(index, 96));
    ids.push(personId(index));
  }
  return ids;
}

/** A folder per person: face.jpg plus the given fingers (finger-N.tif). */
export function writePersonFolders(
  dir: string,
  ids: readonly string[],
  fingers: readonly string[] = ['finger-1', 'right-index'],
): void {
  ids.forEach((id, index) => {
    mkdirSync(join(dir, id), { recursive: true });
    writeFileSync(join(dir, id, 'face.jpg'), sampleFaceJpeg(500 + index, 96));
    fingers.forEach((finger, position) => {
      writeFileSync(join(dir, id, `${finger}.tif`), sampleFingerprintTiff(700 + index * 10 + position, 96));
    });
  });
}

/** The journal's records, parsed (every line must be JSON). */
export function journalRecords(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Requests of one operation in a sandbox log, by CustomID. */
export function requestsById(log: readonly SandboxLogEntry[], operation: string, status?: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of log) {
    if (entry.operation !== operation || entry.customId === undefined) continue;
    if (status !== undefined && entry.status !== status) continue;
    counts.set(entry.customId, (counts.get(entry.customId) ?? 0) + 1);
  }
  return counts;
}
