import * as assert from 'node:assert/strict';
import { type Sandbox, startSandbox } from '../../../../src/core/sandbox';
import type { RunEvent } from '../../../../src/core/scenario/runner';
import { basicFlow, face, run, ScenarioFolder } from './fixture';

describe('scenario runner against the sandbox (real HTTP)', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let folder: ScenarioFolder;

  before(async () => {
    sandbox = await startSandbox();
    folder = new ScenarioFolder();
  });
  afterEach(() => sandbox.clearFaults());
  after(async () => {
    await sandbox.close();
    folder.remove();
  });

  const customIds = () => sandbox.requestLog.map((entry) => `${entry.operation}:${entry.customId}:${entry.status}`);

  it('enrolls, verifies the same face (match) and another (no match), deletes in teardown; values carry over', async () => {
    folder.write('flow.biopass-test.json', basicFlow());
    sandbox.reset();
    const result = await run(folder, 'flow.biopass-test.json', sandbox, { runId: 'run7' });
    assert.deepEqual(result.problems, []);
    const steps = result.cases[0]?.steps ?? [];
    assert.deepEqual(
      steps.map((step) => [step.name, step.status, step.httpStatus]),
      [
        ['enroll', 'passed', 200],
        ['same', 'passed', 200],
        ['other', 'passed', 200],
        ['delete', 'passed', 200],
      ],
    );
    assert.equal(result.passed, true);
    assert.match(steps[1]?.summary ?? '', /^Verify alice-run7: match/);
    assert.deepEqual(customIds(), [
      'enroll:alice-run7:200',
      'verify:alice-run7:200',
      'verify:alice-run7:200',
      'delete:alice-run7:200',
    ]);
  });

  it('a failed expectation skips the rest, points at its line, and teardown still deletes', async () => {
    const flow = basicFlow('fail-{{run.id}}');
    flow.steps[1] = { ...flow.steps[1], expect: { verdict: 'no match' } } as (typeof flow.steps)[number];
    folder.write('failing.biopass-test.json', flow);
    sandbox.reset();
    const result = await run(folder, 'failing.biopass-test.json', sandbox, { runId: 'x' });
    const steps = result.cases[0]?.steps ?? [];
    assert.deepEqual(
      steps.map((step) => step.status),
      ['passed', 'failed', 'skipped', 'passed'],
    );
    const failure = steps[1]?.failures[0];
    assert.equal(failure?.message, 'expected "no match", got "match"');
    const text = folder.write('failing.biopass-test.json', flow) && JSON.stringify(flow, null, 2).split('\n');
    assert.ok(
      text && /"verdict": "no match"/.test(text[failure?.location.line ?? 0] ?? ''),
      'the failure is at the verdict line',
    );
    assert.equal(result.passed, false);
    assert.deepEqual(customIds(), ['enroll:fail-x:200', 'verify:fail-x:200', 'delete:fail-x:200']);
  });

  it('runs one case per CSV row with {{row.COLUMN}}', async () => {
    folder.write('people.csv', 'customId,image\nrow-a,alice\nrow-b,bob\n');
    folder.write('rows.biopass-test.json', {
      data: { csv: './people.csv' },
      steps: [
        {
          name: 'enroll',
          operation: 'enroll',
          body: { Person: { CustomID: '{{row.customId}}', Face: face('faces/alice.jpg') } },
        },
      ],
      teardown: [{ name: 'delete', operation: 'delete', body: { Person: { CustomID: '{{row.customId}}' } } }],
    });
    sandbox.reset();
    const result = await run(folder, 'rows.biopass-test.json', sandbox);
    assert.deepEqual(
      result.cases.map((each) => [each.name, each.passed, each.row?.line]),
      [
        ['row 1 (row-a)', true, 1],
        ['row 2 (row-b)', true, 2],
      ],
    );
    assert.deepEqual(customIds(), ['enroll:row-a:200', 'delete:row-a:200', 'enroll:row-b:200', 'delete:row-b:200']);
  });

  it('a $file path may take a row value, and is still refused outside the folder', async () => {
    folder.write('faces.csv', 'id,face\nrow-face,alice.jpg\nrow-escape,../../../etc/hostname\n');
    folder.write('facerows.biopass-test.json', {
      data: { csv: 'faces.csv' },
      steps: [
        {
          name: 'enroll',
          operation: 'enroll',
          body: { Person: { CustomID: '{{row.id}}', Face: face('faces/{{row.face}}') } },
        },
      ],
    });
    sandbox.reset();
    const result = await run(folder, 'facerows.biopass-test.json', sandbox);
    assert.deepEqual(
      result.cases.map((each) => each.passed),
      [true, false],
    );
    assert.match(result.cases[1]?.steps[0]?.failures[0]?.message ?? '', /outside the workspace folder/);
    assert.deepEqual(customIds(), ['enroll:row-face:200']);
  });

  it('a step past its timeoutSeconds fails as timed out, and teardown runs', async () => {
    folder.write('slow.biopass-test.json', {
      steps: [
        {
          name: 'live',
          operation: 'liveness',
          body: { Spoof: { Image: { $file: 'faces/bob.jpg' } } },
          timeoutSeconds: 0.3,
        },
      ],
      teardown: [
        {
          name: 'detect',
          operation: 'face_detect',
          body: { Check: { Image: { $file: 'faces/bob.jpg' } } },
          expect: { faces: 1 },
        },
      ],
    });
    sandbox.injectFault({ kind: 'stall', match: { operation: 'liveness' } });
    const result = await run(folder, 'slow.biopass-test.json', sandbox);
    const [live, detect] = result.cases[0]?.steps ?? [];
    assert.equal(live?.status, 'failed');
    assert.equal(live?.failures[0]?.message, 'timed out after 0.3 s (timeoutSeconds)');
    assert.equal(detect?.status, 'passed');
  });

  it('cancelling aborts the step in flight, skips the rest and still runs teardown', async () => {
    const flow = basicFlow('cancel-{{run.id}}');
    folder.write('cancel.biopass-test.json', flow);
    sandbox.reset();
    sandbox.injectFault({ kind: 'stall', match: { operation: 'verify' } });
    const controller = new AbortController();
    const events: string[] = [];
    const onEvent = (event: RunEvent) => {
      if (event.type === 'step-started') {
        events.push(`start ${event.step.name}`);
        if (event.step.name === 'same') setTimeout(() => controller.abort(), 100);
      }
      if (event.type === 'step-finished') events.push(`${event.result.status} ${event.step.name}`);
    };
    const result = await run(folder, 'cancel.biopass-test.json', sandbox, {
      signal: controller.signal,
      onEvent,
      runId: 'c',
    });
    assert.equal(result.cancelled, true);
    assert.equal(result.passed, false);
    assert.deepEqual(events, [
      'start enroll',
      'passed enroll',
      'start same',
      'failed same',
      'skipped other',
      'start delete',
      'passed delete',
    ]);
    assert.equal(result.cases[0]?.steps[1]?.failures[0]?.message, 'cancelled');
    assert.deepEqual(customIds().at(-1), 'delete:cancel-c:200');
  });

  it('a request file step, with `with` merged over it and the operation from its name', async () => {
    folder.write('requests/alice.enroll.biopass.json', {
      Person: { CustomID: 'fixed', Face: face('../faces/alice.jpg') },
    });
    folder.write('byfile.biopass-test.json', {
      variables: { id: 'file-{{run.id}}' },
      steps: [
        { name: 'enroll', request: 'requests/alice.enroll.biopass.json', with: { Person: { CustomID: '{{id}}' } } },
      ],
      teardown: [{ name: 'delete', operation: 'delete', body: { Person: { CustomID: '{{id}}' } } }],
    });
    sandbox.reset();
    const result = await run(folder, 'byfile.biopass-test.json', sandbox, { runId: 'f' });
    assert.equal(result.passed, true, JSON.stringify(result.cases));
    assert.deepEqual(customIds(), ['enroll:file-f:200', 'delete:file-f:200']);
  });

  it('refuses images outside the folder and a variable that would send the key; nothing is sent for them', async () => {
    folder.write('outside.biopass-test.json', {
      steps: [{ name: 'out', operation: 'liveness', body: { Spoof: { Image: { $file: '../../etc/passwd' } } } }],
    });
    folder.write('key.biopass-test.json', {
      steps: [{ name: 'leak', operation: 'delete', body: { Person: { CustomID: '{{env.SOMETHING}}' } } }],
    });
    sandbox.reset();
    const outside = await run(folder, 'outside.biopass-test.json', sandbox);
    assert.match(outside.cases[0]?.steps[0]?.failures[0]?.message ?? '', /outside the workspace folder/);
    const key = await run(folder, 'key.biopass-test.json', sandbox, { env: { SOMETHING: sandbox.key } });
    assert.match(key.cases[0]?.steps[0]?.failures[0]?.message ?? '', /would put the subscription key into the request/);
    assert.deepEqual(sandbox.requestLog, []);
  });
});
