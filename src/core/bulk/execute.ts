import { join } from 'node:path';
import type { Client } from '../http/client';
import { DEFAULT_MAX_IMAGE_BYTES } from '../images/read';
import { l10n } from '../l10n';
import { personRequest } from '../request/build';
import { checkGates, hasGates } from './gates';
import { type ReadScratch, readImageBytes, readImageBytesSync } from './imageBytes';
import type { JournalWriter } from './journal';
import { dispose } from './outcomes';
import { Pacer } from './pacer';
import type { PlannedPerson } from './plannedPersons';
import { personDigest, sha256 } from './preflight';
import type { BulkOperation } from './records';
import { FACE_SLOT } from './slots';
import type { BulkEnd, BulkOptions, BulkProgress, BulkSummary, PersonResult, PersonResultKind, Work } from './types';
import type { WorkList } from './workList';

const MAX_SAFE_RETRIES = 3;
/** Reads slower than this, SLOW_READS_IN_A_ROW of them, switch the run to asynchronous reads. */
const SLOW_READ_MS = 10;
const SLOW_READS_IN_A_ROW = 3;
const MAX_RATE_LIMITED_ROUNDS = 20;

export function filesOf(person: PlannedPerson): string[] {
  return person.images.map((image) => image.file);
}

const DONE_RESULT: Record<BulkOperation, PersonResultKind> = {
  enroll: 'enrolled',
  update: 'updated',
  delete: 'deleted',
};

/**
 * Sends the work with bounded concurrency, records each change of state in the journal, and
 * reports each person; resolves when every item is settled. Each item is built from the work
 * list's columns when a lane takes it, and let go once its result is reported.
 */
export async function execute(
  work: WorkList,
  options: BulkOptions,
  journal: JournalWriter,
  summary: BulkSummary,
  imageRoot: string,
  now: () => number,
  started: number,
): Promise<{ end: BulkEnd; message?: string }> {
  const signal = options.signal;
  const pacer = new Pacer(options.rate, now);
  const client: Client = options.connection.client(pacer.clientSleep);
  const backoffMs = options.backoffMs ?? 500;
  let fatal: string | undefined;

  const progress: BulkProgress = { done: 0, total: work.length, failed: 0, skipped: 0, requests: 0, elapsedMs: 0 };
  const report = (result: PersonResult) => {
    summary.persons.push(result);
    progress.done++;
    if (result.result === 'failed' || result.result === 'gated' || result.result === 'ambiguous') progress.failed++;
    if (result.result === 'already-done') progress.skipped++;
    progress.requests = summary.requests;
    progress.elapsedMs = now() - started;
    options.onPerson?.(result);
    options.onProgress?.(progress);
  };

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });

  async function call(operation: Parameters<Client['send']>[0], body: unknown) {
    try {
      await pacer.turn(signal);
    } catch {
      // Cancelled while waiting: the client answers a cancelled request without sending it.
    }
    summary.requests++;
    return client.send(operation, body, signal ? { signal } : {});
  }

  /** A verify with the same images: does the service hold this person with exactly these biometrics? */
  async function verify(body: unknown): Promise<{ verdict: 'match' | 'absent' | 'other' | 'unknown'; cause?: string }> {
    for (let round = 0; ; round++) {
      const outcome = await call('verify', body);
      const disposition = dispose(outcome, signal?.aborted === true);
      if (disposition.kind === 'confirmed') {
        const match = (outcome as { body?: { Person?: { Match?: unknown } } }).body?.Person?.Match === true;
        return { verdict: match ? 'match' : 'other' };
      }
      if (disposition.kind === 'not-found') return { verdict: 'absent' };
      if (disposition.kind === 'rate-limited') {
        pacer.pause(disposition.retryAfterMs);
        if (round < MAX_RATE_LIMITED_ROUNDS) continue;
      }
      if ((disposition.kind === 'ambiguous' || disposition.kind === 'not-sent') && round < MAX_SAFE_RETRIES) {
        await wait(backoffMs * 2 ** round);
        if (!signal?.aborted) continue;
      }
      if (disposition.kind === 'fatal') fatal = disposition.cause;
      return { verdict: 'unknown', cause: l10n.t('the verify that decides could not be made: {0}', outcome.summary) };
    }
  }

  const maxImageBytes = options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  let blockingReads = true;
  let slowReads = 0;
  /** Read buffers free to take: each image's bytes are encoded and hashed before its buffer is read into again. */
  const scratches: ReadScratch[] = [];

  /**
   * An image's bytes. Read blocking while reads are quick: the preflight has just read every file,
   * so they are in the page cache, and a blocking read of a face holds the event loop about 10 µs
   * where the four thread-pool round trips of an asynchronous one cost it about 100 µs (5,000
   * faces at concurrency 8: 0.98 of the bare loop's rate against 0.83). After SLOW_READS_IN_A_ROW
   * reads slower than SLOW_READ_MS (a network share, a cold disk; one alone may be the process
   * being descheduled on a busy machine), every read goes through the thread pool instead.
   */
  async function readBytes(path: string, scratch: ReadScratch): Promise<Buffer> {
    if (!blockingReads) return (await readImageBytes(path, maxImageBytes)).bytes;
    const started = performance.now();
    const { bytes } = readImageBytesSync(path, maxImageBytes, scratch);
    slowReads = performance.now() - started > SLOW_READ_MS ? slowReads + 1 : 0;
    if (slowReads >= SLOW_READS_IN_A_ROW) blockingReads = false;
    return bytes;
  }

  /**
   * Reads the person's images again (none is kept in memory since the preflight checked it): once
   * each, hashed for the journal's digest and encoded once for the body, without checking again
   * what the preflight checked.
   */
  async function load(person: PlannedPerson): Promise<{ body: unknown; images: Map<string, string>; digest: string }> {
    const images = new Map<string, string>();
    const digests: { slot: string; sha256: string }[] = [];
    // A buffer of its own while this load reads, encodes and hashes (at most one per lane).
    const scratch = scratches.pop() ?? {};
    try {
      for (const image of person.images) {
        const bytes = await readBytes(join(imageRoot, image.file), scratch);
        images.set(image.slot, bytes.toString('base64'));
        digests.push({ slot: image.slot, sha256: sha256(bytes) });
      }
    } finally {
      scratches.push(scratch);
    }
    const fingers: Record<string, string> = {};
    for (const [slot, base64] of images) if (slot !== FACE_SLOT) fingers[slot] = base64;
    const face = images.get(FACE_SLOT);
    const body = personRequest(person.customId, {
      ...(face === undefined ? {} : { face }),
      ...(Object.keys(fingers).length > 0 ? { fingers } : {}),
    });
    return { body, images, digest: personDigest(digests) };
  }

  /**
   * One person's result, built field by field in one order: every result of a run then shares one
   * hidden class (a spread of `extra` gave them several, and 100,000 results are kept for the report).
   */
  const result = (item: Work, kind: PersonResultKind, extra: Partial<PersonResult> = {}): PersonResult => {
    const person: PersonResult = { customId: item.person.customId, result: kind, files: filesOf(item.person) };
    if (extra.cause !== undefined) person.cause = extra.cause;
    if (extra.status !== undefined) person.status = extra.status;
    if (extra.bioPassId !== undefined) person.bioPassId = extra.bioPassId;
    return person;
  };

  function failed(item: Work, op: BulkOperation, cause: string, status?: number, gate?: string): PersonResult {
    journal.append({
      type: 'failed',
      customId: item.person.customId,
      op,
      cause,
      ...(status === undefined ? {} : { status }),
      ...(gate ? { gate } : {}),
    });
    return result(item, gate ? 'gated' : 'failed', { cause, ...(status === undefined ? {} : { status }) });
  }

  function confirmed(
    item: Work,
    op: BulkOperation,
    digest: string,
    via: 'answer' | 'verify' | 'already-enrolled' | 'already-deleted',
    bioPassId?: string,
  ): PersonResult {
    // Written with the next record or before the flush: the flush below covers it.
    journal.appendSoon({
      type: 'confirmed',
      customId: item.person.customId,
      op,
      ...(digest ? { digest } : {}),
      ...(bioPassId ? { bioPassId } : {}),
      via,
    });
    journal.flush().catch(() => undefined);
    const cause =
      via === 'answer'
        ? undefined
        : via === 'verify'
          ? l10n.t('confirmed by a verify after an unanswered send')
          : via === 'already-enrolled'
            ? l10n.t('already enrolled with these images (verify matched)')
            : l10n.t('already deleted');
    return result(item, DONE_RESULT[op], { ...(bioPassId ? { bioPassId } : {}), ...(cause ? { cause } : {}) });
  }

  function ambiguous(item: Work, op: BulkOperation, cause: string): PersonResult {
    journal.append({ type: 'ambiguous', customId: item.person.customId, op, cause });
    return result(item, 'ambiguous', {
      cause: l10n.t('{0}; the next run with this journal reconciles it (verify)', cause),
    });
  }

  /** Sends op for a person until there is a definite answer, or the run must stop. */
  async function deliver(item: Work, op: BulkOperation, resent: boolean): Promise<PersonResult> {
    const loaded =
      op === 'delete'
        ? { body: personRequest(item.person.customId), images: new Map<string, string>(), digest: '' }
        : await load(item.person);
    if (op !== 'delete' && hasGates(options.gates) && options.command !== 'rollback') {
      const verdict = await checkGates(options.gates, loaded.images, (operation, body) => call(operation, body));
      if (verdict.passed === false) return failed(item, op, verdict.cause, undefined, verdict.gate);
      if (verdict.passed === 'unknown') return failed(item, op, verdict.cause, verdict.outcome.status);
    }
    let safeRetries = 0;
    for (let round = 0; ; round++) {
      if (signal?.aborted) return result(item, 'not-started', { cause: l10n.t('cancelled') });
      await journal.appendInTurn({
        type: 'sent',
        customId: item.person.customId,
        op,
        ...(loaded.digest ? { digest: loaded.digest } : {}),
      });
      const outcome = await call(op, loaded.body);
      const disposition = dispose(outcome, signal?.aborted === true);
      switch (disposition.kind) {
        case 'confirmed':
          return confirmed(item, op, loaded.digest, 'answer', disposition.bioPassId);
        case 'duplicate': {
          if (op !== 'enroll') return failed(item, op, outcome.summary, outcome.status);
          const checked = await verify(loaded.body);
          if (checked.verdict === 'match') return confirmed(item, op, loaded.digest, 'already-enrolled');
          return failed(
            item,
            op,
            checked.verdict === 'unknown'
              ? l10n.t('already enrolled, and {0}', checked.cause ?? '')
              : l10n.t('CustomID already enrolled with other biometrics (a verify with these images does not match)'),
            outcome.status,
          );
        }
        case 'not-found':
          if (op === 'delete' && (resent || round > 0)) return confirmed(item, op, '', 'already-deleted');
          return failed(item, op, outcome.summary, outcome.status);
        case 'refused':
          return failed(item, op, disposition.cause, disposition.status);
        case 'fatal':
          fatal = disposition.cause;
          return failed(item, op, disposition.cause, disposition.status);
        case 'rate-limited':
          // Refused before processing: nothing to reconcile. The client already waited its share.
          pacer.pause(disposition.retryAfterMs);
          if (round < MAX_RATE_LIMITED_ROUNDS) continue;
          return failed(item, op, l10n.t('still rate limited after {0} rounds', round + 1), outcome.status);
        case 'not-sent':
          if (safeRetries++ < MAX_SAFE_RETRIES) {
            await wait(backoffMs * 2 ** (safeRetries - 1));
            continue;
          }
          return failed(item, op, disposition.cause);
        case 'cancelled':
          return ambiguous(item, op, l10n.t('cancelled while the request was on its way'));
        case 'ambiguous': {
          if (op !== 'enroll') {
            // Update and delete are safe to repeat: the same images again, or a delete of no one.
            if (safeRetries++ < MAX_SAFE_RETRIES) {
              await wait(backoffMs * 2 ** (safeRetries - 1));
              resent = true;
              continue;
            }
            return ambiguous(item, op, disposition.cause);
          }
          // An enroll is never sent again blindly: a verify with the same images decides.
          journal.append({ type: 'ambiguous', customId: item.person.customId, op, cause: disposition.cause });
          if (safeRetries++ >= MAX_SAFE_RETRIES) return ambiguous(item, op, disposition.cause);
          await wait(backoffMs * 2 ** (safeRetries - 1));
          const checked = await verify(loaded.body);
          if (checked.verdict === 'match') return confirmed(item, op, loaded.digest, 'verify');
          if (checked.verdict === 'absent') continue;
          if (checked.verdict === 'other')
            return failed(
              item,
              op,
              l10n.t('CustomID enrolled with other biometrics (a verify with these images does not match)'),
            );
          return ambiguous(item, op, `${disposition.cause}; ${checked.cause}`);
        }
      }
    }
  }

  async function reconcile(item: Work): Promise<PersonResult> {
    if (item.op === 'delete') return deliver(item, 'delete', true);
    const loaded = await load(item.person);
    const checked = await verify(loaded.body);
    if (checked.verdict === 'match') return confirmed(item, item.op, loaded.digest, 'verify');
    if (item.op === 'update') return deliver(item, 'update', true);
    if (checked.verdict === 'absent') return deliver(item, 'enroll', false);
    if (checked.verdict === 'other')
      return failed(
        item,
        item.op,
        l10n.t('CustomID enrolled with other biometrics (a verify with these images does not match)'),
      );
    return ambiguous(item, item.op, checked.cause ?? l10n.t('not reconciled'));
  }

  async function handle(item: Work): Promise<PersonResult> {
    switch (item.action) {
      case 'skip':
        return result(item, 'already-done', item.progress?.bioPassId ? { bioPassId: item.progress.bioPassId } : {});
      case 'report-changed':
        return result(item, 'changed', {
          cause: l10n.t(
            'the images changed since this person was confirmed; rerun with --update-changed to update them',
          ),
        });
      case 'update-changed':
        return deliver(item, 'update', false);
      case 'reconcile':
        return reconcile(item);
      case 'send':
        return deliver(item, item.op, false);
    }
  }

  let next = 0;
  const lane = async () => {
    while (next < work.length) {
      const item = work.at(next++);
      if (item.action !== 'skip' && item.action !== 'report-changed' && (signal?.aborted || fatal !== undefined)) {
        report(
          result(item, 'not-started', { cause: fatal === undefined ? l10n.t('cancelled') : l10n.t('the run stopped') }),
        );
        continue;
      }
      let outcome: PersonResult;
      try {
        outcome = await handle(item);
      } catch (error) {
        // An image that became unreadable since the preflight, for one.
        outcome = failed(
          item,
          item.op,
          error instanceof Error ? error.message.replace(imageRoot, '').replace(/^[/\\]/, '') : String(error),
        );
      }
      report(outcome);
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(options.concurrency ?? 4), work.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  summary.pauses = pacer.pauses;
  summary.pausedMs = pacer.pausedMs;
  if (fatal !== undefined)
    return { end: 'stopped', message: l10n.t('Stopped: {0}. Fix it and run the same command again to resume.', fatal) };
  if (signal?.aborted) return { end: 'cancelled', message: l10n.t('Cancelled. Run the same command again to resume.') };
  return { end: 'done' };
}
