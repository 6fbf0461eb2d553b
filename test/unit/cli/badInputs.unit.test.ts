import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import {
  ACCEPTED_CUSTOM_IDS,
  BAD_IMAGE_FILES,
  BAD_REQUEST_FILES,
  BOM,
  canSetUp,
  enrollRequestText,
  REFUSED_CUSTOM_IDS,
  requestImages,
} from '../../support/badInputs';
import { cli } from './cliHarness';

/** The image commands each bad file goes through: two that send a CustomID, one that does not. */
const IMAGE_COMMANDS = [['enroll', '--custom-id', 'never-sent'], ['verify', '--custom-id', 'never-sent'], ['detect']];

describe('biopassid: bad inputs are refused before anything is sent (real HTTP to the sandbox)', () => {
  let sandbox: Sandbox;
  let dir: string;
  let env: Record<string, string>;
  const base = () => ['--base-url', sandbox.url];

  before(async () => {
    sandbox = await startSandbox();
    env = { BIOPASSID_API_KEY: sandbox.key };
  });

  after(() => sandbox.close());

  beforeEach(() => {
    sandbox.reset();
    dir = mkdtempSync(join(tmpdir(), 'bpid-cli-bad-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('image files', () => {
    const missing = {
      what: 'a file that does not exist',
      name: 'gone.jpg',
      create: () => {},
      problem: /does not exist/,
    };
    for (const bad of [...BAD_IMAGE_FILES, missing]) {
      it(`refuses ${bad.what} (${bad.name}): exit 1, the reason on stderr`, async function () {
        if (!canSetUp(bad)) this.skip();
        bad.create(join(dir, bad.name));

        for (const [command, ...options] of IMAGE_COMMANDS) {
          const run = await cli([command as string, bad.name, ...options, ...base()], env, dir);
          assert.equal(run.code, 1, `${command}: ${run.stderr}`);
          assert.equal(run.stdout, '');
          const [reason, ...rest] = run.stderr.trimEnd().split('\n');
          assert.ok(reason?.includes(`${bad.name} `), `${command} names the file: ${run.stderr}`);
          assert.match(reason ?? '', bad.problem);
          assert.match(rest.at(-1) ?? reason ?? '', /Nothing was sent\.$/);
        }
        assert.deepEqual(sandbox.requestLog, [], 'the sandbox saw no request');
      });
    }
  });

  describe('--custom-id', () => {
    for (const refused of REFUSED_CUSTOM_IDS) {
      it(`refuses a CustomID with ${refused.what}: exit 2, nothing sent`, async () => {
        writeFileSync(join(dir, 'face.jpg'), sampleFaceJpeg(50));
        for (const command of ['enroll', 'verify', 'update']) {
          const run = await cli([command, 'face.jpg', '--custom-id', refused.value, ...base()], env, dir);
          assert.equal(run.code, 2, run.stderr);
          assert.ok(run.stderr.startsWith(`biopassid ${command}: --custom-id: ${refused.message}\n`), run.stderr);
        }
        const deleted = await cli(['delete', '--custom-id', refused.value, ...base()], env, dir);
        assert.equal(deleted.code, 2, deleted.stderr);
        assert.ok(deleted.stderr.startsWith(`biopassid delete: --custom-id: ${refused.message}\n`), deleted.stderr);
        assert.deepEqual(sandbox.requestLog, []);
      });
    }

    for (const accepted of ACCEPTED_CUSTOM_IDS) {
      it(`accepts a CustomID of ${accepted.what}, and it round-trips intact`, async () => {
        writeFileSync(join(dir, 'face.jpg'), sampleFaceJpeg(51));
        const enrolled = await cli(
          ['enroll', 'face.jpg', '--custom-id', accepted.value, '--json', ...base()],
          env,
          dir,
        );
        assert.equal(enrolled.code, 0, enrolled.stderr);
        const report = JSON.parse(enrolled.stdout) as { body: { Person: { CustomID: string } }; verdict: string };
        assert.equal(report.body.Person.CustomID, accepted.value);
        assert.ok(report.verdict.startsWith(`Enrolled ${accepted.value} -> BioPassID `));
        const verified = await cli(['verify', 'face.jpg', '--custom-id', accepted.value, ...base()], env, dir);
        assert.equal(verified.code, 0, verified.stderr);
        assert.ok(verified.stdout.startsWith(`Verify ${accepted.value}: match (face matched; fingers not sent)\n`));
        assert.deepEqual(
          sandbox.requestLog.map((entry) => [entry.operation, entry.status]),
          [
            ['enroll', 200],
            ['verify', 200],
          ],
        );
      });
    }
  });

  describe('request files (send)', () => {
    beforeEach(() => {
      for (const [name, bytes] of Object.entries(requestImages())) writeFileSync(join(dir, name), bytes);
    });

    for (const bad of BAD_REQUEST_FILES) {
      it(`refuses ${bad.what}: exit 1, the problem on stderr with its line and column`, async () => {
        writeFileSync(join(dir, bad.name), bad.text());

        const run = await cli(['send', 'enroll', bad.name, ...base()], env, dir);

        assert.equal(run.code, 1, run.stderr);
        assert.equal(run.stdout, '');
        const lines = run.stderr.trimEnd().split('\n');
        assert.match(lines[0] ?? '', new RegExp(`^${bad.name.replace(/\./g, '\\.')}:\\d+:\\d+: error: `));
        assert.match(lines[0] ?? '', bad.problem);
        assert.match(
          lines.at(-1) ?? '',
          new RegExp(`^${bad.name.replace(/\./g, '\\.')} has \\d+ error\\(s\\)\\. Nothing was sent\\.$`),
        );
        assert.deepEqual(sandbox.requestLog, [], 'the sandbox saw no request');
      });
    }

    it('sends a request file that starts with a BOM, as JSON without it', async () => {
      writeFileSync(join(dir, 'bom.biopass.json'), `${BOM}${enrollRequestText('bom-person')}`);
      const validated = await cli(['validate', 'bom.biopass.json'], {}, dir);
      assert.equal(validated.code, 0, 'a BOM is a warning, not an error');
      assert.match(validated.stdout, /^bom\.biopass\.json:1:1: warning: The file starts with a byte order mark/);

      const run = await cli(['send', 'enroll', 'bom.biopass.json', ...base()], env, dir);

      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Enrolled bom-person -> BioPassID \S+/);
      // The sandbox parses the body strictly: a BOM would have made it a 400 "Invalid JSON format".
      assert.deepEqual(
        sandbox.requestLog.map((entry) => [entry.operation, entry.customId, entry.status]),
        [['enroll', 'bom-person', 200]],
      );
    });
  });
});
