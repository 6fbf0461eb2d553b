import { grown, TextColumn } from './columns';

/** Every kind of result a person can end a run with; each is stored as its index here. */
const KINDS = [
  'enrolled',
  'updated',
  'deleted',
  'already-done',
  'changed',
  'failed',
  'gated',
  'ambiguous',
  'invalid',
  'not-started',
  'planned',
] as const;
export type PersonResultKind = (typeof KINDS)[number];

export interface PersonResult {
  customId: string;
  result: PersonResultKind;
  cause?: string;
  status?: number;
  bioPassId?: string;
  files: string[];
}

const KIND_INDEX = new Map<PersonResultKind, number>(KINDS.map((kind, index) => [kind, index]));

/** Kinds that need no one to look at them: done, or what a dry run would do. */
const SETTLED: ReadonlySet<PersonResultKind> = new Set(['enrolled', 'updated', 'deleted', 'already-done', 'planned']);

/** Whether a result needs someone to look at it (a failure, a gate, a changed image, an invalid file…). */
export function needsAttention(kind: PersonResultKind): boolean {
  return !SETTLED.has(kind);
}

const HAS_CAUSE = 1;
const HAS_STATUS = 2;
const HAS_BIOPASSID = 4;
/** Between a person's file paths: the one character no file name holds on any system. */
const FILE_SEPARATOR = '\0';

/**
 * The result of every person of a run, kept in columns (columns.ts): kinds, flags and statuses in
 * typed arrays, texts as UTF-8. A run of 100,000 keeps each result (a CustomID, a file, a
 * BioPassID) in about 180 bytes outside the garbage-collected heap, room to grow included, where an
 * object a result (with its files array and strings) was counted by V8 and let the heap grow half as
 * much again. Each result read back is a new object built from the columns.
 */
export class PersonResults implements Iterable<PersonResult> {
  private count = 0;
  private kinds = new Uint8Array(1024);
  private flags = new Uint8Array(1024);
  private statuses = new Uint16Array(1024);
  private readonly customIds = new TextColumn();
  private readonly files = new TextColumn();
  private readonly causes = new TextColumn();
  private readonly bioPassIds = new TextColumn();

  get length(): number {
    return this.count;
  }

  push(result: PersonResult): void {
    const index = this.count++;
    this.kinds = grown(this.kinds, this.count);
    this.flags = grown(this.flags, this.count);
    this.statuses = grown(this.statuses, this.count);
    const kind = KIND_INDEX.get(result.result);
    if (kind === undefined) throw new TypeError(`Unknown result kind ${String(result.result)}`);
    this.kinds[index] = kind;
    this.flags[index] =
      (result.cause === undefined ? 0 : HAS_CAUSE) |
      (result.status === undefined ? 0 : HAS_STATUS) |
      (result.bioPassId === undefined ? 0 : HAS_BIOPASSID);
    this.statuses[index] = result.status ?? 0;
    this.customIds.push(result.customId);
    this.files.push(result.files.join(FILE_SEPARATOR));
    this.causes.push(result.cause ?? '');
    this.bioPassIds.push(result.bioPassId ?? '');
  }

  /** The kind of the index-th result, without building it. */
  kindAt(index: number): PersonResultKind {
    return KINDS[this.kinds[index] as number] as PersonResultKind;
  }

  /** The results that need someone to look at them (needsAttention). */
  needingAttention(): PersonResult[] {
    const found: PersonResult[] = [];
    for (let index = 0; index < this.count; index++) if (needsAttention(this.kindAt(index))) found.push(this.at(index));
    return found;
  }

  at(index: number): PersonResult {
    const files = this.files.at(index);
    const result: PersonResult = {
      customId: this.customIds.at(index),
      result: this.kindAt(index),
      files: files === '' ? [] : files.split(FILE_SEPARATOR),
    };
    const flags = this.flags[index] as number;
    if (flags & HAS_CAUSE) result.cause = this.causes.at(index);
    if (flags & HAS_STATUS) result.status = this.statuses[index] as number;
    if (flags & HAS_BIOPASSID) result.bioPassId = this.bioPassIds.at(index);
    return result;
  }

  *[Symbol.iterator](): Iterator<PersonResult> {
    for (let index = 0; index < this.count; index++) yield this.at(index);
  }

  /** How many results of each kind. */
  counts(): Partial<Record<PersonResultKind, number>> {
    const counts: Partial<Record<PersonResultKind, number>> = {};
    for (let index = 0; index < this.count; index++) {
      const kind = this.kindAt(index);
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    return counts;
  }

  /** In JSON (a report, a command's answer): the list of results. */
  toJSON(): PersonResult[] {
    return [...this];
  }
}
