import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { customIdProblem } from '../contract/fields';
import { l10n } from '../l10n';
import { TextColumn } from './columns';
import { CsvError, type CsvRow, readCsv } from './csv';
import { PlannedPersons } from './plannedPersons';
import type { BulkOperation } from './records';
import { FACE_SLOT, type ImageSlot, SLOT_NAMING, slotFromName, stemOf } from './slots';
import { walkFolder } from './walk';

export type IdFrom = 'file' | 'folder';

export interface PlanOptions {
  operation: BulkOperation;
  /** A folder, or a CSV file listing `file,customId[,finger]`; absolute. */
  source: string;
  /** Folder sources: CustomID from the file name (default) or from the parent folder. */
  idFrom?: IdFrom;
  /** Folder sources: a CSV mapping `file,customId[,finger]` (files relative to the folder). */
  idsFile?: string;
  /** `--id-from file`: every image is this finger instead of a face. */
  fingerSlot?: ImageSlot;
  /** Files of the run itself (journal, its lock, the report) that are not images. */
  ownFiles?: readonly string[];
}

export interface PlanProblem {
  customId?: string;
  file?: string;
  message: string;
}

export interface Plan {
  /** The folder file paths are relative to. */
  root: string;
  persons: PlannedPersons;
  problems: PlanProblem[];
}

export const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.wsq']);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

class PlanBuilder {
  readonly persons = new PlannedPersons();
  readonly problems: PlanProblem[] = [];
  /** Each CustomID's index in persons, while the plan is built. */
  private readonly index = new Map<string, number>();
  /**
   * Files already taken and, beside each image, the CSV line that named it, when a file can be
   * named twice (a CSV); a folder's walk yields each file once, and where it is named is the file.
   */
  private readonly files: Set<string> | undefined;
  private readonly where: TextColumn | undefined;

  constructor(namesFilesOnce: boolean) {
    this.files = namesFilesOnce ? undefined : new Set();
    this.where = namesFilesOnce ? undefined : new TextColumn();
  }

  add(customId: string, file: string, slot: ImageSlot | undefined, where: string): void {
    const refused = customIdProblem(customId);
    if (refused) {
      this.problems.push({ customId, file, message: `${where}: ${refused} ("${printable(customId)}").` });
      return;
    }
    let person = this.index.get(customId);
    if (person !== undefined && slot === undefined) {
      this.problems.push({ customId, message: `${where}: duplicate CustomID ${customId}.` });
      return;
    }
    if (person === undefined) {
      person = this.persons.add(customId);
      this.index.set(customId, person);
    }
    if (slot === undefined) return;
    if (this.files?.has(file)) {
      this.problems.push({ customId, file, message: l10n.t('{0}: {1} is listed more than once.', where, file) });
      return;
    }
    this.files?.add(file);
    const taken = this.persons.imageInSlot(person, slot);
    if (taken >= 0) {
      const earlier = this.where ? this.where.at(taken) : this.persons.fileAt(taken);
      this.problems.push({
        customId,
        file,
        message:
          slot === FACE_SLOT && earlier !== where
            ? l10n.t('Duplicate CustomID {0}: {1} and {2} would both be its face.', customId, earlier, where)
            : l10n.t('Duplicate CustomID {0}: {1} and {2} are both its {3}.', customId, earlier, where, slot),
      });
      return;
    }
    this.persons.addImage(person, file, slot);
    this.where?.push(where);
  }

  result(root: string): Plan {
    return { root, persons: this.persons, problems: this.problems };
  }
}

/** Printable for a message: control characters shown as escapes, long values cut. */
function printable(text: string): string {
  const shown = JSON.stringify(text).slice(1, -1);
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}

/**
 * Who is in the run and which images each person has, from a folder or a CSV list. Nothing is
 * read but names (and the CSV): images are checked by the preflight. Every problem is collected,
 * so one report lists them all.
 */
export async function planBulk(options: PlanOptions): Promise<Plan> {
  if (extensionOf(options.source) === '.csv') {
    return planFromCsv(options.source, dirname(options.source), options.operation);
  }
  if (options.idsFile !== undefined) return planFromCsv(options.idsFile, options.source, options.operation);
  return planFromFolder(options);
}

async function planFromFolder(options: PlanOptions): Promise<Plan> {
  const builder = new PlanBuilder(true);
  const own = new Set(options.ownFiles ?? []);
  const walkProblems: { file: string; message: string }[] = [];
  const byFolder = options.idFrom === 'folder';
  for await (const { path, file } of walkFolder(options.source, walkProblems)) {
    if (own.has(path)) continue;
    const name = basename(file);
    if (!IMAGE_EXTENSIONS.has(extensionOf(name))) {
      builder.problems.push({
        file,
        message: l10n.t(
          '{0} is not an image file (.jpg, .jpeg, .png, .tif, .tiff or .wsq); move it out of the folder.',
          file,
        ),
      });
      continue;
    }
    if (!byFolder) {
      builder.add(stemOf(name), file, options.fingerSlot ?? FACE_SLOT, file);
      continue;
    }
    const folder = dirname(file);
    if (folder === '.') {
      builder.problems.push({
        file,
        message: l10n.t(
          "{0} is not in a person's folder: with --id-from folder, each person is a subfolder named by its CustomID.",
          file,
        ),
      });
      continue;
    }
    const slot = slotFromName(stemOf(name));
    if (slot === undefined) {
      builder.problems.push({
        file,
        message: l10n.t('{0}: the file name names no position. Name the images {1}.', file, SLOT_NAMING),
      });
      continue;
    }
    builder.add(basename(folder), file, slot, file);
  }
  builder.problems.unshift(...walkProblems);
  const plan = builder.result(options.source);
  if (plan.persons.length === 0 && plan.problems.length === 0) {
    plan.problems.push({ message: l10n.t('{0} holds no images: nothing to do.', options.source) });
  }
  return plan;
}

const HEADER_FILE = /^(file|path|image)$/i;

async function planFromCsv(csvPath: string, root: string, operation: BulkOperation): Promise<Plan> {
  const builder = new PlanBuilder(false);
  const name = basename(csvPath);
  let rows: CsvRow[];
  try {
    rows = readCsv(await readFile(csvPath, 'utf8'), name);
  } catch (error) {
    const message =
      error instanceof CsvError
        ? error.message
        : l10n.t(
            '{0} cannot be read: {1}.',
            name,
            (error as NodeJS.ErrnoException).code === 'ENOENT' ? l10n.t('it does not exist') : String(error),
          );
    return { root, persons: new PlannedPersons(), problems: [{ file: name, message }] };
  }
  if (rows[0] && HEADER_FILE.test(rows[0].cells[0] ?? '') && /^custom.?id$/i.test(rows[0].cells[1] ?? '')) rows.shift();
  if (rows.length === 0)
    return {
      root,
      persons: new PlannedPersons(),
      problems: [{ file: name, message: l10n.t('{0} lists no one.', name) }],
    };
  for (const { line, cells } of rows) {
    const where = l10n.t('{0} line {1}', name, line);
    const [file = '', customId = '', finger = '', ...extra] = cells;
    if (cells.length < 2 || customId === '') {
      builder.problems.push({
        file: name,
        message:
          cells.length >= 2
            ? l10n.t(
                '{0}: expected file,customId[,finger], found {1} columns with an empty customId.',
                where,
                cells.length,
              )
            : cells.length === 1
              ? l10n.t('{0}: expected file,customId[,finger], found 1 column.', where)
              : l10n.t('{0}: expected file,customId[,finger], found {1} columns.', where, cells.length),
      });
      continue;
    }
    if (extra.some((cell) => cell !== '')) {
      builder.problems.push({
        file: name,
        message: l10n.t('{0}: expected at most 3 columns (file,customId,finger).', where),
      });
      continue;
    }
    if (file === '') {
      if (operation === 'delete') builder.add(customId, '', undefined, where);
      else
        builder.problems.push({
          file: name,
          customId,
          message: l10n.t('{0}: no image file for {1}.', where, customId),
        });
      continue;
    }
    const absolute = resolve(root, file);
    const inside = relative(root, absolute);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      builder.problems.push({ file, customId, message: l10n.t('{0}: {1} is outside {2}.', where, file, root) });
      continue;
    }
    const slot = finger === '' ? FACE_SLOT : slotFromName(finger);
    if (slot === undefined) {
      builder.problems.push({
        file,
        customId,
        message: l10n.t(
          '{0}: "{1}" is not a position (face, 1..10, finger-1..finger-10, right-thumb … left-little).',
          where,
          printable(finger),
        ),
      });
      continue;
    }
    builder.add(customId, inside.split(sep).join('/'), slot, where);
  }
  return builder.result(root);
}
