import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { RecordSpool } from '../../../../src/core/bulk/spool';

/** The spool's own folders under the system temp folder. */
const spoolFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('biopassid-bulk-'));

/** Drains the spool; each write must end a line. Returns the writes and the records they hold. */
function drained(spool: RecordSpool): { writes: number; records: unknown[] } {
  const writes: Buffer[] = [];
  spool.drain((bytes) => writes.push(Buffer.from(bytes)));
  for (const bytes of writes) assert.equal(bytes.at(-1), 0x0a, 'each write ends a line');
  const lines = Buffer.concat(writes).toString('utf8').trimEnd().split('\n');
  return { writes: writes.length, records: lines.map((line) => JSON.parse(line)) };
}

describe('bulk: the planned records wait in a spool until the journal is written', () => {
  it('hands back every record, in order, as whole lines, from memory and from its file', () => {
    for (const count of [3, 12_000]) {
      const spool = new RecordSpool();
      const records = Array.from({ length: count }, (_, index) => ({
        type: 'planned',
        customId: `person-${index}`,
        // Long enough that 12,000 records pass the 1 MB kept in memory and go to the file.
        digest: `${index}`.padStart(64, 'é'),
      }));
      for (const record of records) spool.add(record);
      const { writes, records: handedBack } = drained(spool);
      assert.deepEqual(handedBack, records);
      if (count > 3) assert.ok(writes > 1, 'a large spool is handed back in chunks');
    }
  });

  it('hands back a record longer than a chunk whole, between the records around it', () => {
    const spool = new RecordSpool();
    const records = [
      ...Array.from({ length: 9000 }, (_, index) => ({ customId: `p-${index}`, digest: 'x'.repeat(100) })),
      { customId: 'many-images', digest: 'y'.repeat(3 << 20) },
      { customId: 'last', digest: 'z' },
    ];
    for (const record of records) spool.add(record);
    assert.deepEqual(drained(spool).records, records);
  });

  it('leaves no file behind once drained or disposed', () => {
    const before = spoolFolders().length;
    const spool = new RecordSpool();
    for (let index = 0; index < 12_000; index++) spool.add({ customId: `p-${index}`, digest: 'x'.repeat(100) });
    assert.equal(spoolFolders().length, before + 1, 'past 1 MB the records are in a file');
    spool.dispose();
    assert.equal(spoolFolders().length, before);
    const drained = new RecordSpool();
    for (let index = 0; index < 12_000; index++) drained.add({ customId: `p-${index}`, digest: 'x'.repeat(100) });
    drained.drain(() => undefined);
    assert.equal(spoolFolders().length, before);
  });
});
