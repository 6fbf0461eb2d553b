import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readImageDimensions } from '../images/dimensions';
import { imageFileProblem } from '../images/integrity';
import { DEFAULT_MAX_IMAGE_BYTES } from '../images/read';
import { l10n } from '../l10n';
import { type ReadScratch, readImageBytesSync } from './imageBytes';
import type { PlanProblem } from './plan';
import type { PlannedImageFile, PlannedPerson, PlannedPersons } from './plannedPersons';
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
  /**
   * The size and mtimeMs of every planned image, in the plan's order, stat'ed beforehand
   * (fileStats.ts); without them each recorded image is stat'ed here.
   */
  stats?: Float64Array;
}

/**
 * The preflight reads one file at a time, blocking, and yields to the event loop after this long:
 * nothing else of the run is going on (no request leaves before it ends), and a small image read
 * this way costs a tenth of the four thread-pool round trips of an asynchronous read (5,000 faces:
 * about 60 ms against 400 ms with fs.promises at 8 in flight), while an editor's host still
 * answers between slices.
 */
const SLICE_MS = 8;

export function personDigest(images: readonly Pick<PlannedImage, 'slot' | 'sha256'>[]): string {
  if (images.length === 0) return '';
  const lines = images.map((image) => `${image.slot}=${image.sha256}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads and checks every image (kind for its slot, structure, size, dimensions) in one read of
 * each file, one file in memory at a time, and hands each person (with its row in the plan) to
 * `hand` with what was found (undefined when any image is bad, each problem reported). An image
 * unchanged since the journal recorded it (same size and modification time, as git's index
 * does) keeps its recorded digest without being read again, so resuming a finished run reads no
 * image.
 */
export async function preflight(
  persons: PlannedPersons,
  options: PreflightOptions,
  hand: (row: number, planned: PlannedPerson, checked: CheckedPerson | undefined) => void,
): Promise<PlanProblem[]> {
  const problems: PlanProblem[] = [];
  // Each image is checked and hashed before the next is read: one buffer serves every read.
  const scratch: ReadScratch = {};
  let sliceStarted = performance.now();
  /** The index of the person's first image in options.stats. */
  let firstImage = 0;
  for (let index = 0; index < persons.length; index++) {
    const person = persons.at(index);
    const result = options.readsImages
      ? checkPerson(person, firstImage, options, problems, scratch)
      : { customId: person.customId, images: [], digest: '' };
    firstImage += person.images.length;
    hand(index, person, result);
    if (performance.now() - sliceStarted >= SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
  return problems;
}

function checkPerson(
  person: PlannedPerson,
  firstImage: number,
  options: PreflightOptions,
  problems: PlanProblem[],
  scratch: ReadScratch,
): CheckedPerson | undefined {
  const known = options.known?.get(person.customId);
  const images: PlannedImage[] = [];
  for (let at = 0; at < person.images.length; at++) {
    const { file, slot } = person.images[at] as PlannedImageFile;
    const path = join(options.root, file);
    const recorded = known?.images.find((image) => image.file === file && image.slot === slot);
    if (recorded && sameAsRecorded(recorded, path, options.stats, firstImage + at)) {
      images.push(recorded);
      continue;
    }
    const image = checkImage(path, file, slot, options, problems, person.customId, scratch);
    if (image) images.push(image);
  }
  if (images.length !== person.images.length) return undefined;
  // Every image as recorded, and the same images the record holds: its digest is theirs.
  const unchanged =
    known?.images.length === images.length && images.every((image, index) => image === known.images[index]);
  return { customId: person.customId, images, digest: unchanged ? known.digest : personDigest(images) };
}

/** Whether the file has the size and modification time recorded (as git's index decides), from the stats given or its own stat. */
function sameAsRecorded(recorded: PlannedImage, path: string, stats: Float64Array | undefined, index: number): boolean {
  if (stats) return stats[2 * index] === recorded.size && stats[2 * index + 1] === recorded.mtimeMs;
  const found = statSync(path, { throwIfNoEntry: false });
  return found?.isFile() === true && found.size === recorded.size && found.mtimeMs === recorded.mtimeMs;
}

/** One read of the file: its bytes are checked, measured and hashed, then let go. */
function checkImage(
  path: string,
  file: string,
  slot: string,
  options: PreflightOptions,
  problems: PlanProblem[],
  customId: string,
  scratch: ReadScratch,
): PlannedImage | undefined {
  try {
    const { bytes, size, mtimeMs } = readImageBytesSync(
      path,
      options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES,
      scratch,
    );
    const problem = imageFileProblem(file, bytes, isFaceSlot(slot) ? 'face' : 'finger');
    if (problem) {
      problems.push({ customId, file, message: problem });
      return undefined;
    }
    if (!readImageDimensions(bytes)) {
      problems.push({ customId, file, message: l10n.t('{0}: its width and height cannot be read.', file) });
      return undefined;
    }
    return { file, slot, sha256: sha256(bytes), size, mtimeMs };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(path, file) : String(error);
    problems.push({ customId, file, message });
    return undefined;
  }
}
