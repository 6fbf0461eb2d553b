import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { assertNoSecrets, budgetMs, FAULT_CASES, type FaultCase } from '../../support/faultCases';
import { type CliRun, cli } from './cliHarness';

/** The bundled CLI as users run it (built by scripts/build.mjs before the tests). */
const CLI = join(__dirname, '../../../../dist/cli.js');

const FACE = sampleFaceJpeg(61);
const FACE_BASE64 = FACE.toString('base64');

/** Runs dist/cli.js as its own process, without blocking this one (the fault servers live here). */
function cliProcess(argv: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], { env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

type Runner = (argv: string[], env: Record<string, string>) => Promise<CliRun>;

describe('fault matrix: biopassid enroll against a failing service', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  let dir: string;
  let face: string;

  before(() => {
    process.on('unhandledRejection', onRejection);
    dir = mkdtempSync(join(tmpdir(), 'bpid-cli-faults-'));
    face = join(dir, 'face.jpg');
    writeFileSync(face, FACE);
  });

  after(() => {
    process.off('unhandledRejection', onRejection);
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => assert.deepEqual(rejections, [], 'no unhandled rejection'));

  async function check(fault: FaultCase, run: Runner): Promise<void> {
    const expected = { ...fault.expected, ...fault.cli };
    const server = await fault.start();
    try {
      const argv = ['enroll', face, '--custom-id', 'fault-1', '--base-url', server.baseUrl];
      const started = performance.now();
      const result = await run([...argv, '--timeout', String(fault.timeoutSeconds)], { BIOPASSID_API_KEY: fault.key });
      const elapsedMs = performance.now() - started;

      const succeeded = expected.kind === 'success';
      assert.equal(result.code, succeeded ? 0 : 1, result.stderr);
      // A failure goes to stderr: the cause first, then the log line ending with the next step.
      const told = succeeded ? result.stdout : result.stderr;
      const [first, logLine] = told.split('\n');
      assert.match(first ?? '', expected.cause, told);
      const status = expected.status === undefined ? '' : ` ${expected.status}`;
      assert.ok(logLine?.startsWith(`  enroll${status} ${expected.label}: `), told);
      const nextStep = / — (.*) \(\d+ ms(, \d+ attempts)?\) · /.exec(logLine ?? '')?.[1];
      if (expected.nextStep) assert.match(nextStep ?? '', expected.nextStep, told);
      if (expected.sent > 1) assert.match(logLine ?? '', new RegExp(`, ${expected.sent} attempts\\)`));
      if (expected.shows) assert.match(result.stdout, expected.shows);

      assert.ok(elapsedMs < budgetMs(fault), `took ${Math.round(elapsedMs)} ms, over ${budgetMs(fault)} ms`);
      assert.equal(server.enrollsReceived(), expected.sent, 'the enroll reached the server this many times');
      assertNoSecrets('stdout', result.stdout, fault.key, FACE_BASE64);
      assertNoSecrets('stderr', result.stderr, fault.key, FACE_BASE64);
    } finally {
      await server.close();
    }
  }

  for (const fault of FAULT_CASES) {
    it(fault.name, async function () {
      this.timeout(budgetMs(fault) + 10_000);
      await check(fault, (argv, env) => cli(argv, env));
    });
  }

  describe('as a real process (dist/cli.js), which must also exit by itself', () => {
    for (const name of ['a body that stalls', 'connection reset']) {
      const fault = FAULT_CASES.find((candidate) => candidate.name.startsWith(name));
      if (!fault) throw new Error(`no fault case "${name}"`);
      it(fault.name, async function () {
        this.timeout(budgetMs(fault) + 10_000);
        await check(fault, cliProcess);
      });
    }
  });
});
