import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/context';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import type { Sandbox } from '../../src/core/sandbox';
import type { CallResult } from '../../src/run/call';
import { waitFor } from '../support/extension';
import type { FakeUser } from '../support/fakeUser';
import { useSandboxSession } from '../support/sandboxSession';
import { type ScratchFolder, setSetting, unique, waitForOutput } from '../support/workbench';

async function run(command: string, ...args: unknown[]): Promise<(CallResult | undefined)[]> {
  return (await vscode.commands.executeCommand(`biopassid.${command}`, ...args)) as (CallResult | undefined)[];
}

/** A LogOutputChannel line starts with its time and level; the lines of the same entry after it do not. */
const ENTRY_START = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} \[\w+\] /;

/** The output channel's text as entries: each the lines written by one call of the log, prefix removed. */
function outputEntries(text: string): string[][] {
  const entries: string[][] = [];
  for (const line of text.split('\n')) {
    if (ENTRY_START.test(line)) entries.push([line.replace(ENTRY_START, '')]);
    else entries.at(-1)?.push(line);
  }
  return entries;
}

/**
 * Polls until read() has returned the same value for quietMs: requests still in flight would
 * reach the sandbox's log meanwhile.
 */
async function settledValue<T>(what: string, read: () => T, quietMs: number): Promise<T> {
  let value = read();
  let since = Date.now();
  await waitFor(
    `${what} to stay the same for ${quietMs} ms`,
    () => {
      const now = read();
      if (JSON.stringify(now) !== JSON.stringify(value)) {
        value = now;
        since = Date.now();
      }
      return Date.now() - since >= quietMs ? true : undefined;
    },
    quietMs + 10_000,
  );
  return value;
}

describe('concurrency (real extension host, local sandbox)', () => {
  const session = useSandboxSession();
  let services: ExtensionServices;
  let user: FakeUser;
  let folder: ScratchFolder;
  let sandbox: Sandbox;

  beforeEach(() => {
    ({ services, user, folder, sandbox } = session);
  });

  it('two enrolls at once each write one whole output block of their own, never interleaved', async () => {
    const customIds: Record<string, string> = { 'left.jpg': unique('left'), 'right.jpg': unique('right') };
    const left = await folder.write('left.jpg', sampleFaceJpeg(70));
    const right = await folder.write('right.jpg', sampleFaceJpeg(71));
    // Each request waits in the sandbox, so one is in flight while the other is sent and answered.
    sandbox.injectFault({ kind: 'latency', ms: 1500, times: 2 });
    // Neither operation starts sending before both have reached their progress: they run side by side.
    let waiting = 0;
    let bothReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      bothReady = resolve;
    });
    user.answer({
      inputBox: (options) => Object.entries(customIds).find(([name]) => options.title?.endsWith(name))?.[1],
      withProgress: async (_options, task) => {
        if (++waiting === 2) bothReady();
        await ready;
        const source = new vscode.CancellationTokenSource();
        try {
          return await task({ report: () => {} }, source.token);
        } finally {
          source.dispose();
        }
      },
    });

    const results = (await Promise.all([run('enrollImage', left), run('enrollImage', right)])).flat();

    assert.deepEqual(
      results.map((result) => [result?.call.source, result?.outcome.kind]),
      [
        ['left.jpg', 'success'],
        ['right.jpg', 'success'],
      ],
    );
    assert.deepEqual(
      sandbox.requestLog.map((entry) => entry.customId).sort(),
      Object.values(customIds).sort(),
      'both reached the sandbox',
    );
    const headlines = results.map((result) => result?.headline ?? '?');
    const text = await waitForOutput(headlines[1] ?? '?');
    assert.ok(text.includes(headlines[0] ?? '?'));

    const entries = outputEntries(text);
    for (const [name, customId] of Object.entries(customIds)) {
      const other = Object.values(customIds).find((id) => id !== customId) ?? '?';
      const mine = entries.filter((lines) => lines.some((line) => line.includes(customId)));
      assert.equal(mine.length, 1, `one block mentions ${customId}:\n${text}`);
      const block = mine[0] ?? [];
      assert.ok(
        block.every((line) => !line.includes(other)),
        `no line of the other operation inside the ${name} block:\n${block.join('\n')}`,
      );
      // Whole: what and for whom, the verdict, status and latency, then the response from { to }.
      assert.match(block[0] ?? '', new RegExp(`^Enroll · CustomID ${customId} · ${name} · sandbox `));
      assert.match(block[1] ?? '', new RegExp(`^ {2}Enrolled ${customId} -> BioPassID \\S+$`));
      assert.match(block[2] ?? '', /^ {2}HTTP 200 · success · \d+ ms$/);
      assert.equal(block[3], '  {');
      assert.ok(block.includes(`      "CustomID": "${customId}",`), block.join('\n'));
      assert.equal(block.filter((line) => line !== '').at(-1), '  }');
    }
  });

  it('a batch cancelled midway leaves nothing in flight, and the history matches what the sandbox received', async () => {
    await setSetting('maxConcurrentRequests', 2);
    const names = ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg', 'f.jpg'];
    const customIds = new Map(names.map((name) => [name, unique(name.slice(0, 1))]));
    const images = [];
    for (const [index, name] of names.entries()) images.push(await folder.write(name, sampleFaceJpeg(72 + index)));
    // The first request to arrive is held in the sandbox; the other is answered at once, and the person
    // presses Cancel as soon as that one is done: the held one is then in flight.
    sandbox.injectFault({ kind: 'latency', ms: 4000 });
    user.answer({
      inputBox: (options) => [...customIds].find(([name]) => options.title?.endsWith(name))?.[1],
      withProgress: (_options, task) => {
        const cancel = new vscode.CancellationTokenSource();
        return Promise.resolve(task({ report: () => cancel.cancel() }, cancel.token)).finally(() => cancel.dispose());
      },
    });

    const results = await run('enrollImage', images[0], images);

    assert.equal(results.length, names.length);
    const sent = results.filter((result) => result !== undefined);
    assert.deepEqual(sent.map((result) => result.outcome.kind).sort(), ['network-error', 'success']);
    const aborted = sent.find((result) => result.outcome.kind === 'network-error')?.outcome;
    assert.equal(aborted?.kind === 'network-error' ? aborted.cause : undefined, 'aborted');
    assert.deepEqual(results.slice(2), [undefined, undefined, undefined, undefined], 'the rest were never sent');
    assert.equal(user.messages.at(-1)?.message, 'Enroll: 1 ok, 0 failed, 5 cancelled.');

    const history = services.history.entries();
    assert.deepEqual(history.map((entry) => entry.outcome).sort(), ['aborted', 'success']);
    // The held request shows in the sandbox's log when its wait ends, as a connection dropped before
    // any answer (status 0); after that nothing more arrives.
    await waitFor('the sandbox to log as many requests as the history holds', () =>
      sandbox.requestLog.length === history.length ? true : undefined,
    );
    const received = await settledValue('the sandbox request log', () => sandbox.requestLog, 1000);
    // The sandbox reads the CustomID only when it answers, so a dropped request is told by its status alone.
    const request = (operation: string, customId: string | undefined, status: number | undefined) =>
      status ? `${operation} ${customId}: ${status}` : `${operation}: dropped unanswered`;
    assert.deepEqual(
      received.map((entry) => request(entry.operation ?? '?', entry.customId, entry.status)).sort(),
      history.map((entry) => request(entry.operation, entry.customId, entry.status)).sort(),
      'each history entry is a request the sandbox received, with what it answered',
    );
    assert.deepEqual(services.history.entries(), history, 'nothing was added to the history after the run');
  });
});
