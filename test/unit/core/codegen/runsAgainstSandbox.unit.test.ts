import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_LANGUAGES, type CodeRequest, requestAsCode } from '../../../../src/core/codegen';
import type { OperationId } from '../../../../src/core/contract/operations';
import { sampleFaceJpeg } from '../../../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../../../src/core/sandbox';
import { interpreterFor, printedJson, type RunResult, runCode } from './runCode';

const KEY = 'fake-codegen-key-00000001';
const AWKWARD_ID = 'a"b\'c$d`e\\f';
const INJECTION_ID = '$(touch pwned1)`touch pwned2`${HOME}\\$x';
const face = sampleFaceJpeg(1);

const faceFileRequest = (customId: string) => ({
  $schema: 'https://example.test/enroll.schema.json',
  Person: { CustomID: customId, Face: [{ 'Face-1': { $file: './images/face.jpg' } }] },
});

for (const language of CODE_LANGUAGES) {
  const interpreter = interpreterFor(language);
  const skipped = typeof interpreter === 'string' ? ` (skipped: ${interpreter})` : '';
  describe(`generated ${language} code run against the local sandbox${skipped}`, function () {
    this.timeout(30_000);
    let sandbox: Sandbox;
    let dir: string;

    before(async function () {
      if (typeof interpreter === 'string') this.skip();
      sandbox = await startSandbox({ keys: [KEY] });
    });

    after(async () => {
      await sandbox?.close();
    });

    beforeEach(() => {
      sandbox.reset();
      dir = mkdtempSync(join(tmpdir(), `bpid-codegen-${language}-`));
      mkdirSync(join(dir, 'images'));
      writeFileSync(join(dir, 'images', 'face.jpg'), face);
    });

    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const run = async (operation: OperationId, body: unknown, apiKey: string | null = KEY): Promise<RunResult> => {
      if (typeof interpreter === 'string') throw new Error(interpreter);
      const request: CodeRequest = { operation, baseUrl: sandbox.url, body };
      return runCode(interpreter, requestAsCode(language, request), dir, apiKey ?? undefined);
    };

    const assertOk = (result: RunResult) => {
      assert.equal(result.status, 0, `exit ${result.status}\n${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout, /\b200\b/);
    };

    it('enrolls from a $file image, verifies the same image (Match true) and deletes with DELETE', async () => {
      const enroll = await run('enroll', faceFileRequest('codegen-1'));
      assertOk(enroll);
      assert.match(enroll.stdout, /BioPassID/);
      const enrolled = printedJson(enroll).Person as Record<string, unknown>;
      assert.equal(enrolled.CustomID, 'codegen-1');
      assert.equal(typeof enrolled.BioPassID, 'string');

      const verify = await run('verify', faceFileRequest('codegen-1'));
      assertOk(verify);
      assert.equal((printedJson(verify).Person as Record<string, unknown>).Match, true);

      const remove = await run('delete', { Person: { CustomID: 'codegen-1' } });
      assertOk(remove);
      assert.deepEqual(printedJson(remove), { Person: { CustomID: 'codegen-1' } });

      const log = sandbox.requestLog.map(({ method, operation, status, customId }) => ({
        method,
        operation,
        status,
        customId,
      }));
      assert.deepEqual(log, [
        { method: 'POST', operation: 'enroll', status: 200, customId: 'codegen-1' },
        { method: 'POST', operation: 'verify', status: 200, customId: 'codegen-1' },
        { method: 'DELETE', operation: 'delete', status: 200, customId: 'codegen-1' },
      ]);
    });

    it('sends CustomIDs full of quotes, $, backticks and backslashes unchanged, running nothing', async () => {
      for (const customId of [AWKWARD_ID, INJECTION_ID]) {
        const enroll = await run('enroll', faceFileRequest(customId));
        assertOk(enroll);
        assert.equal((printedJson(enroll).Person as Record<string, unknown>).CustomID, customId);
        const verify = await run('verify', faceFileRequest(customId));
        assert.equal((printedJson(verify).Person as Record<string, unknown>).Match, true);
      }
      assert.deepEqual(
        sandbox.requestLog.map((entry) => [entry.operation, entry.status, entry.customId]),
        [
          ['enroll', 200, AWKWARD_ID],
          ['verify', 200, AWKWARD_ID],
          ['enroll', 200, INJECTION_ID],
          ['verify', 200, INJECTION_ID],
        ],
      );
      assert.deepEqual(
        readdirSync(dir).filter((name) => name.startsWith('pwned')),
        [],
        'no command in a CustomID ran',
      );
    });

    it('reads an inline image back from the file it asks the user to save it as', async () => {
      const body = { Person: { CustomID: 'codegen-inline', Face: [{ 'Face-1': face.toString('base64') }] } };
      const code = requestAsCode(language, { operation: 'enroll', baseUrl: sandbox.url, body });
      assert.match(code, /save it as face-1\.jpg/);
      writeFileSync(join(dir, 'face-1.jpg'), face);
      const enroll = await run('enroll', body);
      assertOk(enroll);
      assert.equal(sandbox.requestLog[0]?.customId, 'codegen-inline');
      assert.equal(sandbox.requestLog[0]?.status, 200);
    });

    it('stops before sending anything when BIOPASSID_API_KEY is not set', async () => {
      const result = await run('enroll', faceFileRequest('codegen-nokey'), null);
      assert.notEqual(result.status, 0, result.stdout);
      assert.match(result.stderr, /BIOPASSID_API_KEY/);
      assert.deepEqual(sandbox.requestLog, []);
      assert.ok(!existsSync(join(dir, 'pwned1')));
    });
  });
}
