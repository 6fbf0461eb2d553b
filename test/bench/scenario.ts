import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OPERATIONS } from '../../src/core/contract/operations';
import { createClient } from '../../src/core/http';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { loadScenario } from '../../src/core/scenario/load';
import { runScenario } from '../../src/core/scenario/runner';
import { median } from './measure';
import { row } from './table';

const KEY = 'bench-fake-key-000000000016';
const STEPS = 1000;
const ROUNDS = 5;

/** The sandbox as its own process (the shipped CLI), so its work does not share our event loop. */
async function startSandboxProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(__dirname, '../../../dist/cli.js'), 'sandbox', '--port', '0', '--key', KEY],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before listening`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(seen);
      if (match) resolve(match[0]);
    });
  });
  child.stdout?.resume();
  return { url, child };
}

/**
 * 1,000 steps: enroll, then verify (expect match), liveness (expect live) and face detection
 * (expect one face) in turn with `{{customId}}` and `{{enroll.Person.CustomID}}` filled, and a
 * delete in teardown. The baseline sends the same 1,000 bodies, built beforehand, with the same
 * client, one after another, checking nothing.
 */
function scenarioFile(customId: string) {
  const face = [{ 'Face-1': { $file: 'face.jpg' } }];
  const middle = Array.from({ length: STEPS - 2 }, (_, index) => {
    const kind = index % 3;
    if (kind === 0) {
      return {
        name: `verify${index}`,
        operation: 'verify',
        body: { Person: { CustomID: '{{enroll.Person.CustomID}}', Face: face } },
        expect: { verdict: 'match' },
      };
    }
    if (kind === 1) {
      return {
        name: `live${index}`,
        operation: 'liveness',
        body: { Spoof: { Image: { $file: 'face.jpg' } } },
        expect: { verdict: 'live' },
      };
    }
    return {
      name: `faces${index}`,
      operation: 'face_detect',
      body: { Check: { Image: { $file: 'face.jpg' } } },
      expect: { faces: 1 },
    };
  });
  return {
    variables: { customId },
    steps: [
      { name: 'enroll', operation: 'enroll', body: { Person: { CustomID: '{{customId}}', Face: face } } },
      ...middle,
    ],
    teardown: [{ name: 'delete', operation: 'delete', body: { Person: { CustomID: '{{customId}}' } } }],
  };
}

export async function scenario(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'bpid-bench-scenario-'));
  const { url, child } = await startSandboxProcess();
  try {
    mkdirSync(folder, { recursive: true });
    const image = sampleFaceJpeg(0);
    writeFileSync(join(folder, 'face.jpg'), image);
    const client = createClient({ fetch: (target, init) => fetch(target, init), baseUrl: url, key: KEY });
    const base64 = image.toString('base64');

    let round = 0;
    const ours = async (): Promise<number> => {
      const file = join(folder, `run${++round}.biopass-test.json`);
      writeFileSync(file, JSON.stringify(scenarioFile(`bench-${round}`)));
      const started = performance.now();
      const result = await runScenario(await loadScenario(file), {
        client,
        allowedRoot: folder,
        env: {},
        secrets: [KEY],
      });
      const seconds = (performance.now() - started) / 1000;
      const steps = result.cases[0]?.steps ?? [];
      if (!result.passed || steps.length !== STEPS)
        throw new Error(`the scenario did not pass: ${JSON.stringify(steps.find((s) => s.status !== 'passed'))}`);
      return STEPS / seconds;
    };
    const bare = async (): Promise<number> => {
      const customId = `bare-${++round}`;
      const person = { Person: { CustomID: customId, Face: [{ 'Face-1': base64 }] } };
      const bodies: [keyof typeof OPERATIONS, unknown][] = [
        ['enroll', person],
        ...Array.from({ length: STEPS - 2 }, (_, index): [keyof typeof OPERATIONS, unknown] =>
          index % 3 === 0
            ? ['verify', person]
            : index % 3 === 1
              ? ['liveness', { Spoof: { Image: base64 } }]
              : ['face_detect', { Check: { Image: base64 } }],
        ),
        ['delete', { Person: { CustomID: customId } }],
      ];
      const started = performance.now();
      for (const [operation, body] of bodies) {
        const outcome = await client.send(operation, body);
        if (outcome.kind !== 'success') throw new Error(`baseline ${operation}: ${outcome.summary}`);
      }
      return STEPS / ((performance.now() - started) / 1000);
    };
    // A round of each first, so both sides run compiled code; then alternating rounds.
    await ours();
    await bare();
    const oursRates: number[] = [];
    const bareRates: number[] = [];
    for (let index = 0; index < ROUNDS; index++) {
      if (index % 2 === 0) {
        oursRates.push(await ours());
        bareRates.push(await bare());
      } else {
        bareRates.push(await bare());
        oursRates.push(await ours());
      }
    }
    const oursRate = median(oursRates);
    const bareRate = median(bareRates);
    row(
      `scenario of ${STEPS} steps vs the same requests by the client (steps/s, median of ${ROUNDS})`,
      oursRate,
      bareRate,
      'steps/s',
      '>= 0.9',
      oursRate / bareRate >= 0.9,
    );
  } finally {
    child.kill();
    rmSync(folder, { recursive: true, force: true });
  }
}
