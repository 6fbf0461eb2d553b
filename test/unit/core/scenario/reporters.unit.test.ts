import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redactor } from '../../../../src/core/redact';
import { type Sandbox, startSandbox } from '../../../../src/core/sandbox';
import { report } from '../../../../src/core/scenario/reporters';
import type { ScenarioResult } from '../../../../src/core/scenario/runner';
import { basicFlow, run, ScenarioFolder } from './fixture';

const XSD = join(__dirname, '..', '..', '..', '..', '..', 'test', 'support', 'junit-10.xsd');

describe('scenario reporters: text, JSON, JUnit (valid against the JUnit XSD CI reads)', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let folder: ScenarioFolder;
  let results: ScenarioResult[];
  const redactor = new Redactor();

  before(async () => {
    sandbox = await startSandbox();
    redactor.remember(sandbox.key);
    folder = new ScenarioFolder();
    const failing = basicFlow('rep-{{run.id}}');
    failing.steps[2] = { ...failing.steps[2], expect: { verdict: 'match' } } as (typeof failing.steps)[number];
    folder.write('pass.biopass-test.json', basicFlow());
    folder.write('fail.biopass-test.json', failing);
    folder.write('rows.csv', 'id\n"r-<1>&""x"""\n');
    folder.write('rows.biopass-test.json', {
      data: { csv: 'rows.csv' },
      steps: [
        {
          name: 'detect',
          operation: 'face_detect',
          body: { Check: { Image: { $file: 'faces/bob.jpg' } } },
          expect: { faces: 2 },
        },
      ],
    });
    folder.write('broken.biopass-test.json', '{ "steps": [ { "name": 1 } ] }');
    results = [];
    for (const name of ['pass', 'fail', 'rows', 'broken'])
      results.push(await run(folder, `${name}.biopass-test.json`, sandbox));
  });
  after(async () => {
    await sandbox.close();
    folder.remove();
  });

  const nameFile = (file: string) => file.slice(folder.root.length + 1);

  it('text: a line per step, failures at file:line:col, a closing count', () => {
    const text = report('text', results, redactor, nameFile);
    assert.match(text, /^basic flow \(pass\.biopass-test\.json\)\n {2}ok {3}enroll: Enrolled alice-/m);
    assert.match(
      text,
      / {2}FAIL other: Verify rep-\w+: no match .*\n {7}fail\.biopass-test\.json:\d+:\d+: expected "match", got "no match"/,
    );
    assert.match(text, / {4}FAIL detect: Faces detected: 1/);
    assert.match(text, /broken\.biopass-test\.json:1:\d+: error: steps\.0\.name: /);
    assert.match(text, /Scenarios: 4, steps: 7 passed, 2 failed, 0 skipped, 1 scenario\(s\) could not run/);
  });

  it('JSON: every scenario, case and step with 1-based locations', () => {
    const json = JSON.parse(report('json', results, redactor, nameFile));
    assert.deepEqual(json.summary.ok, false);
    assert.equal(json.scenarios.length, 4);
    const other = json.scenarios[1].cases[0].steps[2];
    assert.equal(other.status, 'failed');
    assert.equal(other.failures[0].message, 'expected "match", got "no match"');
    assert.ok(other.failures[0].line > 1);
    assert.equal(json.scenarios[2].cases[0].row, 1);
  });

  it('JUnit: xmllint validates it against junit-10.xsd; names escaped, failures and errors counted', () => {
    const xml = report('junit', results, redactor, nameFile);
    const file = folder.write('report.xml', xml);
    // Throws (with xmllint's message) when the file is not valid against the schema.
    const output = execFileSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8', stdio: 'pipe' });
    assert.equal(output, '');
    assert.match(xml, /<testsuites name="biopassid test" tests="10" failures="2" errors="1"/);
    assert.match(xml, /<testsuite name="rows › row 1 \(r-&lt;1&gt;&amp;&quot;x&quot;\)"/);
    assert.match(
      xml,
      /<failure type="expectation" message="expected &quot;match&quot;, got &quot;no match&quot;">fail\.biopass-test\.json:\d+:\d+: /,
    );
    // And an invalid file is refused, so the check above means something.
    writeFileSync(file, xml.replace('<testsuite name=', '<testsuite nombre='));
    assert.throws(
      () => execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' }),
      /fails to validate|Command failed/,
    );
  });

  it('no report holds the key, even when an answer echoes it', () => {
    const echoed: ScenarioResult = {
      ...(results[0] as ScenarioResult),
      cases: [
        {
          name: 'echo',
          passed: false,
          durationMs: 1,
          steps: [
            {
              name: 'echo',
              phase: 'steps',
              index: 0,
              operation: 'enroll',
              status: 'failed',
              durationMs: 1,
              summary: `answer with ${sandbox.key}`,
              failures: [{ message: `got ${sandbox.key}`, location: { offset: 0, length: 0, line: 0, character: 0 } }],
            },
          ],
        },
      ],
    };
    for (const name of ['text', 'json', 'junit'] as const) {
      const text = report(name, [...results, echoed], redactor, nameFile);
      assert.ok(!text.includes(sandbox.key), `${name} holds the key`);
      assert.ok(text.includes(`••••${sandbox.key.slice(-4)}`), `${name} shows the key masked`);
    }
  });
});
