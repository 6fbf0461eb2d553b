import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { HttpLoopback } from '../core/http/loopback';
import { cli } from './cliHarness';

const KEY = 'k3y5ecret-size-0123456789abcdef';
const MB = 1024 * 1024;

describe('biopassid --max-response-mb', () => {
  let dir: string;
  let face: string;
  let server: HttpLoopback;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bpid-cli-size-'));
    face = join(dir, 'face.jpg');
    writeFileSync(face, sampleFaceJpeg(63));
    server = await HttpLoopback.start();
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const enroll = (...more: string[]) =>
    cli(['enroll', face, '--custom-id', 'size-1', '--base-url', server.baseUrl, ...more], { BIOPASSID_API_KEY: KEY });

  it('stops reading an answer over the limit it sets, and says so', async () => {
    const answer = JSON.stringify({ Person: { CustomID: 'size-1', BioPassID: 'x'.repeat(2 * MB) } });
    server.reply(200, answer, { 'Content-Type': 'application/json' });
    const small = await enroll('--max-response-mb', '1');
    assert.equal(small.code, 1, small.stderr);
    assert.match(small.stderr, /^Answer 200 too large\n/);
    assert.match(small.stderr, /enroll 200 malformed-response \(too-large\): /);
    assert.ok(
      small.stderr.includes(
        'The answer is larger than the 1 MB limit (biopassid.maxResponseSizeMB / --max-response-mb); nothing more was read.',
      ),
      small.stderr,
    );
    assert.match(small.stderr, /may have been processed/);
    const roomy = await enroll('--max-response-mb', '3');
    assert.equal(roomy.code, 0, roomy.stderr);
  });

  it('refuses a limit outside 1-500 MB as a usage error', async () => {
    for (const value of ['0', '0.5', '501', 'lots']) {
      const run = await enroll('--max-response-mb', value);
      assert.equal(run.code, 2, `${value}: ${run.stderr}`);
      assert.match(run.stderr, /--max-response-mb/);
    }
    assert.equal(server.requests.length, 2, 'only the two valid runs sent anything');
  });

  it('is listed with the connection options', async () => {
    const help = await cli(['--help']);
    assert.match(help.stdout, /--max-response-mb N {2,}read at most N MB of an answer \(1-500, default 64\)/);
  });
});
