import { closeSync, fdatasync, ftruncateSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { l10n } from '../l10n';
import {
  BULK_OPERATIONS,
  type BulkOperation,
  CONFIRMED_VIA,
  JOURNAL_FORMAT,
  JOURNAL_VERSION,
  type JournalEntry,
  type JournalHeader,
  type PlannedRecord,
  recordSchemas,
} from './records';

/** At most one fdatasync this often: confirmations are on the disk within this time. */
const FLUSH_INTERVAL_MS = 100;

export class JournalError extends Error {
  override readonly name = 'JournalError';
}

export interface JournalContents {
  header: JournalHeader;
  /** The records replayed as they were read: the last one of each person wins. */
  state: JournalState;
  /** How many runs wrote to it. */
  runs: number;
  /** Bytes up to the end of the last whole line: a torn last line (a kill mid-write) ends before it. */
  intactBytes: number;
  /** True when a torn last line was left out. */
  torn: boolean;
  /** The file's size and modification time just before it was read: unchanged, it holds what was read. */
  stamp: { size: number; mtimeMs: number };
}

/** Whether the journal file is still as it was when `contents` was read from it (an append-only file only grows). */
export function unchangedSince(path: string, contents: JournalContents): boolean {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats !== undefined && stats.size === contents.stamp.size && stats.mtimeMs === contents.stamp.mtimeMs;
}

/** Reads and checks a journal. Throws JournalError when it is not ours or is damaged before its last line. */
export function readJournal(path: string): JournalContents {
  const { size, mtimeMs } = statSync(path);
  // Read as bytes and decoded a line at a time: for 100,000 persons (60 MB) decoding the whole
  // file as one string, then splitting it, took twice as long and left three times the garbage.
  const bytes = readFileSync(path);
  const lastNewline = bytes.lastIndexOf(NEWLINE);
  const intactBytes = lastNewline + 1;
  // The bytes after the last newline are a torn write (or nothing).
  const torn = bytes.toString('utf8', intactBytes).trim() !== '';
  const schemas = recordSchemas();
  const firstEnd = bytes.indexOf(NEWLINE);
  if (firstEnd < 0) {
    throw new JournalError(l10n.t('{0} is not a BioPass ID bulk journal: it has no header line.', path));
  }
  const header = schemas.Header.safeParse(parseLine(bytes.toString('utf8', 0, firstEnd)));
  if (!header.success) {
    throw new JournalError(
      l10n.t(
        '{0} is not a BioPass ID bulk journal (its first line is not a "{1}" version {2} header): refused, nothing was sent.',
        path,
        JOURNAL_FORMAT,
        JOURNAL_VERSION,
      ),
    );
  }
  // Replayed line by line, not kept as a list: 100,000 persons' 300,000 records would all be live at once.
  const state: JournalState = { planned: new Map(), main: new Map(), rollback: new Map() };
  let runs = 0;
  let lineNumber = 1;
  for (let start = firstEnd + 1; start < intactBytes; ) {
    const end = bytes.indexOf(NEWLINE, start);
    lineNumber++;
    const line = bytes.toString('utf8', start, end);
    start = end + 1;
    if (line.trim() === '') continue;
    const value = parseLine(line);
    const entry = isCommonEntry(value) ? { success: true as const, data: value } : schemas.Entry.safeParse(value);
    if (!entry.success) {
      throw new JournalError(
        l10n.t(
          '{0} line {1} is not a journal record: the journal is damaged, not only cut short. Nothing was sent.',
          path,
          lineNumber,
        ),
      );
    }
    if (entry.data.type === 'run') runs++;
    else apply(state, header.data, entry.data);
  }
  return { header: header.data, state, runs, intactBytes, torn, stamp: { size, mtimeMs } };
}

const NEWLINE = 0x0a;

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * Whether a parsed line is a planned, sent or confirmed record exactly as this runner writes them
 * (every field of the right type, no other key), the three that make nearly all of a journal: such
 * a value is what the schema would return, so it is taken as it is. Anything else goes through
 * the schema (records.ts), which stays the one definition of a record and words every refusal.
 */
function isCommonEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).length;
  if (!nonEmpty(record.customId)) return false;
  switch (record.type) {
    case 'planned':
      return (
        keys === 4 &&
        typeof record.digest === 'string' &&
        Array.isArray(record.images) &&
        record.images.every(isPlannedImage)
      );
    case 'sent':
      return isOperation(record.op) && keys === (record.digest === undefined ? 3 : 4) && optionalString(record.digest);
    case 'confirmed':
      return (
        isOperation(record.op) &&
        VIAS.has(record.via) &&
        optionalString(record.digest) &&
        optionalString(record.bioPassId) &&
        keys === 4 + (record.digest === undefined ? 0 : 1) + (record.bioPassId === undefined ? 0 : 1)
      );
    default:
      return false;
  }
}

const VIAS = new Set<unknown>(CONFIRMED_VIA);
const OPERATIONS = new Set<unknown>(BULK_OPERATIONS);

function isOperation(value: unknown): boolean {
  return OPERATIONS.has(value);
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isPlannedImage(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const image = value as Record<string, unknown>;
  return (
    Object.keys(image).length === 5 &&
    typeof image.file === 'string' &&
    typeof image.slot === 'string' &&
    typeof image.sha256 === 'string' &&
    typeof image.size === 'number' &&
    typeof image.mtimeMs === 'number'
  );
}

export type PersonState = 'sent' | 'confirmed' | 'failed' | 'ambiguous';

export interface PersonProgress {
  state: PersonState;
  op: BulkOperation;
  digest?: string;
  bioPassId?: string;
  via?: string;
  cause?: string;
  status?: number;
  gate?: string;
}

export interface JournalState {
  planned: Map<string, PlannedRecord>;
  /** The journal's own operation, and updates of changed images in an enroll journal. */
  main: Map<string, PersonProgress>;
  /** Deletes of `bulk rollback` in an enroll journal. */
  rollback: Map<string, PersonProgress>;
}

/** One record replayed into the state: the last one of each person wins. */
function apply(state: JournalState, header: JournalHeader, entry: Exclude<JournalEntry, { type: 'run' }>): void {
  if (entry.type === 'planned') {
    state.planned.set(entry.customId, entry);
    return;
  }
  const into = entry.op === 'delete' && header.operation !== 'delete' ? state.rollback : state.main;
  const progress: PersonProgress = { state: entry.type, op: entry.op };
  if (entry.type === 'confirmed') {
    if (entry.digest !== undefined) progress.digest = entry.digest;
    if (entry.bioPassId !== undefined) progress.bioPassId = entry.bioPassId;
    progress.via = entry.via;
  } else if (entry.type === 'sent') {
    if (entry.digest !== undefined) progress.digest = entry.digest;
  } else {
    progress.cause = entry.cause;
    if (entry.type === 'failed') {
      if (entry.status !== undefined) progress.status = entry.status;
      if (entry.gate !== undefined) progress.gate = entry.gate;
    }
  }
  into.set(entry.customId, progress);
}

/** The reason a journal does not belong to this run, or undefined when it does. */
export function foreignJournalProblem(
  path: string,
  header: JournalHeader,
  wanted: Pick<JournalHeader, 'operation' | 'source' | 'environment'>,
): string | undefined {
  const differences: string[] = [];
  if (header.operation !== wanted.operation)
    differences.push(l10n.t('operation {0}, not {1}', header.operation, wanted.operation));
  if (header.source !== wanted.source) differences.push(l10n.t('source {0}, not {1}', header.source, wanted.source));
  if (header.environment !== wanted.environment)
    differences.push(l10n.t('environment {0}, not {1}', header.environment, wanted.environment));
  if (differences.length === 0) return undefined;
  return l10n.t(
    'The journal {0} was written for another run ({1}): refused, nothing was sent. Use another --journal for this run.',
    path,
    differences.join('; '),
  );
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/**
 * Appends records to a journal, whole lines in the order appended. A record that must be in the
 * file before the caller goes on (a `sent` before its request leaves) is there when `append`
 * returns or `appendInTurn` resolves; confirmations are flushed to the disk (fdatasync), coalesced
 * so one flush covers every line written before it.
 */
export class JournalWriter {
  private readonly fd: number;
  private pending: Deferred | undefined;
  private syncing: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSync = 0;
  private closed = false;
  /** Lines appended with `appendSoon` or `appendInTurn`, not yet written, in the order appended. */
  private unwritten = '';
  /** Callers of `appendInTurn` waiting for `unwritten` to be written. */
  private waiting: Deferred | undefined;

  private constructor(fd: number) {
    this.fd = fd;
  }

  /** A writer that keeps nothing: the bench's baseline for the journal's cost, never used by a run of the CLI or the editor. */
  static discarding(): JournalWriter {
    return new JournalWriter(-1);
  }

  /** Creates the journal with its header; fails when the file exists. */
  static create(path: string, header: JournalHeader): JournalWriter {
    const fd = openSync(path, 'wx');
    const writer = new JournalWriter(fd);
    writer.append(header);
    return writer;
  }

  /** Opens an existing journal for appending, cutting a torn last line off first. */
  static resume(path: string, intactBytes: number): JournalWriter {
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, intactBytes);
    closeSync(fd);
    return new JournalWriter(openSync(path, 'a'));
  }

  /** Whether records go to a file (not for the discarding writer); throws once the journal is closed. */
  private writes(): boolean {
    if (this.closed) throw new JournalError('The journal is closed.');
    return this.fd >= 0;
  }

  /** Writes the record now, after the lines waiting to be written: it is in the file when this returns. */
  append(record: object): void {
    if (!this.writes()) return;
    this.writeWaiting(`${JSON.stringify(record)}\n`);
  }

  /**
   * Appends a record that must be in the file before the caller goes on (a `sent` record, before
   * its request leaves), written in one write with those the other lanes append in the same turn
   * of the event loop: resolves once it is in the file. Answers that arrive together start their
   * lanes' next requests together; 100,000 persons wrote 100,000 `sent` lines one system call each
   * (about 5 % of the run's main thread on these machines).
   */
  appendInTurn(record: object): Promise<void> {
    if (!this.writes()) return Promise.resolve();
    this.unwritten += `${JSON.stringify(record)}\n`;
    if (!this.waiting) {
      const waiting = deferred();
      this.waiting = waiting;
      // After this turn's I/O callbacks: every lane whose answer came in this turn has appended.
      setImmediate(() => {
        if (this.waiting !== waiting) return;
        try {
          this.writeWaiting();
        } catch {
          // Rejected the waiting callers: each fails its person.
        }
      });
    }
    return this.waiting.promise;
  }

  /**
   * Appends a record that need not be in the file before the caller goes on (a confirmation: the
   * flush that follows it covers it). It is written, in order, with the next record appended or
   * before the next flush, whichever comes first: a run writes one line a person instead of two
   * (100,000 persons: 100,000 system calls fewer). A kill before that loses it, and the person reads
   * as sent: the next run reconciles it with a verify, never sending it again blindly.
   */
  appendSoon(record: object): void {
    if (!this.writes()) return;
    this.unwritten += `${JSON.stringify(record)}\n`;
  }

  /** Writes the lines waiting to be written (appendSoon, appendInTurn), then `more`, in one write; the callers waiting for them go on. */
  private writeWaiting(more = ''): void {
    const text = this.unwritten + more;
    const waiting = this.waiting;
    this.unwritten = '';
    this.waiting = undefined;
    try {
      if (text !== '') this.writeBytes(Buffer.from(text, 'utf8'));
    } catch (error) {
      waiting?.reject(error);
      throw error;
    }
    waiting?.resolve();
  }

  private writeBytes(bytes: Uint8Array): void {
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
  }

  /** Whole lines already serialized (records spooled while the preflight ran), in one write. */
  appendBytes(bytes: Uint8Array): void {
    if (!this.writes()) return;
    if (this.unwritten !== '') this.writeWaiting();
    this.writeBytes(bytes);
  }

  /**
   * Resolves once every line written so far is on the disk. Flushes are grouped: at most one
   * fdatasync every FLUSH_INTERVAL_MS, covering every line written before it (group commit), so
   * a fast run does not wait on the disk for each person.
   */
  flush(): Promise<void> {
    if (this.fd < 0) return Promise.resolve();
    this.pending ??= deferred();
    this.schedule();
    return this.pending.promise;
  }

  private schedule(): void {
    if (this.syncing || this.timer) return;
    const wait = Math.max(0, this.lastSync + FLUSH_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sync();
    }, wait);
  }

  private sync(): void {
    const batch = this.pending;
    if (!batch) return;
    this.pending = undefined;
    if (this.unwritten !== '') {
      try {
        this.writeWaiting();
      } catch (error) {
        batch.reject(error);
        return;
      }
    }
    this.syncing = new Promise<void>((done) => {
      fdatasync(this.fd, (error) => {
        this.syncing = undefined;
        this.lastSync = Date.now();
        if (error) batch.reject(error);
        else batch.resolve();
        done();
        if (this.pending && !this.closed) this.schedule();
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.fd >= 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      while (this.syncing) await this.syncing;
      const last = this.flush();
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.sync();
      await last;
    }
    this.closed = true;
    if (this.fd >= 0) closeSync(this.fd);
  }
}
