import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { statFiles } from '../../../../src/core/bulk/fileStats';
import { JournalError, JournalWriter, readJournal } from '../../../../src/core/bulk/journal';
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
const image = { file: 'p-1.jpg', slot: 'Face-1', sha256: 'a'.repeat(64), size: 1200, mtimeMs: 1764806400000.5 };
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

const lines = (...records: object[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');

describe('a bulk journal on disk', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bpid-journal-'));
    path = join(dir, 'run.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('reading it: what a resume finds in it', () => {
    it('replays every kind of record, the last one of each person winning, and counts the runs', () => {
      writeFileSync(
        path,
        lines(
          header,
          { type: 'run', at: '2026-12-04T00:00:01.000Z', command: 'enroll', pid: 1 },
          { type: 'planned', customId: 'p-1', images: [image], digest: 'd1' },
          { type: 'planned', customId: 'p-2', images: [{ ...image, file: 'p-2.jpg' }], digest: 'd2' },
          { type: 'sent', customId: 'p-1', op: 'enroll', digest: 'd1' },
          { type: 'confirmed', customId: 'p-1', op: 'enroll', digest: 'd1', bioPassId: 'b-1', via: 'answer' },
          { type: 'sent', customId: 'p-2', op: 'enroll' },
          { type: 'failed', customId: 'p-2', op: 'enroll', cause: 'no face', status: 400, gate: 'face' },
          { type: 'run', at: '2026-12-04T00:00:02.000Z', command: 'rollback', pid: 2 },
          { type: 'ambiguous', customId: 'p-1', op: 'delete', cause: 'connection lost' },
        ),
      );
      const contents = readJournal(path);
      assert.equal(contents.runs, 2);
      assert.equal(contents.torn, false);
      assert.deepEqual(contents.state.planned.get('p-1')?.images, [image]);
      assert.deepEqual(contents.state.main.get('p-1'), {
        state: 'confirmed',
        op: 'enroll',
        digest: 'd1',
        bioPassId: 'b-1',
        via: 'answer',
      });
      assert.deepEqual(contents.state.main.get('p-2'), {
        state: 'failed',
        op: 'enroll',
        cause: 'no face',
        status: 400,
        gate: 'face',
      });
      // A delete in an enroll journal is a rollback's.
      assert.deepEqual(contents.state.rollback.get('p-1'), {
        state: 'ambiguous',
        op: 'delete',
        cause: 'connection lost',
      });
    });

    it('leaves a torn last line out and says where the whole lines end', () => {
      const whole = lines(header, { type: 'planned', customId: 'p-1', images: [image], digest: 'd1' });
      writeFileSync(path, `${whole}{"type":"sent","custo`);
      const contents = readJournal(path);
      assert.equal(contents.torn, true);
      assert.equal(contents.intactBytes, Buffer.byteLength(whole));
      assert.equal(contents.state.planned.size, 1);
    });

    it('keeps CustomIDs and paths that are not ASCII as written', () => {
      const file = 'pessoa-ção-人.jpg';
      writeFileSync(
        path,
        lines(header, { type: 'planned', customId: 'p-ç', images: [{ ...image, file }], digest: 'd' }),
      );
      assert.equal(readJournal(path).state.planned.get('p-ç')?.images[0]?.file, file);
    });

    const damaged: [string, object][] = [
      [
        'a planned image whose size is text',
        { type: 'planned', customId: 'p', images: [{ ...image, size: '1200' }], digest: 'd' },
      ],
      ['a planned record with no digest', { type: 'planned', customId: 'p', images: [image] }],
      ['a confirmation of an unknown kind', { type: 'confirmed', customId: 'p', op: 'enroll', via: 'guess' }],
      ['a sent record of an unknown operation', { type: 'sent', customId: 'p', op: 'merge' }],
      ['a sent record with an empty CustomID', { type: 'sent', customId: '', op: 'enroll' }],
      ['a record of an unknown type', { type: 'deleted', customId: 'p', op: 'delete' }],
    ];
    for (const [what, record] of damaged) {
      it(`refuses ${what}, naming its line`, () => {
        writeFileSync(path, lines(header, { type: 'planned', customId: 'p-1', images: [image], digest: 'd1' }, record));
        assert.throws(
          () => readJournal(path),
          (error: unknown) => error instanceof JournalError && /line 3 is not a journal record/.test(error.message),
        );
      });
    }

    it('reads a record with a key it does not know as the schema does: the key is dropped', () => {
      const note = 'written by a newer runner';
      writeFileSync(
        path,
        lines(header, { type: 'planned', customId: 'p', images: [{ ...image, note }], digest: 'd', note }),
      );
      // The planned record is kept as read (it is written again when the person changes): no stray key in it.
      assert.deepEqual(readJournal(path).state.planned.get('p'), {
        type: 'planned',
        customId: 'p',
        images: [image],
        digest: 'd',
      });
    });

    it('refuses a file whose first line is not our header', () => {
      writeFileSync(path, lines({ type: 'header', format: 'another-journal', version: 1 }));
      assert.throws(() => readJournal(path), /is not a BioPass ID bulk journal/);
      writeFileSync(path, 'no newline at all');
      assert.throws(() => readJournal(path), /it has no header line/);
    });
  });

  describe('writing it: confirmations wait for the next line or the flush', () => {
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

    it('leaves a person whose confirmation never reached the file as sent: the next run reconciles it', async () => {
      // What a kill between the answer and the next line leaves: the process is gone, the line with it.
      const journal = JournalWriter.create(path, header);
      journal.append(sent('p-1'));
      journal.appendSoon(confirmed('p-1'));
      const state = readJournal(path).state;
      assert.equal(state.main.get('p-1')?.state, 'sent');
      assert.equal(state.main.get('p-1')?.digest, 'd-p-1');
      await journal.close();
    });

    it('has every sent record of one turn in the file, in order, before any of their requests may leave', async () => {
      const journal = JournalWriter.create(path, header);
      journal.append(sent('p-0'));
      journal.appendSoon(confirmed('p-0'));
      // Three lanes whose answers came in the same turn start their next persons.
      const written = ['p-1', 'p-2', 'p-3'].map((id) =>
        journal.appendInTurn(sent(id)).then(() => recordsIn(path).map((record) => `${record.type} ${record.customId}`)),
      );
      assert.equal(recordsIn(path).length, 1, 'nothing written yet in this turn');
      const seen = await Promise.all(written);
      const expected = ['sent p-0', 'confirmed p-0', 'sent p-1', 'sent p-2', 'sent p-3'];
      for (const lines of seen)
        assert.deepEqual(lines, expected, 'each lane finds its line (and all before it) in the file');
      // A line appended now comes after them; the next turn's sent records go after it.
      journal.append(sent('p-4'));
      await journal.appendInTurn(sent('p-5'));
      await journal.close();
      assert.deepEqual(
        recordsIn(path).map((record) => record.customId),
        ['p-0', 'p-0', 'p-1', 'p-2', 'p-3', 'p-4', 'p-5'],
      );
      assert.throws(() => journal.appendInTurn(sent('p-6')), /closed/);
    });
  });
});

describe('the stats a resume takes in a worker thread', () => {
  it('gives the size and modification time of each file, and NaN for a missing file or a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bpid-stats-'));
    try {
      writeFileSync(join(dir, 'a.jpg'), Buffer.alloc(321));
      mkdirSync(join(dir, 'folder.jpg'));
      appendFileSync(join(dir, 'b.jpg'), 'x');
      const paths = ['a.jpg', 'missing.jpg', 'folder.jpg', 'b.jpg'].map((name) => join(dir, name));
      const stats = await statFiles(paths).stats;
      assert.ok(stats);
      assert.equal(stats[0], 321);
      assert.equal(stats[1], statSync(paths[0] as string).mtimeMs);
      assert.ok(Number.isNaN(stats[2]) && Number.isNaN(stats[3]), 'a missing file');
      assert.ok(Number.isNaN(stats[4]) && Number.isNaN(stats[5]), 'a folder');
      assert.equal(stats[6], 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
