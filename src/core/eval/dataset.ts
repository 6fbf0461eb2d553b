import { readdir, readFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'csv-parse/sync';
import { l10n } from '../l10n';
import type { Pair } from './pairs';

/** The image files an evaluation reads, by extension (what the API takes). */
export const DATASET_IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.wsq'] as const;

export interface DatasetImage {
  /** Path relative to the dataset root, with forward slashes: what reports and the journal show. */
  name: string;
  path: string;
  person: string;
}

export interface Dataset {
  root: string;
  images: DatasetImage[];
  /** From a pairs file: the comparisons it lists (else they are planned from the labels). */
  pairs?: Pair[];
}

export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

function isImage(name: string): boolean {
  return (DATASET_IMAGE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

/**
 * A labelled folder: `ROOT/<person>/<image>`, one subfolder per person (its name is the label),
 * images directly inside it. Hidden entries are skipped; images straight under ROOT have no
 * label and are refused, so a wrong folder is not evaluated as one person.
 */
export async function readDatasetFolder(root: string): Promise<Dataset> {
  const entries = await readdir(root, { withFileTypes: true });
  const images: DatasetImage[] = [];
  const loose = entries.filter((entry) => entry.isFile() && isImage(entry.name));
  const persons = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
  persons.sort((x, y) => x.name.localeCompare(y.name));
  for (const person of persons) {
    const files = (await readdir(join(root, person.name), { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && isImage(entry.name))
      .map((entry) => entry.name)
      .sort(naturalOrder);
    for (const file of files) {
      images.push({ name: `${person.name}/${file}`, path: join(root, person.name, file), person: person.name });
    }
  }
  if (images.length === 0) {
    throw new DatasetError(
      loose.length > 0
        ? l10n.t(
            'The images must be in one subfolder per person ({0}), not directly in the folder.',
            'FOLDER/<person>/<image>',
          )
        : l10n.t('No images found: expected {0} (JPEG, PNG, TIFF or WSQ).', 'FOLDER/<person>/<image>'),
    );
  }
  return { root, images };
}

const TRUE_LABELS = new Set(['1', 'true', 'genuine', 'same', 'mated', 'yes']);
const FALSE_LABELS = new Set(['0', 'false', 'impostor', 'different', 'nonmated', 'non-mated', 'no']);

/**
 * A pairs file: CSV with a header naming the columns `a`, `b` and `genuine` (1/0, true/false,
 * genuine/impostor, same/different), paths relative to the file. Images are labelled by the
 * pairs only, so each image is its own "person" unless two paths are the same file.
 */
export async function readPairsFile(file: string): Promise<Dataset> {
  const root = dirname(resolve(file));
  const records: Record<string, string>[] = parse(await readFile(file, 'utf8'), {
    columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
    skip_empty_lines: true,
    trim: true,
  });
  const images: DatasetImage[] = [];
  const indexOf = new Map<string, number>();
  const pairs: Pair[] = [];
  const image = (text: string | undefined, line: number): number => {
    if (!text) throw new DatasetError(l10n.t('Line {0}: a and b must name two images.', line));
    const path = resolve(root, text);
    const name = relative(root, path).split(sep).join('/');
    let index = indexOf.get(name);
    if (index === undefined) {
      index = images.length;
      indexOf.set(name, index);
      images.push({ name, path, person: `#${index}` });
    }
    return index;
  };
  records.forEach((record, k) => {
    const line = k + 2;
    const a = image(record.a, line);
    const b = image(record.b, line);
    const label = (record.genuine ?? record.label ?? '').toLowerCase();
    if (a === b) throw new DatasetError(l10n.t('Line {0}: a and b are the same image.', line));
    if (!TRUE_LABELS.has(label) && !FALSE_LABELS.has(label)) {
      throw new DatasetError(l10n.t('Line {0}: genuine must be 1 or 0 (genuine/impostor), not "{1}".', line, label));
    }
    pairs.push({ a: Math.min(a, b), b: Math.max(a, b), genuine: TRUE_LABELS.has(label) });
  });
  if (pairs.length === 0) throw new DatasetError(l10n.t('The pairs file lists no pairs (header: a,b,genuine).'));
  return { root, images, pairs };
}

/** "2.jpg" before "10.jpg". */
function naturalOrder(x: string, y: string): number {
  return x.localeCompare(y, undefined, { numeric: true });
}
