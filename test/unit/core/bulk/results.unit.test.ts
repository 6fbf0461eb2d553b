import * as assert from 'node:assert/strict';
import { reportCsv } from '../../../../src/core/bulk/report';
import { needsAttention, PersonResults } from '../../../../src/core/bulk/results';
import type { BulkSummary, PersonResult } from '../../../../src/core/bulk/types';

/** A run's worth of varied results: every field present and absent, texts of every width. */
function results(count: number): PersonResult[] {
  const kinds: PersonResult['result'][] = ['enrolled', 'failed', 'already-done', 'ambiguous', 'gated', 'invalid'];
  return Array.from({ length: count }, (_, index) => {
    const result: PersonResult = {
      customId: index % 7 === 0 ? `pessoa-ção-${index}-😀` : `person-${index}`,
      result: kinds[index % kinds.length] as PersonResult['result'],
      files:
        index % 5 === 0
          ? []
          : index % 3 === 0
            ? [`${index}/face.jpg`, `${index}/finger-right-index.png`]
            : [`p,${index}.jpg`],
    };
    if (index % 2 === 1) result.cause = index % 4 === 1 ? '' : `refused: "quoted", line\nbreak ${index}`;
    if (index % 3 === 1) result.status = index % 6 === 1 ? 400 : 503;
    if (index % 4 === 0) result.bioPassId = `bp-${index.toString(16).padStart(32, '0')}`;
    return result;
  });
}

describe('bulk: the results of a run, kept in columns, read back as they were reported', () => {
  it('gives back every result exactly, field for field, past every initial capacity', () => {
    const expected = results(5000);
    const table = new PersonResults();
    for (const result of expected) table.push(result);
    assert.equal(table.length, expected.length);
    assert.deepEqual([...table], expected, 'absent fields stay absent; an empty cause stays an empty cause');
    assert.deepEqual(table.at(4999), expected[4999]);
    assert.deepEqual(JSON.parse(JSON.stringify({ persons: table })).persons, expected, 'in JSON, the list of results');
  });

  it('counts each kind and lists what needs someone to look at it, in order', () => {
    const expected = results(600);
    const table = new PersonResults();
    for (const result of expected) table.push(result);
    const counts: Record<string, number> = {};
    for (const result of expected) counts[result.result] = (counts[result.result] ?? 0) + 1;
    assert.deepEqual(table.counts(), counts);
    assert.deepEqual(
      table.needingAttention(),
      expected.filter((result) => !['enrolled', 'already-done'].includes(result.result)),
    );
    assert.equal(needsAttention('planned'), false, "a dry run's plan is not a failure");
    assert.equal(needsAttention('changed'), true);
  });

  it('feeds the CSV report the same rows as the results it was given', () => {
    const expected = results(40);
    const table = new PersonResults();
    for (const result of expected) table.push(result);
    const summary = { persons: table, problems: [] } as unknown as BulkSummary;
    const rows = reportCsv(summary).split('\r\n');
    assert.equal(rows[1], 'pessoa-ção-0-😀,enrolled,,,bp-00000000000000000000000000000000,');
    assert.equal(
      rows[4],
      'person-3,ambiguous,"refused: ""quoted"", line\nbreak 3",,,3/face.jpg 3/finger-right-index.png',
    );
  });
});
