import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createClient } from '../../../../src/core/http';
import { sampleFaceJpeg } from '../../../../src/core/images/samples';
import type { Sandbox } from '../../../../src/core/sandbox';
import { loadScenario } from '../../../../src/core/scenario/load';
import { type RunOptions, runScenario } from '../../../../src/core/scenario/runner';

/** A folder with synthetic faces (alice twice, bob) and whatever scenario files a test writes. */
export class ScenarioFolder {
  readonly root = mkdtempSync(join(tmpdir(), 'bpid-scenario-'));

  constructor() {
    this.write('faces/alice.jpg', sampleFaceJpeg(0));
    this.write('faces/alice-again.jpg', sampleFaceJpeg(0));
    this.write('faces/bob.jpg', sampleFaceJpeg(1));
  }

  path(name: string): string {
    return join(this.root, name);
  }

  write(name: string, content: string | Buffer | object): string {
    const path = this.path(name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(
      path,
      typeof content === 'string' || Buffer.isBuffer(content) ? content : `${JSON.stringify(content, null, 2)}\n`,
    );
    return path;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export const face = (file: string) => [{ 'Face-1': { $file: file } }];

/** The basic flow: enroll alice, verify alice (match) and bob (no match), delete in teardown. */
export function basicFlow(customId = 'alice-{{run.id}}') {
  return {
    name: 'basic flow',
    variables: { customId },
    steps: [
      {
        name: 'enroll',
        operation: 'enroll',
        body: { Person: { CustomID: '{{customId}}', Face: face('faces/alice.jpg') } },
        expect: { status: 200 },
      },
      {
        name: 'same',
        operation: 'verify',
        body: { Person: { CustomID: '{{enroll.Person.CustomID}}', Face: face('faces/alice-again.jpg') } },
        expect: { verdict: 'match' },
      },
      {
        name: 'other',
        operation: 'verify',
        body: { Person: { CustomID: '{{customId}}', Face: face('faces/bob.jpg') } },
        expect: { verdict: 'no match' },
      },
    ],
    teardown: [{ name: 'delete', operation: 'delete', body: { Person: { CustomID: '{{customId}}' } } }],
  };
}

export function sandboxClient(sandbox: Sandbox, timeoutMs?: number) {
  return createClient({
    fetch: (url, init) => fetch(url, init),
    baseUrl: sandbox.url,
    key: sandbox.key,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

export async function run(folder: ScenarioFolder, file: string, sandbox: Sandbox, more: Partial<RunOptions> = {}) {
  return runScenario(await loadScenario(folder.path(file)), {
    client: sandboxClient(sandbox),
    allowedRoot: folder.root,
    env: {},
    secrets: [sandbox.key],
    ...more,
  });
}
