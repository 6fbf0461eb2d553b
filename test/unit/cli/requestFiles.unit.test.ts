import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import { cli } from './cliHarness';

describe('biopassid validate and send (request files)', () => {
  let sandbox: Sandbox;
  let dir: string;
  let env: Record<string, string>;

  const write = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return name;
  };

  before(async () => {
    sandbox = await startSandbox();
    env = { BIOPASSID_API_KEY: sandbox.key };
    dir = mkdtempSync(join(tmpdir(), 'bpid-cli-req-'));
    writeFileSync(join(dir, 'face.jpg'), sampleFaceJpeg(0));
    writeFileSync(join(dir, 'notes.jpg'), 'plain text');
  });

  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => sandbox.reset());

  it('validate prints file:line:col diagnostics with the closest key and exits 1 on errors', async () => {
    const file = write('typo.enroll.biopass.json', '{\n  "Person": {\n    "CustomId": "1",\n    "Face": []\n  }\n}\n');
    const run = await cli(['validate', file], {}, dir);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^typo\.enroll\.biopass\.json:3:5: error: .*"CustomId".*"CustomID".* \[unknown-key\]$/m);
    assert.match(run.stderr, /1 file checked: \d+ error\(s\)/);
  });

  it('validate checks $file references on disk and passes a correct request (exit 0)', async () => {
    const good = write(
      'ok.enroll.biopass.json',
      JSON.stringify({ Person: { CustomID: '1', Face: [{ 'Face-1': { $file: './face.jpg' } }] } }),
    );
    const passed = await cli(['validate', good], {}, dir);
    assert.equal(passed.code, 0, passed.stdout);
    assert.equal(passed.stdout, '');
    const notImage = write('notes.biopass.json', JSON.stringify({ Spoof: { Image: { $file: './notes.jpg' } } }));
    const missing = write('gone.biopass.json', JSON.stringify({ Check: { Image: { $file: './gone.jpg' } } }));
    const json = await cli(['validate', notImage, missing, '--json'], {}, dir);
    assert.equal(json.code, 1);
    const codes = (JSON.parse(json.stdout) as { code: string }[]).map((diagnostic) => diagnostic.code);
    assert.ok(codes.includes('file-reference-not-an-image'), codes.join());
    assert.ok(codes.includes('file-reference-unusable'), codes.join());
  });

  it('send refuses an invalid request and sends nothing', async () => {
    const file = write('blank.biopass.json', '{"Person":{"CustomID":"  ","Face":[{"Face-1":{"$file":"./face.jpg"}}]}}');
    const run = await cli(['send', 'enroll', file, '--base-url', sandbox.url], env, dir);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /\[customid-blank\]/);
    assert.match(run.stderr, /Nothing was sent\./);
    assert.equal(sandbox.requestLog.length, 0);
  });

  it('send reads $file references, sends, and prints the verdict; the file stays as written', async () => {
    const content = JSON.stringify({
      $schema: 'x',
      Person: { CustomID: '77', Face: [{ 'Face-1': { $file: './face.jpg' } }] },
    });
    const file = write('alice.biopass.json', content);
    const enrolled = await cli(['send', 'enroll', file, '--base-url', sandbox.url], env, dir);
    assert.equal(enrolled.code, 0, enrolled.stderr);
    assert.match(enrolled.stdout, /^Enrolled 77 -> BioPassID /);
    const verified = await cli(['send', 'verify', file, '--base-url', sandbox.url, '--json'], env, dir);
    assert.equal(verified.code, 0);
    assert.equal(JSON.parse(verified.stdout).verdict, 'Verify 77: match (face matched; fingers not sent)');
    assert.equal(sandbox.requestLog.length, 2);
  });

  it('send rejects an unknown operation with exit 2', async () => {
    const run = await cli(['send', 'identify', 'x.json'], env, dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown operation "identify"/);
  });
});
