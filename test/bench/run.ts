import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { runBatch } from '../../src/core/batch';
import { generateJsonSchemas } from '../../src/core/contract/jsonSchemas';
import { createClient } from '../../src/core/http';
import { readImageFile, toBase64 } from '../../src/core/images/read';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { personRequest } from '../../src/core/request/build';
import { startSandbox } from '../../src/core/sandbox';
import { validateRequest } from '../../src/core/validate/validateRequest';
import { type BenchRow, medianMs, medianMsAsync, printTable } from './measure';

/**
 * `npm run bench`: figures of speed and memory, each against a baseline measured in the same run,
 * so ratios hold on a noisy machine. Prints one table and writes test-results/bench.json.
 * Benchmarks, not tests: nothing here fails a build.
 */
const root = join(__dirname, '../../..');
const MB = 1024 * 1024;
const rows: BenchRow[] = [];

function row(
  figure: string,
  ours: number,
  baseline: number | undefined,
  unit: string,
  budget: string,
  within?: boolean,
) {
  rows.push({
    figure,
    ours: `${ours.toFixed(1)} ${unit}`,
    baseline: baseline === undefined ? '-' : `${baseline.toFixed(1)} ${unit}`,
    ratio: baseline === undefined ? undefined : ours / baseline,
    budget,
    verdict: within === undefined ? 'reference' : within ? 'ok' : 'over budget',
  });
}

/** An image of about `bytes` bytes: a real JPEG header, then random filler. */
function imageOfSize(bytes: number): Buffer {
  const head = sampleFaceJpeg(0);
  return Buffer.concat([head, randomBytes(Math.max(0, bytes - head.length))]);
}

/** An enroll request of about `megabytes` MB: a face and ten fingers of equal size. */
function requestOfSize(megabytes: number): string {
  const each = imageOfSize(Math.floor((megabytes * MB * 3) / 4 / 11)).toString('base64');
  const fingers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`Finger-${i + 1}`, each]));
  return JSON.stringify(personRequest('bench-0001', { face: each, fingers }), null, 2);
}

async function validation(): Promise<void> {
  const schema = generateJsonSchemas()['operations/enroll.schema.json'];
  const service = getLanguageService({});
  service.configure({
    validate: true,
    schemas: [{ uri: 'biopassid://enroll.schema.json', fileMatch: ['*.json'], schema }],
  });
  for (const size of [1, 10, 40]) {
    const text = requestOfSize(size);
    const ours = medianMs(() => void validateRequest(text, { operation: 'enroll', maxImageBytes: 100 * MB }), 5, 1);
    const document = TextDocument.create('file:///bench.enroll.biopass.json', 'json', 1, text);
    const baseline = await medianMsAsync(
      async () => {
        await service.doValidation(document, service.parseJSONDocument(document));
      },
      5,
      1,
    );
    row(`validate ${size} MB request`, ours, baseline, 'ms', 'ratio <= 0.5', ours / baseline <= 0.5);
  }
  const text = requestOfSize(10);
  const at = text.indexOf('bench-0001') + 6;
  let flip = 0;
  const edit = medianMs(() => {
    flip = 1 - flip;
    const edited = `${text.slice(0, at)}${flip}${text.slice(at + 1)}`;
    validateRequest(edited, { operation: 'enroll', maxImageBytes: 100 * MB });
  });
  row('re-validate 10 MB after a 1-char edit', edit, undefined, 'ms', '<= 16 ms', edit <= 16);
}

async function sendPath(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bpid-bench-'));
  try {
    for (const [label, bytes] of [
      ['100 KB', 100 * 1024],
      ['5 MB', 5 * MB],
      ['30 MB', 30 * MB],
    ] as const) {
      const path = join(dir, `${label.replace(' ', '')}.jpg`);
      writeFileSync(path, imageOfSize(bytes));
      const ours = await medianMsAsync(async () => {
        const image = await readImageFile(path, { maxBytes: 100 * MB });
        Buffer.from(JSON.stringify(personRequest('bench-0001', { face: toBase64(image.bytes) })));
      });
      const floor = await medianMsAsync(async () => {
        const base64 = (await readFile(path)).toString('base64');
        Buffer.from(JSON.stringify({ Person: { CustomID: 'bench-0001', Face: [{ 'Face-1': base64 }] } }));
      });
      row(`image file -> request bytes, ${label}`, ours, floor, 'ms', 'ratio <= 1.5', ours / floor <= 1.5);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function batch(): Promise<void> {
  const key = 'bench-fake-key-000000000001';
  const sandbox = await startSandbox({ keys: [key] });
  const face = sampleFaceJpeg(5).toString('base64');
  const count = 1000;
  const client = createClient({ fetch: (url, init) => fetch(url, init), baseUrl: sandbox.url, key });
  try {
    for (const concurrency of [1, 4, 16]) {
      const ids = Array.from({ length: count }, (_, i) => `b${concurrency}-${i}`);
      sandbox.reset();
      const rssBefore = process.memoryUsage().rss;
      let start = process.hrtime.bigint();
      await runBatch(ids, (id) => client.send('enroll', personRequest(id, { face })), { concurrency });
      const ours = count / (Number(process.hrtime.bigint() - start) / 1e9);
      const rssGrowth = (process.memoryUsage().rss - rssBefore) / MB;
      sandbox.reset();
      start = process.hrtime.bigint();
      let next = 0;
      const lane = async () => {
        while (next < count) {
          const id = ids[next++] as string;
          const response = await fetch(`${sandbox.url}/multibiometrics/enroll`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': key },
            body: JSON.stringify(personRequest(id, { face })),
          });
          await response.text();
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
      const bare = count / (Number(process.hrtime.bigint() - start) / 1e9);
      row(
        `${count} enrolls, concurrency ${concurrency} (req/s)`,
        ours,
        bare,
        'req/s',
        '>= 0.90 of bare',
        ours / bare >= 0.9,
      );
      row(`  RSS growth during those enrolls`, rssGrowth, undefined, 'MB', 'flat (reference)');
      if (concurrency === 16) row('sandbox throughput (bare fetch, c=16)', bare, undefined, 'req/s', 'reference');
    }
  } finally {
    await sandbox.close();
  }
}

function bundle(): void {
  const size = statSync(join(root, 'dist', 'extension.js')).size / 1024;
  row('extension bundle (production build)', size, undefined, 'KB', '< 250 KB', size < 250);
}

async function main(): Promise<void> {
  bundle();
  await validation();
  await sendPath();
  await batch();
  printTable(rows);
  console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; Node ${process.version}`);
  console.log('Activation time in the extension host is not measured by this suite yet.');
  const out = join(root, 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'bench.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
  );
  console.log(`written ${join('test-results', 'bench.json')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
