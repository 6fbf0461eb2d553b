import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import { cli } from './cliHarness';

describe('biopassid image commands against the local sandbox (real HTTP)', () => {
  let sandbox: Sandbox;
  let dir: string;
  let env: Record<string, string>;
  let alice: string;
  let bob: string;
  const base = () => ['--base-url', sandbox.url];

  before(async () => {
    sandbox = await startSandbox();
    env = { BIOPASSID_API_KEY: sandbox.key };
    dir = mkdtempSync(join(tmpdir(), 'bpid-cli-'));
    alice = join(dir, 'alice.jpg');
    bob = join(dir, 'bob.jpg');
    writeFileSync(alice, sampleFaceJpeg(0));
    writeFileSync(bob, sampleFaceJpeg(1));
  });

  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => sandbox.reset());

  it('enroll -> verify (match, exit 0) -> verify another face (no match, exit 3) -> delete', async () => {
    const enrolled = await cli(['enroll', alice, '--custom-id', '1234', ...base()], env);
    assert.equal(enrolled.code, 0, enrolled.stderr);
    assert.match(enrolled.stdout, /^Enrolled 1234 -> BioPassID \S+/);

    const same = await cli(['verify', alice, '--custom-id', '1234', ...base()], env);
    assert.equal(same.code, 0);
    assert.match(same.stdout, /^Verify 1234: match \(face matched; fingers not sent\)/);

    const other = await cli(['verify', bob, '--custom-id', '1234', ...base()], env);
    assert.equal(other.code, 3);
    assert.match(other.stdout, /^Verify 1234: no match \(face did not match; fingers not sent\)/);

    const deleted = await cli(['delete', '--custom-id', '1234', ...base()], env);
    assert.equal(deleted.code, 0);
    assert.match(deleted.stdout, /^Deleted 1234/);

    const gone = await cli(['verify', alice, '--custom-id', '1234', ...base()], env);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /CustomID not found/);
  });

  it('enrolls a fingerprint at the position --finger names', async () => {
    const finger = join(dir, 'thumb.tif');
    writeFileSync(finger, sampleFingerprintTiff(0));
    const run = await cli(['enroll', finger, '--custom-id', 'f1', '--finger', '1', '--json', ...base()], env);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.kind, 'success');
    const verify = await cli(['verify', finger, '--custom-id', 'f1', '--finger', '1', ...base()], env);
    assert.match(verify.stdout, /^Verify f1: match \(no face sent; fingers matched: Finger-1\)/);
  });

  it('answers liveness, detection, ICAO and NFIQ with one readable line, images redacted', async () => {
    const liveness = await cli(['liveness', alice, ...base()], env);
    assert.match(liveness.stdout, /^Liveness: (live|spoof)/);
    const icao = await cli(['icao', alice, ...base()], env);
    assert.match(icao.stdout, /^ICAO: \d+\/23 requirements met/);
    const detect = await cli(['detect', alice, ...base()], env);
    assert.match(detect.stdout, /^Faces detected: 1/);
    const finger = join(dir, 'f.tif');
    writeFileSync(finger, sampleFingerprintTiff(2));
    const nfiq = await cli(['nfiq', finger, ...base()], env);
    assert.match(nfiq.stdout, /^NFIQ quality: \d/);
    const anonymized = join(dir, 'anonymized.png');
    const anonymize = await cli(['anonymize', alice, '--out', anonymized, ...base()], env);
    assert.match(anonymize.stdout, /^Anonymized image: <(png|jpeg) /);
    assert.ok(!anonymize.stdout.includes(sampleFaceJpeg(0).toString('base64').slice(0, 60)));
  });

  it('refuses a file that is not a suitable image before sending anything', async () => {
    const text = join(dir, 'notes.jpg');
    writeFileSync(text, 'not an image at all');
    const run = await cli(['enroll', text, '--custom-id', 'x', ...base()], env);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /notes\.jpg is not an image; this takes a face image \(JPEG or PNG\)\. Nothing was sent\./,
    );
    const fingerAsFace = join(dir, 'finger.tif');
    writeFileSync(fingerAsFace, sampleFingerprintTiff(0));
    const wrongKind = await cli(['liveness', fingerAsFace, ...base()], env);
    assert.equal(wrongKind.code, 1);
    assert.match(wrongKind.stderr, /is a TIFF image/);
    const missing = await cli(['verify', join(dir, 'missing.jpg'), '--custom-id', 'x', ...base()], env);
    assert.equal(missing.code, 1);
    assert.equal(sandbox.requestLog.length, 0);
  });

  it('explains a wrong key (401) with the next step, and never prints the key', async () => {
    const wrongKey = 'wrong-key-0123456789abcdef';
    const run = await cli(['enroll', alice, '--custom-id', '1', ...base()], { BIOPASSID_API_KEY: wrongKey });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /invalid subscription key/i);
    assert.ok(!`${run.stdout}${run.stderr}`.includes(wrongKey));
  });

  it('exits 2 with a clear message on bad usage', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['enroll', alice, ...base()], env, /enroll needs --custom-id/],
      [['enroll', alice, '--custom-id', '1', '--finger', '11', ...base()], env, /--finger must be 1\.\.10/],
      [['verify', '--custom-id', '1', ...base()], env, /verify needs an image file/],
      [['enroll', alice, '--custom-id', '1', '--bogus', ...base()], env, /Unknown option '--bogus'/],
      [['enroll', alice, '--custom-id', '1', ...base()], {}, /No subscription key: set BIOPASSID_API_KEY/],
      [
        ['enroll', alice, '--custom-id', '1', '--env', 'staging'],
        env,
        /--env must be homologation, production or custom/,
      ],
      [['frobnicate'], env, /Unknown command "frobnicate"/],
    ];
    for (const [argv, environment, message] of cases) {
      const run = await cli(argv, environment);
      assert.equal(run.code, 2, argv.join(' '));
      assert.match(run.stderr, message);
    }
    assert.equal(sandbox.requestLog.length, 0);
  });

  it('prints help for every command', async () => {
    const main = await cli(['--help']);
    assert.equal(main.code, 0);
    assert.match(main.stdout, /Exit codes: 0 ok, 1 failed/);
    for (const command of ['validate', 'send', 'enroll', 'delete', 'liveness', 'sandbox']) {
      const run = await cli([command, '--help']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, new RegExp(`^Usage: biopassid ${command}`));
    }
  });
});
