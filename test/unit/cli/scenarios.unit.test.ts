import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import { cli } from './cliHarness';

const REPO = join(__dirname, '..', '..', '..', '..');
const XSD = join(REPO, 'test', 'support', 'junit-10.xsd');

/** The `npm start` sample workspace, made by its own script in a real Node process. */
function sampleWorkspace(): string {
  const folder = mkdtempSync(join(tmpdir(), 'bpid-sample-'));
  const script = join(REPO, 'scripts', 'sample-workspace.mjs');
  execFileSync(process.execPath, [
    '-e',
    `import(${JSON.stringify(script)}).then((m) => m.makeSampleWorkspace(${JSON.stringify(folder)}))`,
  ]);
  return folder;
}

describe('biopassid test: scenario files from the command line (real HTTP)', function () {
  this.timeout(60_000);
  let folder: string;

  before(() => {
    folder = sampleWorkspace();
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('every scenario of the sample workspace passes against --sandbox (no key), exit 0', async () => {
    const run = await cli(['test', '--sandbox', 'scenarios'], {}, folder);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    for (const line of [
      /ok {3}enroll: Enrolled alice-\w+ -> BioPassID/,
      /ok {3}verifySame: Verify alice-\w+: match/,
      /ok {3}verifyOther: Verify alice-\w+: no match/,
      /ok {3}liveness: Liveness: live/,
      /ok {3}delete \(teardown\): Deleted alice-/,
      /row 3 \(carol\)/,
      /Scenarios: 2, steps: 16 passed, 0 failed, 0 skipped/,
    ]) {
      assert.match(run.stdout, line);
    }
    assert.match(run.stderr, /Running 2 scenario file\(s\) against a local sandbox/);
  });

  it('--reporter json and junit (--out), the JUnit file valid against junit-10.xsd', async () => {
    const json = await cli(
      ['test', '--sandbox', '--reporter', 'json', 'scenarios/alice.biopass-test.json'],
      {},
      folder,
    );
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.summary.passed, 7);
    assert.deepEqual(
      parsed.scenarios[0].cases[0].steps.map((step: { name: string; status: string }) => `${step.name}:${step.status}`),
      [
        'enroll:passed',
        'verifySame:passed',
        'verifyOther:passed',
        'liveness:passed',
        'faces:passed',
        'broken:passed',
        'delete:passed',
      ],
    );
    const junit = await cli(['test', '--sandbox', '--reporter', 'junit', '--out', 'report.xml'], {}, folder);
    assert.equal(junit.code, 0, junit.stderr);
    assert.match(
      junit.stdout,
      /16 step\(s\) passed, 0 failed, 0 skipped in 2 scenario file\(s\) .*junit report written to report\.xml/,
    );
    const report = join(folder, 'report.xml');
    execFileSync('xmllint', ['--noout', '--schema', XSD, report], { stdio: 'pipe' });
    assert.match(
      readFileSync(report, 'utf8'),
      /<testsuite name="Each person in people\.csv › row 2 \(bob\)" tests="3" failures="0"/,
    );
  });

  it('exit 1 on a failed expectation, with file:line:col; exit 2 on bad usage', async () => {
    writeFileSync(
      join(folder, 'wrong.biopass-test.json'),
      `${JSON.stringify({ steps: [{ name: 'live', operation: 'liveness', body: { Spoof: { Image: { $file: 'faces/bob.jpg' } } }, expect: { verdict: 'spoof' } }] }, null, 2)}\n`,
    );
    const failed = await cli(['test', '--sandbox', 'wrong.biopass-test.json'], {}, folder);
    assert.equal(failed.code, 1);
    assert.match(
      failed.stdout,
      /FAIL live: Liveness: live .*\n {7}wrong\.biopass-test\.json:\d+:\d+: expected "spoof", got "live"/,
    );
    assert.equal((await cli(['test', '--sandbox', '--reporter', 'xml'], {}, folder)).code, 2);
    assert.equal((await cli(['test', '--sandbox', '--base-url', 'http://127.0.0.1:1'], {}, folder)).code, 2);
    assert.equal((await cli(['test', 'missing-folder', '--sandbox'], {}, folder)).code, 2);
    const noKey = await cli(['test', 'scenarios', '--env', 'homologation'], {}, folder);
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /No subscription key/);
  });

  describe('against a sandbox of its own, with the key from BIOPASSID_API_KEY', () => {
    let sandbox: Sandbox;
    before(async () => {
      sandbox = await startSandbox();
    });
    after(() => sandbox.close());

    it('runs with --base-url, and the key appears in no report even when a scenario tries to send it', async () => {
      writeFileSync(
        join(folder, 'leak.biopass-test.json'),
        `${JSON.stringify({ steps: [{ name: 'sneak', operation: 'delete', body: { Person: { CustomID: 'x{{env.COPY}}' } } }] }, null, 2)}\n`,
      );
      const env = { BIOPASSID_API_KEY: sandbox.key, COPY: sandbox.key };
      const base = ['--base-url', sandbox.url];
      const text = await cli(['test', ...base, 'scenarios', 'leak.biopass-test.json'], env, folder);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /FAIL sneak .*\n.*a variable would put the subscription key into the request/);
      assert.match(text.stdout, /steps: 16 passed, 1 failed/);
      for (const reporter of ['json', 'junit']) {
        await cli(
          ['test', ...base, '--reporter', reporter, '--out', `leak.${reporter}`, 'leak.biopass-test.json'],
          env,
          folder,
        );
        assert.ok(!readFileSync(join(folder, `leak.${reporter}`), 'utf8').includes(sandbox.key));
      }
      assert.ok(!text.stdout.includes(sandbox.key) && !text.stderr.includes(sandbox.key));
      assert.ok(!sandbox.requestLog.some((entry) => entry.customId?.includes(sandbox.key.slice(-8))));
    });
  });
});
