import * as assert from 'node:assert/strict';
import type { HistoryRecord } from '../../../../src/core/results/fromHistory';
import { environmentItems, historyItems, personItems, personsFromHistory } from '../../../../src/core/sidebar/models';

let clock = 0;
function record(fields: Partial<HistoryRecord> & Pick<HistoryRecord, 'operation'>): HistoryRecord {
  clock += 1;
  return {
    id: `id-${clock}`,
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, clock)).toISOString(),
    environment: 'sandbox',
    outcome: 'success',
    latencyMs: 5,
    verdict: `${fields.operation} ${fields.customId ?? ''}`,
    ...fields,
  };
}

describe('sidebar item models', () => {
  it('Environment: environment, key and sandbox, each running its action', () => {
    const items = environmentItems({ environment: 'homologation', baseUrl: 'https://hml-api.biopassid.com' });
    assert.deepEqual(
      items.map((item) => [item.label, item.command?.id]),
      [
        ['Environment: homologation', 'biopassid.selectEnvironment'],
        ['Key: not set', 'biopassid.setApiKey'],
        ['Sandbox: stopped', 'biopassid.startSandbox'],
      ],
    );
    assert.equal(items[1]?.icon, 'warning');
    const running = environmentItems({ environment: 'sandbox', sandboxUrl: 'http://127.0.0.1:5000' });
    assert.equal(running[1]?.label, 'Key: none needed');
    assert.equal(running[2]?.command?.id, 'biopassid.stopSandbox');
    assert.equal(running[2]?.description, 'http://127.0.0.1:5000');
  });

  it('Persons: enrolled or updated through this tool, per environment, deleted ones marked, failures ignored', () => {
    // Newest first, as the history keeps them.
    const records = [
      record({ operation: 'delete', customId: 'bob' }),
      record({ operation: 'update', customId: 'alice', bioPassId: 'bp-a2' }),
      record({ operation: 'enroll', customId: 'carol', outcome: 'bad-request' }),
      record({ operation: 'verify', customId: 'dave' }),
      record({ operation: 'enroll', customId: 'bob', bioPassId: 'bp-b' }),
      record({ operation: 'enroll', customId: 'alice', environment: 'homologation', bioPassId: 'bp-h' }),
      record({ operation: 'enroll', customId: 'alice', bioPassId: 'bp-a1' }),
    ]
      .reverse()
      .reverse();
    const persons = personsFromHistory(records);
    assert.deepEqual(
      persons.map((person) => [person.environment, person.customId, person.deleted, person.bioPassId]),
      [
        ['sandbox', 'bob', true, 'bp-b'],
        ['sandbox', 'alice', false, 'bp-a2'],
        ['homologation', 'alice', false, 'bp-h'],
      ],
    );
    const tree = personItems(persons);
    assert.deepEqual(
      tree.map((folder) => [folder.label, folder.children?.map((child) => `${child.label}: ${child.description}`)]),
      [
        ['homologation', ['alice: BioPassID bp-h']],
        ['sandbox', ['alice: BioPassID bp-a2', 'bob: deleted']],
      ],
    );
    assert.equal(tree[1]?.children?.[1]?.contextValue, 'personDeleted');
  });

  it('History: newest first, a click re-opens the result, Send Again only on calls that change nothing', () => {
    const records = [
      record({ operation: 'enroll', customId: 'a' }),
      record({ operation: 'check_icao', source: 'x.jpg' }),
      record({ operation: 'liveness', source: 'y.jpg' }),
    ];
    const items = historyItems(records);
    assert.deepEqual(
      items.map((item) => [item.label, item.contextValue]),
      [
        ['liveness ', 'historyResendable'],
        ['check_icao ', 'historyResendable'],
        ['enroll a', 'history'],
      ],
    );
    assert.deepEqual(items[0]?.command?.arguments, [records[2]?.id]);
    assert.equal(items[0]?.command?.id, 'biopassid.openHistoryResult');
  });
});
