import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readJournal } from '../../../src/core/bulk';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import { journalRecords, requestsById, writeFaces } from '../../support/bulkFolder';

const CLI = resolve(__dirname, '../../../../dist/cli.js');
const PERSONS = 60;
const KILLS = 20;

/** mulberry32: a small seeded generator, so every run kills at the same moments. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

/** How many sends the journal records so far (0 when there is none yet). */
function sendsIn(journal: string): number {
  if (!existsSync(journal)) return 0;
  return readFileSync(journal, 'utf8').split('"type":"sent"').length - 1;
}

/**
 * Kills the child with SIGKILL once the journal holds `more` sends beyond `from`, polling it: the
 * moment is tied to the run's progress, not to the clock, so it lands mid-run however busy the machine is.
 */
function killAfterSends(child: ChildProcess, journal: string, from: number, more: number): () => void {
  const timer = setInterval(() => {
    if (sendsIn(journal) >= from + more) child.kill('SIGKILL');
  }, 3);
  return () => clearInterval(timer);
}

describe('biopassid bulk survives kill -9 at 20 seeded moments (dist/cli.js in a child process, real HTTP)', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let dir: string;

  before(async function () {
    if (!existsSync(CLI)) this.skip();
    sandbox = await startSandbox();
    dir = mkdtempSync(join(tmpdir(), 'bpid-bulk-crash-'));
    writeFaces(join(dir, 'faces'), PERSONS);
  });
  after(async () => {
    await sandbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every person is enrolled once, no enroll is re-sent beyond those in flight at a kill, and the journal parses', async () => {
    // Each enroll takes a little while, so kills land mid-run with requests in flight.
    sandbox.injectFault({ kind: 'latency', ms: 15, times: Number.POSITIVE_INFINITY, match: { operation: 'enroll' } });
    const journal = join(dir, 'run.jsonl');
    const args = [
      CLI,
      'bulk',
      'enroll',
      'faces',
      '--journal',
      journal,
      '--concurrency',
      '4',
      '--base-url',
      sandbox.url,
    ];
    const env = { ...process.env, BIOPASSID_API_KEY: sandbox.key };
    const random = seeded(15);
    /** Per CustomID: how many kills caught it sent without an answer (so one more enroll may be sent). */
    const inFlightAtKill = new Map<string, number>();
    let killedMidRun = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const from = sendsIn(journal);
      const child = spawn(process.execPath, args, { cwd: dir, env, stdio: 'ignore' });
      const ended = exited(child);
      const stop = killAfterSends(child, journal, from, 1 + Math.floor(random() * 4));
      const code = await ended;
      stop();
      if (code === null) killedMidRun++;
      if (!existsSync(journal)) continue;
      // The journal after the kill: who had been sent without a confirmation.
      const contents = readJournal(journal);
      for (const [customId, progress] of contents.state.main) {
        if (progress.state === 'sent' || progress.state === 'ambiguous') {
          inFlightAtKill.set(customId, (inFlightAtKill.get(customId) ?? 0) + 1);
        }
      }
    }
    assert.ok(killedMidRun >= KILLS - 2, `the kills landed mid-run (${killedMidRun} of ${KILLS})`);
    assert.ok(inFlightAtKill.size > 0, 'some kills caught requests in flight');

    // The last run, left to finish.
    const last = spawn(process.execPath, args, { cwd: dir, env, stdio: 'ignore' });
    assert.equal(await exited(last), 0);

    const enrolled = requestsById(sandbox.requestLog, 'enroll', 200);
    assert.equal(enrolled.size, PERSONS, 'every person is enrolled');
    assert.deepEqual(
      [...enrolled.values()].filter((count) => count !== 1),
      [],
      'nobody enrolled twice',
    );
    const sent = requestsById(sandbox.requestLog, 'enroll');
    const beyond = [...sent].filter(([customId, count]) => count > 1 + (inFlightAtKill.get(customId) ?? 0));
    assert.deepEqual(beyond, [], 'no enroll re-sent beyond those in flight at a kill');
    assert.doesNotThrow(() => journalRecords(journal), 'every line of the journal parses');
    const contents = readJournal(journal);
    const { state } = contents;
    assert.equal([...state.main.values()].filter((progress) => progress.state === 'confirmed').length, PERSONS);
  });
});
