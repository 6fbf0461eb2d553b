import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalWriter, readJournal } from '../../../../src/core/bulk/journal';
import { JOURNAL_FORMAT, JOURNAL_VERSION, type JournalHeader } from '../../../../src/core/bulk/records';

const header: JournalHeader = {
  type: 'header',
  format: JOURNAL_FORMAT,
  version: JOURNAL_VERSION,
  operation: 'enroll',
  source: '/data/faces',
  environment: 'http://127.0.0.1:1',
  created: '2026-12-04T00:00:00.000Z',
};
const sent = (customId: string) => ({ type: 'sent', customId, op: 'enroll', digest: `d-${customId}` });
const confirmed = (customId: string) => ({
  type: 'confirmed',
  customId,
  op: 'enroll',
  digest: `d-${customId}`,
  bioPassId: `b-${customId}`,
  via: 'answer',
});

/** The records of the file as it is on disk now, header left out. */
function recordsIn(path: string): Array<{ type: string; customId?: string }> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .slice(1)
    .map((line) => JSON.parse(line));
}

describe('writing a bulk journal: confirmations wait for the next line or the flush', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bpid-journal-write-'));
    path = join(dir, 'run.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a confirmation with the next record, in the order they were appended', async () => {
    const journal = JournalWriter.create(path, header);
    journal.append(sent('p-1'));
    journal.appendSoon(confirmed('p-1'));
    assert.deepEqual(
      recordsIn(path).map((record) => record.type),
      ['sent'],
      'not yet written: no other line came and no flush ran',
    );
    journal.append(sent('p-2'));
    assert.deepEqual(
      recordsIn(path).map((record) => `${record.type} ${record.customId}`),
      ['sent p-1', 'confirmed p-1', 'sent p-2'],
    );
    await journal.close();
  });

  it('has the confirmation in the file once the flush that follows it resolves, and a resume reads it', async () => {
    const journal = JournalWriter.create(path, header);
    journal.append(sent('p-1'));
    journal.appendSoon(confirmed('p-1'));
    await journal.flush();
    assert.deepEqual(
      recordsIn(path).map((record) => record.type),
      ['sent', 'confirmed'],
    );
    assert.equal(readJournal(path).state.main.get('p-1')?.state, 'confirmed');
    assert.equal(readJournal(path).state.main.get('p-1')?.bioPassId, 'b-p-1');
    await journal.close();
  });

  it('writes what is left when it closes', async () => {
    const journal = JournalWriter.create(path, header);
    journal.append(sent('p-1'));
    journal.appendSoon(confirmed('p-1'));
    journal.append(sent('p-2'));
    journal.appendSoon(confirmed('p-2'));
    await journal.close();
    assert.deepEqual(
      recordsIn(path).map((record) => `${record.type} ${record.customId}`),
      ['sent p-1', 'confirmed p-1', 'sent p-2', 'confirmed p-2'],
    );
    assert.throws(() => journal.appendSoon(confirmed('p-3')), /closed/);
  });

  it('leaves a person whose confirmation never reached the file as sent: the next run reconciles it', () => {
    // What a kill between the answer and the next line leaves: the process is gone, the line with it.
    const journal = JournalWriter.create(path, header);
    journal.append(sent('p-1'));
    journal.appendSoon(confirmed('p-1'));
    const state = readJournal(path).state;
    assert.equal(state.main.get('p-1')?.state, 'sent');
    assert.equal(state.main.get('p-1')?.digest, 'd-p-1');
  });

  it('writes nothing at all for a run without a journal', async () => {
    const journal = JournalWriter.discarding();
    journal.append(sent('p-1'));
    journal.appendSoon(confirmed('p-1'));
    await journal.flush();
    await journal.close();
    assert.equal(existsSync(path), false);
  });
});
