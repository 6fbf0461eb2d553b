import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { l10n } from '../l10n';
import { execute, filesOf } from './execute';
import { statFiles } from './fileStats';
import {
  foreignJournalProblem,
  type JournalContents,
  JournalError,
  type JournalState,
  JournalWriter,
  readJournal,
  unchangedSince,
} from './journal';
import { JournalInUseError, lockJournal } from './lock';
import { planBulk } from './plan';
import { type PlannedPerson, PlannedPersons } from './plannedPersons';
import { type CheckedPerson, preflight } from './preflight';
import { type BulkOperation, JOURNAL_FORMAT, JOURNAL_VERSION, type JournalHeader } from './records';
import { PersonResults } from './results';
import { RecordSpool } from './spool';
import type { Action, BulkEnd, BulkOptions, BulkSummary, PersonResult, Work } from './types';
import { type ProgressFrom, WorkList } from './workList';

export type * from './types';

/** A reason to refuse the run before anything is sent (its message is the summary's). */
class Refusal extends Error {}

/**
 * Runs a bulk enroll, update, delete or rollback: plan, preflight, journal, then the requests with
 * bounded concurrency. Rerunning it with the same journal resumes. Never throws for a problem of
 * the input or the journal: the summary says what happened.
 */
export async function runBulk(options: BulkOptions): Promise<BulkSummary> {
  const now = options.now ?? Date.now;
  const started = now();
  const summary: BulkSummary = {
    command: options.command,
    source: options.source ?? '',
    journal: options.journal,
    environment: options.connection.baseUrl,
    end: 'done',
    problems: [],
    persons: new PersonResults(),
    counts: {},
    requests: 0,
    pauses: 0,
    pausedMs: 0,
    elapsedMs: 0,
  };
  const finish = (end: BulkEnd, message?: string): BulkSummary => {
    summary.end = end;
    if (message !== undefined) summary.message = message;
    summary.counts = summary.persons.counts();
    summary.elapsedMs = now() - started;
    return summary;
  };

  let existing: JournalContents | undefined;
  /** Reads the journal, if there is one; throws a Refusal when it cannot be read or is not a journal. */
  const readExisting = (): JournalContents | undefined => {
    try {
      existing = existsSync(options.journal) ? readJournal(options.journal) : undefined;
    } catch (error) {
      if (error instanceof JournalError) throw new Refusal(error.message);
      throw new Refusal(l10n.t('The journal {0} cannot be read: {1}.', options.journal, String(error)));
    }
    return existing;
  };

  // What to work on.
  let work: WorkList;
  let operation: BulkOperation;
  let source: string;
  /** The folder image paths are relative to. */
  let root: string;
  /** The planned records of this run (digests, sizes and times), waiting for the journal. */
  const spool = new RecordSpool();
  if (options.command === 'rollback') {
    let read: JournalContents | undefined;
    try {
      read = readExisting();
    } catch (error) {
      if (error instanceof Refusal) return finish('refused', error.message);
      throw error;
    }
    if (!read) return finish('refused', l10n.t('There is no journal at {0}: nothing to roll back.', options.journal));
    if (read.header.operation !== 'enroll') {
      return finish(
        'refused',
        l10n.t(
          'The journal {0} is of a bulk {1}: only an enroll journal can be rolled back.',
          options.journal,
          read.header.operation,
        ),
      );
    }
    source = read.header.source;
    root = source;
    summary.source = source;
    operation = 'enroll';
    const foreign = foreignJournalProblem(options.journal, read.header, {
      operation,
      source,
      environment: options.connection.baseUrl,
    });
    if (foreign) return finish('refused', foreign);
    work = rollbackWork(read.state);
  } else {
    if (options.source === undefined) throw new TypeError('A bulk run needs a source');
    operation = options.command;
    source = options.source;
    let prepared: Awaited<ReturnType<typeof planAndCheck>>;
    try {
      prepared = await planAndCheck(options, operation, source, summary, spool, () => {
        const contents = readExisting();
        const foreign =
          contents &&
          foreignJournalProblem(options.journal, contents.header, {
            operation,
            source,
            environment: options.connection.baseUrl,
          });
        if (foreign) throw new Refusal(foreign);
        return contents?.state;
      });
    } catch (error) {
      spool.dispose();
      if (error instanceof Refusal) return finish('refused', error.message);
      throw error;
    }
    if (!prepared) {
      spool.dispose();
      return finish(
        'invalid',
        l10n.t('{0} problem(s) found before sending: nothing was sent.', summary.problems.length),
      );
    }
    ({ root, work } = prepared);
  }

  if (options.dryRun) {
    spool.dispose();
    for (const item of work) summary.persons.push(dryRunResult(item));
    return finish('dry-run');
  }

  // The journal: locked, created or resumed.
  let release: () => void = () => undefined;
  try {
    if (!options.withoutJournal) release = lockJournal(options.journal);
  } catch (error) {
    spool.dispose();
    if (error instanceof JournalInUseError) return finish('refused', error.message);
    return finish('refused', l10n.t('The journal {0} cannot be locked: {1}.', options.journal, String(error)));
  }
  let journal: JournalWriter;
  try {
    if (options.withoutJournal) {
      journal = JournalWriter.discarding();
    } else if (existing) {
      // Read again under the lock when the run that held it has written since (100,000 persons'
      // journal is 60 MB: reading it a second time for nothing took a second).
      if (!unchangedSince(options.journal, existing)) existing = readJournal(options.journal);
      journal = JournalWriter.resume(options.journal, existing.intactBytes);
    } else {
      const header: JournalHeader = {
        type: 'header',
        format: JOURNAL_FORMAT,
        version: JOURNAL_VERSION,
        operation,
        source,
        environment: options.connection.baseUrl,
        created: new Date(now()).toISOString(),
      };
      journal = JournalWriter.create(options.journal, header);
    }
  } catch (error) {
    spool.dispose();
    release();
    return finish('refused', error instanceof Error ? error.message : String(error));
  }

  try {
    journal.append({ type: 'run', at: new Date(now()).toISOString(), command: options.command, pid: process.pid });
    spool.drain((bytes) => journal.appendBytes(bytes));
    await journal.flush();
    const end = await execute(work, options, journal, summary, root, now, started);
    await journal.close();
    return finish(end.end, end.message);
  } finally {
    spool.dispose();
    await journal.close().catch(() => undefined);
    release();
  }
}

/**
 * The plan and the preflight: the work, each person holding only its CustomID and files, with
 * the planned record of each new or changed person in `spool`; or undefined when a problem stops
 * the run before anything is sent (the invalid persons and every problem are in the summary).
 */
async function planAndCheck(
  options: BulkOptions,
  operation: BulkOperation,
  source: string,
  summary: BulkSummary,
  spool: RecordSpool,
  loadState: () => JournalState | undefined,
): Promise<{ root: string; work: WorkList } | undefined> {
  const plan = await planBulk({
    operation,
    source,
    ...(options.idFrom ? { idFrom: options.idFrom } : {}),
    ...(options.idsFile ? { idsFile: options.idsFile } : {}),
    ...(options.fingerSlot ? { fingerSlot: options.fingerSlot } : {}),
    ownFiles: [
      options.journal,
      `${options.journal}.lock`,
      ...(options.ownFiles ?? []),
      ...(options.idsFile ? [options.idsFile] : []),
    ],
  });
  // The journal is read after the plan, so that a resume's stats of every image (a worker
  // thread's) go on while this thread reads it.
  const readsImages = operation !== 'delete';
  const prefetch =
    readsImages && existsSync(options.journal) ? statFiles(imagePaths(plan.root, plan.persons)) : undefined;
  let state: JournalState | undefined;
  try {
    state = loadState();
  } catch (error) {
    prefetch?.cancel();
    throw error;
  }
  const stats = state ? await prefetch?.stats : undefined;
  if (!state) prefetch?.cancel();
  const flagged = new Set(plan.problems.map((problem) => problem.customId).filter((id) => id !== undefined));
  const rejected: PlannedPerson[] = [];
  const work = new WorkList(plan.persons, state);
  const known = state?.planned;
  const problems = await preflight(
    plan.persons,
    {
      root: plan.root,
      readsImages,
      ...(options.maxImageBytes === undefined ? {} : { maxImageBytes: options.maxImageBytes }),
      ...(known ? { known } : {}),
      ...(stats ? { stats } : {}),
    },
    (row, planned, person) => {
      if (!person || flagged.has(planned.customId)) rejected.push(planned);
      if (!person) return;
      const recorded = known?.get(person.customId);
      if (!recorded || recorded.digest !== person.digest) {
        spool.add({ type: 'planned', customId: person.customId, images: person.images, digest: person.digest });
      }
      const [op, action, from] = decide(person, operation, state, options.updateChanged === true);
      work.push(row, op, action, from);
    },
  );
  summary.problems = [...plan.problems, ...problems];
  if (summary.problems.length > 0) {
    for (const person of rejected) {
      summary.persons.push({
        customId: person.customId,
        result: 'invalid',
        cause: summary.problems
          .filter((problem) => problem.customId === person.customId)
          .map((p) => p.message)
          .join(' '),
        files: person.images.map((image) => image.file),
      });
    }
    if (!options.skipInvalid || work.length === 0) return undefined;
  }
  return { root: plan.root, work };
}

/** The images of the plan's persons, in the plan's order, each a path under `root`. */
function imagePaths(root: string, persons: PlannedPersons): string[] {
  const paths: string[] = [];
  for (let row = 0; row < persons.length; row++) {
    for (const image of persons.imagesOf(row)) paths.push(join(root, image.file));
  }
  return paths;
}

/** What to do with a checked person: the operation, the action and where its progress is. */
function decide(
  person: CheckedPerson,
  op: BulkOperation,
  state: JournalState | undefined,
  updateChanged: boolean,
): [BulkOperation, Action, ProgressFrom] {
  const progress = state?.main.get(person.customId);
  if (!progress) return [op, 'send', undefined];
  if (progress.state === 'failed') return [op, 'send', 'main'];
  if (progress.state === 'sent' || progress.state === 'ambiguous') return [progress.op, 'reconcile', 'main'];
  // Confirmed.
  if (op === 'delete' || progress.digest === undefined || progress.digest === person.digest)
    return [op, 'skip', 'main'];
  return ['update', updateChanged ? 'update-changed' : 'report-changed', 'main'];
}

/** The rollback of an enroll journal: a delete of each person it enrolled, with the images it planned. */
function rollbackWork(state: JournalState): WorkList {
  const persons = new PlannedPersons();
  const work = new WorkList(persons, state);
  for (const [customId, progress] of state.main) {
    // Persons found already enrolled were not enrolled by this journal; failed ones never were.
    const enrolled = progress.state === 'confirmed' ? progress.via !== 'already-enrolled' : progress.state !== 'failed';
    if (!enrolled) continue;
    const row = persons.add(customId);
    for (const image of state.planned.get(customId)?.images ?? []) persons.addImage(row, image.file, image.slot);
    const done = state.rollback.get(customId);
    if (done?.state === 'confirmed') work.push(row, 'delete', 'skip', 'rollback');
    else if (done?.state === 'sent' || done?.state === 'ambiguous') work.push(row, 'delete', 'reconcile');
    else work.push(row, 'delete', 'send');
  }
  return work;
}

function dryRunResult({ person, op, action }: Work): PersonResult {
  const what: Record<Action, string> = {
    send: `would ${op}`,
    reconcile:
      op === 'delete'
        ? 'sent before without an answer: would delete again'
        : `sent before without an answer: would verify, then ${op} only if not stored`,
    'update-changed': 'image changed since: would update',
    'report-changed': 'image changed since: would be reported (pass --update-changed to update)',
    skip: 'already done: no request',
  };
  return {
    customId: person.customId,
    result: action === 'skip' ? 'already-done' : 'planned',
    cause: what[action],
    files: filesOf(person),
  };
}
