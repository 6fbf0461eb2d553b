import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnoseScenario } from '../../../../src/core/scenario/diagnostics';
import { loadScenario, parseDataRows } from '../../../../src/core/scenario/load';
import { basicFlow, face, ScenarioFolder } from './fixture';

const REPO = join(__dirname, '..', '..', '..', '..', '..');

describe('scenario format and diagnostics', () => {
  let folder: ScenarioFolder;
  before(() => {
    folder = new ScenarioFolder();
  });
  after(() => folder.remove());

  async function diagnose(content: object | string, name = 'x.biopass-test.json') {
    const file = folder.write(name, content);
    const plan = await loadScenario(file);
    return diagnoseScenario(plan, { allowedRoot: folder.root }).map(
      (d) => `${d.code} ${d.location.line + 1}: ${d.message}`,
    );
  }

  it('the basic flow is valid and has no diagnostics', async () => {
    assert.deepEqual(await diagnose(basicFlow()), []);
  });

  it('shape errors from the zod schema point at the field', async () => {
    const found = await diagnose({ steps: [{ name: 'a b', operation: 'enrol', body: {} }], extra: 1 });
    assert.ok(
      found.some((line) => line.startsWith('invalid-scenario 1:') && line.includes('extra')),
      found.join('\n'),
    );
    assert.ok(
      found.some((line) => line.includes('steps.0.name')),
      found.join('\n'),
    );
    assert.ok(
      found.some((line) => line.includes('steps.0.operation')),
      found.join('\n'),
    );
  });

  it('undefined variables, later steps, the key, cycles, missing files and impossible expectations', async () => {
    const found = await diagnose({
      variables: { a: '{{b}}', b: '{{a}}', c: '{{env.BIOPASSID_API_KEY}}' },
      steps: [
        {
          name: 'enroll',
          operation: 'enroll',
          body: { Person: { CustomID: '{{nope}}-{{verify.Person.Match}}-{{row.x}}', Face: face('faces/missing.jpg') } },
          expect: { verdict: 'match' },
        },
        {
          name: 'verify',
          operation: 'verify',
          body: {
            Person: { CustomID: '{{enroll.Person.CustomID}}', Face: face('faces/{{enroll.Person.CustomID}}.jpg') },
          },
        },
        { name: 'file', request: 'requests/none.biopass.json' },
        {
          name: 'outside',
          operation: 'liveness',
          body: { Spoof: { Image: { $file: '../../x.jpg' } } },
          expect: { faces: 1 },
        },
        { name: 'verify', operation: 'delete', body: { Person: { CustomID: 'x' } } },
      ],
    });
    const codes = found.map((line) => line.split(' ')[0]);
    for (const code of [
      'key-variable',
      'variable-cycle',
      'undefined-variable',
      'later-step',
      'missing-image-file',
      'variable-in-file-path',
      'missing-request-file',
      'no-operation',
      'outside-workspace',
      'unproducible-expectation',
      'duplicate-step',
    ]) {
      assert.ok(codes.includes(code), `${code} in\n${found.join('\n')}`);
    }
    assert.ok(
      found.includes('variable-cycle 3: variables refer to each other in a cycle: a -> b -> a'),
      found.join('\n'),
    );
    assert.ok(
      found.some(
        (line) => line.startsWith('undefined-variable') && line.includes('{{row.x}}: this scenario has no "data" rows'),
      ),
    );
    assert.ok(found.some((line) => line.includes('enroll cannot answer "match": only verify does')));
  });

  it('CSV rows: header names the columns, quoted fields, rows numbered with their lines; a missing CSV is reported', async () => {
    const { columns, rows } = parseDataRows('id,name\n1,"Alice, A."\n\n2,"multi\nline"\n3,c\n');
    assert.deepEqual(columns, ['id', 'name']);
    assert.deepEqual(
      rows.map((row) => [row.number, row.values.name, row.line]),
      [
        [1, 'Alice, A.', 1],
        [2, 'multi\nline', 3],
        [3, 'c', 5],
      ],
    );
    const found = await diagnose({ data: { csv: 'none.csv' }, steps: basicFlow().steps });
    assert.ok(
      found.some((line) => line.startsWith('data-file') && line.includes('the file does not exist')),
      found.join('\n'),
    );
    folder.write('cols.csv', 'id\n1\n');
    const columnsFound = await diagnose({
      data: { csv: 'cols.csv' },
      steps: [{ name: 'd', operation: 'delete', body: { Person: { CustomID: '{{row.name}}' } } }],
    });
    assert.deepEqual(columnsFound, ['undefined-variable 11: {{row.name}}: the CSV has no column "name" (columns: id)']);
  });

  it('ships schemas/scenario.schema.json, and package.json validates *.biopass-test.json with it', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'schemas', 'scenario.schema.json'), 'utf8'));
    assert.equal(schema.title, 'BioPass ID test scenario');
    assert.deepEqual(schema.required, ['steps']);
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    assert.ok(
      manifest.contributes.jsonValidation.some(
        (entry: { fileMatch: string; url: string }) =>
          entry.fileMatch === '*.biopass-test.json' && entry.url === './schemas/scenario.schema.json',
      ),
    );
  });
});
