import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandHelp } from '../../../src/cli/help';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import { ECHO_REPLIES, EchoServer, SANDBOX_FAILURES } from '../../support/failureModes';
import { type CanarySet, LeakScanner, makeCanaries } from '../../support/leakScan';
import { closedPort } from '../core/http/loopback';
import { type CliRun, cli } from './cliHarness';

/** How the sweep runs one CLI command: the runs it makes, given connection options. */
interface Step {
  /** It sends requests, so it meets every failure mode too. */
  readonly sends: boolean;
  run(options: string[]): Promise<CliRun[]>;
}

const requestText = (body: unknown) => `${JSON.stringify(body, null, 2)}\n`;

describe('biopassid canary sweep: the key and the images leak nowhere (real HTTP)', function () {
  this.timeout(120_000);

  let canaries: CanarySet;
  let dir: string;
  let sandbox: Sandbox;
  let env: Record<string, string>;
  /** Every run so far with its arguments, for the sweep. */
  const runs: { args: string[]; run: CliRun }[] = [];
  /** Files holding the canaries on purpose: the images and request files the user typed base64 into. */
  const intentional = new Set<string>();
  const written = new Set<string>();
  let outputs = 0;
  const path = (name: string) => join(dir, name);

  before(async () => {
    canaries = makeCanaries();
    dir = mkdtempSync(join(tmpdir(), 'bpid-cli-leak-'));
    const base64 = canaries.face.toString('base64');
    const files: Record<string, string | Buffer> = {
      'face.jpg': canaries.face,
      'print.tif': canaries.fingerprint,
      'canary.enroll.biopass.json': requestText({
        Person: { CustomID: 'canary-file', Face: [{ 'Face-1': { $file: './face.jpg' } }] },
      }),
      'typed.liveness.biopass.json': requestText({ Spoof: { Image: base64 } }),
      // A scenario whose second step fails (the same face matches): its reports carry a failure message.
      'canary.biopass-test.json': requestText({
        steps: [
          { name: 'enroll', request: 'canary.enroll.biopass.json', with: { Person: { CustomID: 'canary-scenario' } } },
          {
            name: 'verify',
            operation: 'verify',
            body: { Person: { CustomID: 'canary-scenario', Face: [{ 'Face-1': { $file: './face.jpg' } }] } },
            expect: { verdict: 'no match' },
          },
        ],
        teardown: [{ name: 'delete', operation: 'delete', body: { Person: { CustomID: 'canary-scenario' } } }],
      }),
      // Everything the validator complains about around an image: a data: prefix, a bad
      // character, Face-2, a fingerprint where a face goes.
      'broken.enroll.biopass.json': requestText({
        Person: {
          CustomID: 'broken',
          Face: [
            { 'Face-1': `data:image/jpeg;base64,${base64}` },
            { 'Face-2': `${base64.slice(0, 200)}!${base64.slice(201)}` },
          ],
          Fingers: [{ 'Finger-11': canaries.fingerprint.toString('base64') }],
        },
      }),
    };
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(path(name), content);
      written.add(path(name));
      if (name !== 'canary.enroll.biopass.json') intentional.add(path(name));
    }
    sandbox = await startSandbox({ keys: [canaries.key] });
    env = { BIOPASSID_API_KEY: canaries.key };
  });

  after(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function biopassid(...args: string[]): Promise<CliRun> {
    const run = await cli(args, env, dir, { waitForStop: async () => {} });
    runs.push({ args, run });
    return run;
  }

  /** A new --out file in the folder, which the sweep then reads. */
  function outFile(extension: string): string {
    const file = path(`out-${++outputs}.${extension}`);
    written.add(file);
    return file;
  }

  const person = (command: string, options: string[]) =>
    Promise.all([
      biopassid(command, 'face.jpg', '--custom-id', 'canary-face', ...options),
      biopassid(command, 'print.tif', '--custom-id', 'canary-finger', '--finger', '2', ...options),
    ]);

  /** Every command of `biopassid --help`, declared here so a new one cannot be left out (see the first test). */
  const STEPS: Record<string, Step> = {
    validate: {
      sends: false,
      run: async () => {
        const names = ['canary.enroll.biopass.json', 'typed.liveness.biopass.json', 'broken.enroll.biopass.json'];
        return [await biopassid('validate', ...names), await biopassid('validate', '--json', ...names)];
      },
    },
    sandbox: { sends: false, run: async () => [await biopassid('sandbox')] },
    enroll: { sends: true, run: (options) => person('enroll', options) },
    verify: { sends: true, run: (options) => person('verify', options) },
    update: { sends: true, run: (options) => person('update', options) },
    liveness: { sends: true, run: async (options) => [await biopassid('liveness', 'face.jpg', ...options)] },
    detect: { sends: true, run: async (options) => [await biopassid('detect', 'face.jpg', ...options)] },
    icao: { sends: true, run: async (options) => [await biopassid('icao', 'face.jpg', ...options)] },
    nfiq: { sends: true, run: async (options) => [await biopassid('nfiq', 'print.tif', ...options)] },
    anonymize: {
      sends: true,
      run: async (options) => [await biopassid('anonymize', 'face.jpg', '--out', outFile('jpg'), ...options)],
    },
    crop: {
      sends: true,
      run: async (options) => [await biopassid('crop', 'face.jpg', '--out', outFile('jpg'), ...options)],
    },
    send: {
      sends: true,
      run: (options) =>
        Promise.all([
          biopassid('send', 'enroll', 'canary.enroll.biopass.json', ...options),
          biopassid('send', 'liveness', 'typed.liveness.biopass.json', ...options),
          biopassid('send', 'enroll', 'broken.enroll.biopass.json', ...options),
        ]),
    },
    delete: {
      sends: true,
      run: async (options) => [await biopassid('delete', '--custom-id', 'canary-face', ...options)],
    },
    test: {
      sends: false,
      run: async () => {
        const scenario = ['canary.biopass-test.json', '--base-url', sandbox.url];
        return [
          await biopassid('test', ...scenario),
          await biopassid('test', ...scenario, '--reporter', 'json', '--out', outFile('json')),
          await biopassid('test', ...scenario, '--reporter', 'junit', '--out', outFile('xml')),
          await biopassid('test', '--sandbox', 'canary.biopass-test.json', '--reporter', 'junit'),
        ];
      },
    },
    bulk: {
      sends: false,
      run: async () => {
        const list = path('bulk-list.csv');
        writeFileSync(list, 'face.jpg,canary-bulk\nprint.tif,canary-bulk,2\n');
        written.add(list);
        const journal = outFile('jsonl');
        const connection = ['--journal', journal, '--base-url', sandbox.url];
        return [
          await biopassid('bulk', 'enroll', 'bulk-list.csv', ...connection, '--report', outFile('csv')),
          await biopassid('bulk', 'status', '--journal', journal, '--json'),
          await biopassid('bulk', 'rollback', ...connection, '--report', outFile('json'), '--json'),
          await biopassid('bulk', 'status', '--journal', journal),
        ];
      },
    },
    'from-curl': {
      sends: false,
      run: async () => {
        // A curl line holding the canary key and face: the request file written holds neither
        // (the face goes to its own file, which is the user's image); a refused one prints neither.
        const line = (body: string) =>
          `curl --location 'https://hml-api.biopassid.com/multibiometrics/enroll' -H 'Ocp-Apim-Subscription-Key: ${canaries.key}' --data-raw '${body}'`;
        const face = `{"Person":{"CustomID":"canary-curl","Face":[{"Face-1":"${canaries.face.toString('base64')}"}]}}`;
        const curl = async (stdin: string, ...args: string[]) => {
          const run = await cli(['from-curl', ...args], env, dir, { readStdin: async () => stdin });
          runs.push({ args: ['from-curl', ...args], run });
          return run;
        };
        const out = outFile('enroll.biopass.json');
        const image = path('canary-curl.enroll.face-1.jpg');
        written.add(image);
        intentional.add(image);
        return [await curl(line(face), '--out', out), await curl(line(face.slice(0, -3)), '--json')];
      },
    },
    samples: {
      sends: false,
      run: async () => {
        const out = path('samples');
        written.add(out);
        return [await biopassid('samples', '--people', '2', '--images', '2', '--out', 'samples')];
      },
    },
    eval: {
      sends: false,
      run: async () => {
        const people = canaryPeople();
        const connection = ['--base-url', sandbox.url, '--journal', outFile('jsonl')];
        return [
          await biopassid('eval', people, ...connection, '--report', outFile('html')),
          await biopassid('eval', people, ...connection, '--json'),
        ];
      },
    },
    quality: {
      sends: false,
      run: async () => {
        const people = canaryPeople();
        return [
          await biopassid('quality', people, '--base-url', sandbox.url, '--liveness', '--report', outFile('html')),
          await biopassid('quality', people, '--base-url', sandbox.url, '--json'),
        ];
      },
    },
  };

  /** A labelled folder of the canary face (two persons), for eval and quality. */
  function canaryPeople(): string {
    const root = path('people');
    written.add(root);
    for (const [person, image] of [
      ['a', '1.jpg'],
      ['a', '2.jpg'],
      ['b', '1.jpg'],
    ] as const) {
      mkdirSync(join(root, person), { recursive: true });
      writeFileSync(join(root, person, image), canaries.face);
      intentional.add(join(root, person, image));
    }
    return 'people';
  }

  const sendingSteps = () => Object.keys(STEPS).filter((name) => STEPS[name]?.sends);

  /** Every sending command at once, as text and as --json; returns the --json `kind`s of each. */
  async function sendEverything(options: string[]): Promise<Record<string, string[]>> {
    const names = sendingSteps();
    const [, json] = await Promise.all([
      Promise.all(names.map((name) => STEPS[name]?.run(options))),
      Promise.all(names.map((name) => STEPS[name]?.run([...options, '--json']))),
    ]);
    return Object.fromEntries(
      names.map((name, index) => [
        name,
        [
          ...new Set(
            (json[index] ?? []).map((run) => (JSON.parse(run.stdout || '{}') as { kind?: string }).kind ?? 'refused'),
          ),
        ],
      ]),
    );
  }

  /** What each sending command should end as: the broken request file is refused before sending. */
  function expectEverywhere(kind: string): Record<string, string[]> {
    return Object.fromEntries(sendingSteps().map((name) => [name, name === 'send' ? [kind, 'refused'] : [kind]]));
  }

  function assertNothingLeaked(): void {
    const scanner = new LeakScanner(canaries.canaries);
    for (const { args, run } of runs) {
      scanner.scanText(`stdout of biopassid ${args.join(' ')}`, run.stdout);
      scanner.scanText(`stderr of biopassid ${args.join(' ')}`, run.stderr);
    }
    scanner.scanTree(dir, { exclude: (file) => intentional.has(file) });
    assert.deepEqual(scanner.report(), [], 'the canary key or image was found');
    assert.deepEqual(scanner.skipped, [], 'every file was read');
    // Nothing but the files of the test and the --out images it asked for.
    assert.deepEqual(
      readdirSync(dir)
        .map((name) => path(name))
        .filter((file) => !written.has(file)),
      [],
      'the CLI wrote no other file',
    );
  }

  it('the scanner finds a 40-character piece of an image or 16 characters of the key, and says where', () => {
    const scanner = new LeakScanner(canaries.canaries);
    const base64 = canaries.face.toString('base64');
    scanner.scanText('a line quoting a piece of the face', `Bad image …${base64.slice(3000, 3040)}… refused`);
    scanner.scanText('a line quoting a piece of the key', `key=${canaries.key.slice(20, 36)}`);
    scanner.scanText(
      'a masked key and a described image',
      `key ••••${canaries.key.slice(-4)} image <jpeg 5 KB sha256:1a2b3c4d>`,
    );
    assert.deepEqual(
      scanner.leaks.map((leak) => [leak.where, leak.what]),
      [
        ['a line quoting a piece of the face', 'the canary face (base64)'],
        ['a line quoting a piece of the key', 'the canary key'],
      ],
    );
    assert.ok(scanner.leaks[0]?.excerpt.includes(base64.slice(3000, 3040)));
  });

  it('the scanner walks a folder: it names the file holding a piece (base64 or raw bytes), and skips what it is told to', () => {
    const tree = mkdtempSync(join(tmpdir(), 'bpid-scan-'));
    try {
      mkdirSync(join(tree, 'deep', 'er'), { recursive: true });
      const base64 = canaries.fingerprint.toString('base64');
      writeFileSync(join(tree, 'deep', 'er', 'log.txt'), `… ${base64.slice(10_000, 10_100)} …`);
      writeFileSync(join(tree, 'deep', 'copy.bin'), Buffer.concat([Buffer.from('header'), canaries.face]));
      writeFileSync(join(tree, 'clean.txt'), `key ••••${canaries.key.slice(-4)}`);
      writeFileSync(join(tree, 'wanted.jpg'), canaries.face);
      const scanner = new LeakScanner(canaries.canaries);
      scanner.scanTree(tree, { exclude: (file) => file.endsWith('wanted.jpg') });
      assert.deepEqual(scanner.leaks.map((leak) => [leak.where.slice(tree.length), leak.what]).sort(), [
        ['/deep/copy.bin', 'the canary face (raw bytes)'],
        ['/deep/er/log.txt', 'the canary fingerprint (base64)'],
      ]);
      assert.equal(scanner.scanned.length, 3);
      const later = new LeakScanner(canaries.canaries);
      later.scanTree(tree, { since: Date.now() + 60_000 });
      assert.deepEqual(later.scanned, [], 'files older than `since` are left out');
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('runs every command with the canary key and images, and neither appears in its output or files', async () => {
    assert.deepEqual(Object.keys(STEPS).sort(), Object.keys(commandHelp()).sort(), 'every command has a step');
    const options = ['--base-url', sandbox.url];
    const codes: Record<string, number[]> = {};
    for (const [name, step] of Object.entries(STEPS)) {
      const made = await step.run(step.sends ? options : []);
      if (step.sends) made.push(...(await step.run([...options, '--json'])));
      codes[name] = made.map((run) => run.code);
    }
    assert.deepEqual(codes, {
      validate: [1, 1],
      sandbox: [0],
      // The second enroll of each is a duplicate CustomID (400), the second delete finds no one.
      enroll: [0, 0, 1, 1],
      verify: [0, 0, 0, 0],
      update: [0, 0, 0, 0],
      liveness: [0, 0],
      detect: [0, 0],
      icao: [0, 0],
      nfiq: [0, 0],
      anonymize: [0, 0],
      crop: [0, 0],
      send: [0, 0, 1, 1, 0, 1],
      delete: [0, 1],
      test: [1, 1, 1, 1],
      bulk: [0, 0, 0, 0],
      'from-curl': [0, 1],
      samples: [0],
      eval: [0, 0],
      quality: [0, 0],
    });
    assertNothingLeaked();
  });

  it('every failure mode of the sandbox (401, 429, 500, 502 HTML, timeouts, reset, cut off, truncated or not JSON, Success: false) leaks neither', async () => {
    const rejecting = await startSandbox({ keys: ['another-key-for-tests-0000'] });
    try {
      for (const failure of SANDBOX_FAILURES) {
        if (failure.fault) sandbox.injectFault(failure.fault);
        const options = [
          '--base-url',
          failure.rejectsKey ? rejecting.url : sandbox.url,
          ...(failure.timeoutSeconds ? ['--timeout', String(failure.timeoutSeconds)] : []),
        ];
        try {
          assert.deepEqual(await sendEverything(options), expectEverywhere(failure.kind), failure.name);
        } finally {
          sandbox.clearFaults();
        }
      }
    } finally {
      await rejecting.close();
    }
    assertNothingLeaked();
  });

  it('a key typed into the --base-url path leaks neither, on success and on a refused connection', async () => {
    const echo = await EchoServer.start();
    try {
      const success = ECHO_REPLIES.find((reply) => reply.kind === 'success');
      assert.ok(success);
      echo.current = success;
      const atEcho = await sendEverything(['--base-url', `${echo.url}/${canaries.key}`]);
      assert.deepEqual(atEcho, expectEverywhere('success'));
      assert.ok(echo.requests.every((request) => request.url.startsWith(`/${canaries.key}/`)));
      const refused = `http://127.0.0.1:${await closedPort()}/${canaries.key}`;
      assert.deepEqual(await sendEverything(['--base-url', refused]), expectEverywhere('network-error'));
      // The target line names the environment with the key masked in its URL.
      const masked = `custom (${refused.replace(canaries.key, `••••${canaries.key.slice(-4)}`)})`;
      assert.ok(
        runs.some(({ run }) => run.stderr.includes(masked)),
        `a failure prints the target as ${masked}`,
      );
    } finally {
      await echo.close();
    }
    assertNothingLeaked();
  });

  it('a server that echoes the request (key header, image body) back in every part of its answer leaks neither', async () => {
    const echo = await EchoServer.start();
    try {
      for (const reply of ECHO_REPLIES) {
        echo.current = reply;
        assert.deepEqual(await sendEverything(['--base-url', echo.url]), expectEverywhere(reply.kind), reply.name);
      }
      assert.ok(echo.requests.every((request) => request.headers['ocp-apim-subscription-key'] === canaries.key));
      assert.ok(echo.requests.some((request) => request.body.includes(canaries.face.toString('base64'))));
    } finally {
      await echo.close();
    }
    assertNothingLeaked();
  });
});
