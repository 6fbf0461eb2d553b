import * as assert from 'node:assert/strict';
import type { BulkSummary } from '../../../../src/core/bulk';
import {
  CsvError,
  csvCell,
  parseGates,
  progressLine,
  readCsv,
  slotFromName,
  summaryLine,
} from '../../../../src/core/bulk';

describe('bulk: CSV reading, report cells, gates, finger names and progress text', () => {
  it('reads a BOM, CRLF and LF, quoted commas, doubled quotes and line breaks; skips blank lines', () => {
    const rows = readCsv('\uFEFFfile,customId\r\n"a,1.jpg","say ""hi"""\r\n\r\n"two\nlines.jpg",b\r\n', 'map.csv');
    assert.deepEqual(rows, [
      { line: 1, cells: ['file', 'customId'] },
      { line: 2, cells: ['a,1.jpg', 'say "hi"'] },
      { line: 5, cells: ['two\nlines.jpg', 'b'] },
    ]);
    assert.deepEqual(
      readCsv('x.jpg,1\ny.jpg,2', 'm.csv').map((row) => row.cells),
      [
        ['x.jpg', '1'],
        ['y.jpg', '2'],
      ],
    );
    assert.throws(
      () => readCsv('a,"b\n', 'm.csv'),
      (error: unknown) =>
        error instanceof CsvError && /m\.csv is not a well-formed CSV file: Quote Not Closed/.test(error.message),
    );
  });

  it('escapes cells a spreadsheet would run as formulas, and quotes what needs quoting', () => {
    assert.equal(csvCell('=SUM(A1:A9)'), "'=SUM(A1:A9)");
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-2+3'), "'-2+3");
    assert.equal(csvCell('@cmd'), "'@cmd");
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('person-0001'), 'person-0001');
    assert.equal(csvCell(400), '400');
    assert.equal(csvCell(undefined), '');
  });

  it('parses gates, and refuses what is not one', () => {
    assert.deepEqual(parseGates('face=1, icao>=20,nfiq<=3,live'), { faces: 1, icaoMin: 20, nfiqMax: 3, live: true });
    for (const bad of ['icao>24', 'nfiq>=3', 'face>=1', 'smile', 'icao>=99'])
      assert.throws(() => parseGates(bad), /--gate/);
  });

  it('names finger positions as the docs say', () => {
    assert.equal(slotFromName('face'), 'Face-1');
    assert.equal(slotFromName('finger-1'), 'Finger-1');
    assert.equal(slotFromName('Finger_10'), 'Finger-10');
    assert.equal(slotFromName('7'), 'Finger-7');
    assert.equal(slotFromName('right-thumb'), 'Finger-1');
    assert.equal(slotFromName('left little'), 'Finger-10');
    assert.equal(slotFromName('RIGHT_INDEX'), 'Finger-2');
    assert.equal(slotFromName('finger-11'), undefined);
    assert.equal(slotFromName('left-pinkie'), undefined);
  });

  it('draws the progress line with the rate, ETA and failures', () => {
    assert.equal(
      progressLine({ done: 1000, total: 5000, failed: 3, skipped: 0, requests: 1000, elapsedMs: 2000 }),
      '1000/5000 persons · 500/s · ETA 8s · 3 failed',
    );
    assert.equal(
      progressLine({ done: 150, total: 150, failed: 0, skipped: 100, requests: 50, elapsedMs: 10_000 }),
      '150/150 persons · 5.0/s · ETA 0s · 0 failed · 100 already done',
    );
    const summary = {
      command: 'enroll',
      counts: { enrolled: 4, failed: 1 },
      elapsedMs: 1234,
      requests: 6,
      pauses: 2,
    } as unknown as BulkSummary;
    assert.equal(summaryLine(summary), 'bulk enroll: 4 enrolled, 1 failed (1.2 s, 6 requests, 2 rate-limit pauses)');
  });
});
