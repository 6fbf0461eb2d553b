import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { imageFileProblem } from '../images/integrity';
import { readImageFile } from '../images/read';
import type { PlannedPerson, PlanProblem } from './plan';
import type { PlannedImage, PlannedRecord } from './records';
import { isFaceSlot } from './slots';

/** A person ready to send: every image checked, with its digest, size and modification time. */
export interface CheckedPerson {
  customId: string;
  images: PlannedImage[];
  /** SHA-256 over the slots and image digests ('' for a delete, which sends no image). */
  digest: string;
}

export interface PreflightOptions {
  root: string;
  /** Delete sends no image: nothing is read. */
  readsImages: boolean;
  maxImageBytes?: number;
  /** What an earlier run recorded: an image whose size and modification time are unchanged is not read again. */
  known?: ReadonlyMap<string, PlannedRecord>;
  /** Files checked at once. */
  concurrency?: number;
}

export function personDigest(images: readonly Pick<PlannedImage, 'slot' | 'sha256'>[]): string {
  if (images.length === 0) return '';
  const lines = images.map((image) => `${image.slot}=${image.sha256}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads and checks every image (kind for its slot, structure, size, dimensions), with at most
 * `concurrency` files in memory at once. A person with any bad image is left out and each problem
 * reported; an image unchanged since the journal recorded it (same size and modification time, as
 * git's index does) keeps its recorded digest without being read again, so resuming a finished run
 * reads no image.
 */
export async function preflight(
  persons: readonly PlannedPerson[],
  options: PreflightOptions,
): Promise<{ checked: CheckedPerson[]; problems: PlanProblem[] }> {
  const checked: (CheckedPerson | undefined)[] = new Array(persons.length);
  const problems: PlanProblem[][] = persons.map(() => []);
  let next = 0;
  const lane = async () => {
    while (next < persons.length) {
      const index = next++;
      const person = persons[index] as PlannedPerson;
      checked[index] = options.readsImages
        ? await checkPerson(person, options, problems[index] as PlanProblem[])
        : { customId: person.customId, images: [], digest: '' };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, lane));
  return {
    checked: checked.filter((person): person is CheckedPerson => person !== undefined),
    problems: problems.flat(),
  };
}

async function checkPerson(
  person: PlannedPerson,
  options: PreflightOptions,
  problems: PlanProblem[],
): Promise<CheckedPerson | undefined> {
  const known = options.known?.get(person.customId);
  const images: PlannedImage[] = [];
  for (const { file, slot } of person.images) {
    const path = join(options.root, file);
    const recorded = known?.images.find((image) => image.file === file && image.slot === slot);
    if (recorded) {
      const stats = await stat(path).catch(() => undefined);
      if (stats?.isFile() && stats.size === recorded.size && stats.mtimeMs === recorded.mtimeMs) {
        images.push(recorded);
        continue;
      }
    }
    const image = await checkImage(path, file, slot, options, problems, person.customId);
    if (image) images.push(image);
  }
  if (images.length !== person.images.length) return undefined;
  return { customId: person.customId, images, digest: personDigest(images) };
}

async function checkImage(
  path: string,
  file: string,
  slot: string,
  options: PreflightOptions,
  problems: PlanProblem[],
  customId: string,
): Promise<PlannedImage | undefined> {
  try {
    const stats = await stat(path);
    const info = await readImageFile(
      path,
      options.maxImageBytes === undefined ? {} : { maxBytes: options.maxImageBytes },
    );
    const problem = imageFileProblem(file, info.bytes, isFaceSlot(slot) ? 'face' : 'finger');
    if (problem) {
      problems.push({ customId, file, message: problem });
      return undefined;
    }
    if (!info.dimensions) {
      problems.push({ customId, file, message: `${file}: its width and height cannot be read.` });
      return undefined;
    }
    return { file, slot, sha256: sha256(info.bytes), size: stats.size, mtimeMs: stats.mtimeMs };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(path, file) : String(error);
    problems.push({ customId, file, message });
    return undefined;
  }
}
