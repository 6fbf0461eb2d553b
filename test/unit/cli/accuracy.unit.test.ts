import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QualitySummary } from '../../../src/core/eval/quality';
import type { EvalSummary } from '../../../src/core/eval/summary';
import { encodeJpeg } from '../../../src/core/images/jpeg';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { drawSyntheticFace } from '../../../src/core/images/synthetic';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import { cli } from './cliHarness';

describe('biopassid samples, eval and quality against the local sandbox (real HTTP)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let dir: string;
  let env: Record<string, string>;
  const base = () => ['--base-url', sandbox.url];
  const matchCalls = () => sandbox.requestLog.filter((entry) => entry.operation === 'match').length;

  before(async () => {
    sandbox = await startSandbox();
    env = { BIOPASSID_API_KEY: sandbox.key };
    dir = mkdtempSync(join(tmpdir(), 'bpid-eval-'));
    const made = await cli(['samples', '--people', '12', '--images', '4', '--out', 'faces', '--seed', '7'], env, dir);
    assert.equal(made.code, 0, made.stderr);
  });

  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => sandbox.reset());

  it('samples writes DIR/<person>/<n>.jpg, the same bytes for the same seed', async () => {
    assert.deepEqual(readdirSync(join(dir, 'faces')).slice(0, 2), ['person-001', 'person-002']);
    assert.deepEqual(readdirSync(join(dir, 'faces', 'person-012')), ['1.jpg', '2.jpg', '3.jpg', '4.jpg']);
    const again = await cli(['samples', '--people', '1', '--images', '2', '--out', 'again', '--seed', '7'], env, dir);
    assert.equal(again.code, 0);
    assert.deepEqual(
      readFileSync(join(dir, 'again/person-001/2.jpg')),
      readFileSync(join(dir, 'faces/person-001/2.jpg')),
    );
    const fingers = await cli(['samples', '--people', '2', '--images', '2', '--out', 'prints', '--fingers'], env, dir);
    assert.equal(fingers.code, 0);
    assert.deepEqual(readdirSync(join(dir, 'prints', 'person-002')), ['1.tif', '2.tif']);
    const bad = await cli(['samples', '--people', '2', '--out', 'x'], env, dir);
    assert.equal(bad.code, 2);
  });

  it('eval: the sandbox scores give errors on both sides, the JSON has the documented shape, the calls are announced', async () => {
    const run = await cli(['eval', 'faces', '--json', '--journal', 'both.jsonl', ...base()], env, dir);
    assert.equal(run.code, 0, run.stderr);
    // 12 persons x 4 images: 12 x 6 genuine pairs, (48^2 - 12 x 16) / 2 impostor pairs.
    assert.match(
      run.stderr,
      /^48 images, 1128 comparisons: 48 extract \+ 1128 match calls to custom \(http:\/\/127\.0\.0\.1:\d+\); (under a second|about \d+ s) at concurrency 4\.\n$/,
    );
    const summary = JSON.parse(run.stdout) as EvalSummary;
    assert.equal(summary.genuine, 72);
    assert.equal(summary.impostor, 1056);
    assert.equal(matchCalls(), 1128);
    assert.ok(summary.eer !== null && summary.eer > 0 && summary.eer < 0.3, `EER ${summary.eer}`);
    assert.deepEqual(Object.keys(summary.fnmrAtFmr), ['1e-2', '1e-3', '1e-4']);
    assert.equal(summary.fnmrAtFmr['1e-2'].supported, false, '1056 < 3000 impostor comparisons');
    assert.equal(summary.threshold, null);
    assert.ok(
      summary.warnings.some((warning) =>
        warning.startsWith('FMR 1e-3: 1056 impostor comparisons, fewer than the 30000'),
      ),
    );
    // The two distributions overlap: the worst genuine pair scores below the worst impostor pair,
    // so every threshold makes one kind of error or the other (here both, at the EER threshold).
    const worstGenuine = summary.worstGenuine[0]?.score ?? 100;
    const worstImpostor = summary.worstImpostor[0]?.score ?? 0;
    assert.ok(worstGenuine < worstImpostor, `genuine ${worstGenuine}, impostor ${worstImpostor}`);
    const at = summary.eerThreshold as number;
    assert.ok(
      summary.worstGenuine.some((pair) => pair.score < at) && summary.worstImpostor.some((pair) => pair.score >= at),
    );
    assert.match(summary.worstImpostor[0]?.a ?? '', /^person-\d{3}\/\d\.jpg$/);
  });

  it('eval resumes after an interruption without asking again for the scores it has', async () => {
    // Interrupted: the service starts failing once 200 match calls have been answered.
    const poll = setInterval(() => {
      if (matchCalls() < 200) return;
      clearInterval(poll);
      sandbox.injectFault({
        kind: 'status',
        status: 503,
        match: { operation: 'match' },
        times: Number.POSITIVE_INFINITY,
      });
    }, 1);
    const first = await cli(['eval', 'faces', '--journal', 'resume.jsonl', '--concurrency', '1', ...base()], env, dir);
    clearInterval(poll);
    assert.equal(first.code, 1);
    assert.match(first.stderr, /run the same command again to resume/);
    const journaled = readFileSync(join(dir, 'resume.jsonl'), 'utf8').trim().split('\n');
    assert.ok(journaled.length >= 200 && journaled.length < 1128, `${journaled.length} scores journaled`);
    assert.doesNotMatch(journaled.join('\n'), /Template|Artifact|base64/);
    const failed = sandbox.requestLog.filter((entry) => entry.operation === 'match' && entry.status === 503).length;
    assert.equal(failed, 1, 'the run stopped at the first failure');
    sandbox.reset();

    const second = await cli(['eval', 'faces', '--json', '--journal', 'resume.jsonl', ...base()], env, dir);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(matchCalls(), 1128 - journaled.length, 'only the missing scores were asked for');
    const resumed = JSON.parse(second.stdout) as EvalSummary;
    assert.equal(resumed.calls.fromJournal, journaled.length);

    sandbox.reset();
    const fresh = JSON.parse(
      (await cli(['eval', 'faces', '--json', '--journal', 'fresh.jsonl', ...base()], env, dir)).stdout,
    ) as EvalSummary;
    assert.deepEqual([resumed.eer, resumed.worstGenuine, resumed.det], [fresh.eer, fresh.worstGenuine, fresh.det]);
  });

  it('eval samples impostors by seed, reads a pairs.csv, and writes a self-contained report', async () => {
    const sampled = await cli(
      ['eval', 'faces', '--json', '--impostors', '100', '--seed', '3', '--journal', 's.jsonl', ...base()],
      env,
      dir,
    );
    const sample = JSON.parse(sampled.stdout) as EvalSummary;
    assert.equal(sample.impostor, 100);
    assert.deepEqual(sample.impostorSample, { size: 100, seed: '3' });
    const text = await cli(
      ['eval', 'faces', '--impostors', '100', '--seed', '3', '--journal', 's.jsonl', ...base()],
      env,
      dir,
    );
    assert.match(text.stdout, /Impostor pairs: a seeded sample of 100 of \d+, seed 3 /);
    writeFileSync(
      join(dir, 'pairs.csv'),
      'a,b,genuine\nfaces/person-001/1.jpg,faces/person-001/2.jpg,1\nfaces/person-001/1.jpg,faces/person-002/1.jpg,0\n',
    );
    const fromCsv = await cli(['eval', 'pairs.csv', '--json', '--report', 'pairs.html', ...base()], env, dir);
    assert.equal(fromCsv.code, 0, fromCsv.stderr);
    const summary = JSON.parse(fromCsv.stdout) as EvalSummary;
    assert.deepEqual([summary.genuine, summary.impostor, summary.images, summary.impostorSample], [1, 1, 3, null]);
    const html = readFileSync(join(dir, 'pairs.html'), 'utf8');
    assert.match(html, /<svg[^>]*aria-label="DET curve"/);
    assert.match(html, /faces\/person-001\/1\.jpg/);
    assert.doesNotMatch(html, /<script|https?:\/\/(?!127\.0\.0\.1)|data:image/);
  });

  it('quality: ICAO fail rates per requirement, FaceImageConformed, no-face and several-face images, NFIQ', async () => {
    const folder = join(dir, 'mixed');
    mkdirSync(join(folder, 'deeper'), { recursive: true });
    writeFileSync(join(folder, 'one.jpg'), sampleFaceJpeg(3));
    writeFileSync(join(folder, 'deeper', 'tiny.jpg'), sampleFaceJpeg(4, 24));
    // Twice as wide as tall: the sandbox finds two faces.
    const left = drawSyntheticFace({ size: 80, variant: 1 });
    const right = drawSyntheticFace({ size: 80, variant: 2 });
    const wide = new Uint8Array(160 * 80 * 4);
    for (let y = 0; y < 80; y++) {
      wide.set(left.subarray(y * 320, (y + 1) * 320), y * 640);
      wide.set(right.subarray(y * 320, (y + 1) * 320), y * 640 + 320);
    }
    writeFileSync(join(folder, 'group.jpg'), encodeJpeg(160, 80, wide));
    const run = await cli(['quality', 'mixed', '--json', '--report', 'q.html', '--liveness', ...base()], env, dir);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as QualitySummary;
    assert.equal(summary.images, 3);
    assert.equal(Object.keys(summary.icao.requirements).length, 23);
    assert.ok(
      Object.values(summary.icao.requirements).every(
        (requirement) => requirement.failRate >= 0 && requirement.failRate <= 1,
      ),
    );
    assert.deepEqual(summary.detection.noFace, ['deeper/tiny.jpg']);
    assert.deepEqual(summary.detection.severalFaces, ['group.jpg']);
    assert.equal(summary.icao.requirements.OtherFaces?.failed, 1, 'the group photo fails OtherFaces');
    assert.equal(
      Object.values(summary.icao.faceImageConformed).reduce((sum, count) => sum + count, 0),
      summary.icao.checked,
    );
    // Liveness answers the group photo in-band ("Multiple Faces Detected"): one face judged.
    assert.equal(summary.liveness?.checked, 1);
    const prints = await cli(['quality', 'prints', '--json', ...base()], env, dir);
    const nfiq = (JSON.parse(prints.stdout) as QualitySummary).nfiq;
    assert.equal(
      Object.values(nfiq.histogram).reduce((sum, count) => sum + count, 0),
      4,
    );
    assert.match(readFileSync(join(dir, 'q.html'), 'utf8'), /deeper\/tiny\.jpg/);
  });
});
