import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { cli } from './cliHarness';

const KEY = 'cli-test-key-0123456789abcdef';
const FACE = sampleFaceJpeg(5);
const enrollCurl = (customId: string) =>
  [
    `curl --location 'https://hml-api.biopassid.com/multibiometrics/enroll' \\`,
    `  --header 'Content-Type: application/json' \\`,
    `  --header 'Ocp-Apim-Subscription-Key: ${KEY}' \\`,
    `  --data '{"Person":{"CustomID":"${customId}","Face":[{"Face-1":"${FACE.toString('base64')}"}]}}'`,
  ].join('\n');

describe('biopassid from-curl: a curl command on stdin becomes a request file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bpid-from-curl-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fromCurl = (stdin: string, ...args: string[]) =>
    cli(['from-curl', ...args], {}, dir, { readStdin: async () => stdin });

  it('writes the request file and its image next to it; the file validates and holds no key', async () => {
    const run = await fromCurl(enrollCurl('alice-0001'));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Wrote alice-0001\.enroll\.biopass\.json \(enroll\) and 1 image file/);
    assert.match(run.stderr, /note: The Ocp-Apim-Subscription-Key header was not written to the file/);
    assert.deepEqual(readdirSync(dir).sort(), ['alice-0001.enroll.biopass.json', 'alice-0001.enroll.face-1.jpg']);
    const text = readFileSync(join(dir, 'alice-0001.enroll.biopass.json'), 'utf8');
    assert.ok(!text.includes(KEY) && !run.stdout.includes(KEY) && !run.stderr.includes(KEY));
    assert.match(text, /"\$comment": "The subscription key is not in this file/);
    assert.ok(readFileSync(join(dir, 'alice-0001.enroll.face-1.jpg')).equals(FACE));
    const validated = await cli(['validate', 'alice-0001.enroll.biopass.json'], {}, dir);
    assert.equal(validated.code, 0, validated.stdout + validated.stderr);
  });

  it('--out names the file, --inline keeps the image, --json reports what was written', async () => {
    const run = await fromCurl(enrollCurl('bob'), '--out', 'mine.enroll.biopass.json', '--inline', '--json');
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { operation: string; images: string[]; environment: unknown };
    assert.deepEqual([report.operation, report.images, report.environment], ['enroll', [], { id: 'homologation' }]);
    assert.deepEqual(readdirSync(dir), ['mine.enroll.biopass.json']);
    assert.ok(
      readFileSync(join(dir, 'mine.enroll.biopass.json'), 'utf8').includes(FACE.toString('base64').slice(0, 200)),
    );
  });

  it('bad input or an existing file: exit 1, a clear message, nothing written', async () => {
    for (const [stdin, message] of [
      ['http GET https://hml-api.biopassid.com/multibiometrics/enroll', /This is not a curl command/],
      [`curl "https://hml-api.biopassid.com/multibiometrics/enroll -d '{}'`, /double quote that is never closed/],
      [`curl https://hml-api.biopassid.com/v2/people -d '{}'`, /not a BioPass ID operation/],
      [
        `curl https://hml-api.biopassid.com/multibiometrics/enroll -H 'Ocp-Apim-Subscription-Key: ${KEY}' -d '{oops'`,
        /The body is not JSON/,
      ],
    ] as const) {
      const run = await fromCurl(stdin);
      assert.equal(run.code, 1, stdin);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Nothing was written\./);
      assert.ok(!run.stderr.includes(KEY));
    }
    assert.deepEqual(readdirSync(dir), []);
    writeFileSync(join(dir, 'carol.enroll.face-1.jpg'), 'mine');
    const kept = await fromCurl(enrollCurl('carol'));
    assert.equal(kept.code, 1);
    assert.match(kept.stderr, /carol\.enroll\.face-1\.jpg already exists \(--force replaces it\)/);
    assert.deepEqual(readdirSync(dir), ['carol.enroll.face-1.jpg']);
    assert.equal((await fromCurl(enrollCurl('carol'), '--force')).code, 0);
    assert.equal((await fromCurl('curl x', 'extra')).code, 2, 'a positional argument is a usage error');
  });
});
