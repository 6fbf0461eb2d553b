import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg, sampleFacePng, sampleFingerprintTiff } from '../../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import { cli } from './cliHarness';

/** The sample fingerprint TIFF with its one IFD (at offset 8, 12 entries) pointing back at itself. */
function selfLoopTiff(): Buffer {
  const tiff = Buffer.from(sampleFingerprintTiff(3));
  tiff.writeUInt32LE(8, 8 + 2 + 12 * 12);
  return tiff;
}

const LOOP = 'self-loop.tif is a malformed TIFF: IFD at offset 8 points back to itself (a loop).';

describe('biopassid: images with a broken structure are refused before anything is sent (real HTTP to the sandbox)', () => {
  let sandbox: Sandbox;
  let dir: string;
  let env: Record<string, string>;
  const base = () => ['--base-url', sandbox.url];

  before(async () => {
    sandbox = await startSandbox();
    env = { BIOPASSID_API_KEY: sandbox.key };
    dir = mkdtempSync(join(tmpdir(), 'bpid-cli-structure-'));
    writeFileSync(join(dir, 'self-loop.tif'), selfLoopTiff());
    writeFileSync(join(dir, 'print.tif'), sampleFingerprintTiff(3));
    const png = sampleFacePng(3);
    // IHDR moved behind the image data: the first chunk is IDAT.
    const ihdrEnd = 8 + 25;
    const iend = png.length - 12;
    writeFileSync(
      join(dir, 'late-header.png'),
      Buffer.concat([png.subarray(0, 8), png.subarray(ihdrEnd, iend), png.subarray(8, ihdrEnd), png.subarray(iend)]),
    );
    const jpeg = Buffer.from(sampleFaceJpeg(3));
    jpeg.writeUInt16BE(0xfff0, 20 + 2); // the DQT segment's length, far past the end
    writeFileSync(join(dir, 'long-segment.jpg'), jpeg);
  });

  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => sandbox.reset());

  it('enroll self-loop.tif --finger 1: exit 1, the loop named, nothing sent', async () => {
    const run = await cli(['enroll', 'self-loop.tif', '--finger', '1', '--custom-id', 'x', ...base()], env, dir);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `${LOOP} Nothing was sent.\n`);
    assert.deepEqual(sandbox.requestLog, [], 'the sandbox saw no request');
  });

  it('the same image whole is sent (the check is not what refuses it)', async () => {
    const run = await cli(['enroll', 'print.tif', '--finger', '1', '--custom-id', 'x', ...base()], env, dir);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      sandbox.requestLog.map((entry) => [entry.operation, entry.status]),
      [['enroll', 200]],
    );
  });

  it('refuses a PNG whose IHDR is not first and a JPEG whose segment runs past the end', async () => {
    const png = await cli(['enroll', 'late-header.png', '--custom-id', 'x', ...base()], env, dir);
    assert.equal(png.code, 1, png.stderr);
    assert.equal(
      png.stderr,
      'late-header.png is a malformed PNG: its first chunk is IDAT, not IHDR. Nothing was sent.\n',
    );
    const jpeg = await cli(['detect', 'long-segment.jpg', ...base()], env, dir);
    assert.equal(jpeg.code, 1, jpeg.stderr);
    assert.match(
      jpeg.stderr,
      /^long-segment\.jpg is a truncated JPEG: its DQT segment at offset 20 declares 65,520 bytes, past the end of the file \([\d,]+ bytes\) .* Nothing was sent\.\n$/,
    );
    assert.deepEqual(sandbox.requestLog, []);
  });

  it('validate reports a $file that is such a TIFF as an error (file-reference-malformed); send sends nothing', async () => {
    const request = JSON.stringify({
      Person: { CustomID: 'x', Fingers: [{ 'Finger-1': { $file: './self-loop.tif' } }] },
    });
    writeFileSync(join(dir, 'loop.enroll.biopass.json'), request);
    const validated = await cli(['validate', 'loop.enroll.biopass.json'], {}, dir);
    assert.equal(validated.code, 1, validated.stdout);
    assert.match(
      validated.stdout,
      /^loop\.enroll\.biopass\.json:1:\d+: error: \.\/self-loop\.tif is a malformed TIFF: IFD at offset 8 points back to itself \(a loop\)\. The API could not decode it\. \[file-reference-malformed\]$/m,
    );
    const json = await cli(['validate', 'loop.enroll.biopass.json', '--json'], {}, dir);
    const diagnostics = JSON.parse(json.stdout) as { code: string; severity: string }[];
    assert.deepEqual(
      diagnostics.map(({ code, severity }) => [code, severity]),
      [['file-reference-malformed', 'error']],
    );

    const sent = await cli(['send', 'enroll', 'loop.enroll.biopass.json', ...base()], env, dir);
    assert.equal(sent.code, 1, sent.stderr);
    assert.match(sent.stderr, /\[file-reference-malformed\]/);
    assert.match(sent.stderr, /Nothing was sent\./);
    assert.deepEqual(sandbox.requestLog, []);
  });

  it('send refuses inline base64 with a broken structure, naming the field; the same image whole is sent', async () => {
    const inline = (tiff: Buffer) =>
      JSON.stringify({ Person: { CustomID: 'inline-1', Fingers: [{ 'Finger-1': tiff.toString('base64') }] } });
    writeFileSync(join(dir, 'inline-loop.enroll.biopass.json'), inline(selfLoopTiff()));
    const refused = await cli(['send', 'enroll', 'inline-loop.enroll.biopass.json', ...base()], env, dir);
    assert.equal(refused.code, 1, refused.stderr);
    assert.equal(
      refused.stderr,
      'inline-loop.enroll.biopass.json: Person.Fingers.0.Finger-1 is a malformed TIFF: IFD at offset 8 points back to itself (a loop). Nothing was sent.\n',
    );
    assert.deepEqual(sandbox.requestLog, []);

    writeFileSync(join(dir, 'inline-whole.enroll.biopass.json'), inline(sampleFingerprintTiff(3)));
    const sent = await cli(['send', 'enroll', 'inline-whole.enroll.biopass.json', ...base()], env, dir);
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal(sandbox.requestLog.length, 1);
  });
});
