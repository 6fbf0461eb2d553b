import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/context';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import type { CallResult } from '../../src/run/call';
import { activateExtension } from '../support/extension';
import { FakeUser } from '../support/fakeUser';
import { assertNoSecrets, budgetMs, FAULT_CASES } from '../support/faultCases';
import { resetSettings, ScratchFolder, setSetting, unique, waitForOutput } from '../support/workbench';

const FACE = sampleFaceJpeg(60);
const FACE_BASE64 = FACE.toString('base64');

/** The output block of one request: its first line names the CustomID, the rest is indented. */
function blockOf(output: string, customId: string): string {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.includes(`Enroll · CustomID ${customId} ·`));
  assert.ok(start >= 0, `no output block for ${customId}`);
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('  '));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

describe('fault matrix: Enroll image against a failing service (real extension host)', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  let services: ExtensionServices;
  let user: FakeUser;
  let folder: ScratchFolder;

  before(() => {
    process.on('unhandledRejection', onRejection);
  });

  after(() => {
    process.off('unhandledRejection', onRejection);
    assert.deepEqual(rejections, [], 'no unhandled rejection in the whole suite');
  });

  beforeEach(async () => {
    services = await activateExtension();
    await resetSettings();
    await services.history.clear();
    user = new FakeUser(services.ui);
    folder = await ScratchFolder.create();
  });

  afterEach(async () => {
    user.restore();
    await services.keys.clear('custom');
    await services.history.clear();
    await resetSettings();
    await folder.delete();
    assert.deepEqual(rejections, [], 'no unhandled rejection');
  });

  for (const fault of FAULT_CASES) {
    it(fault.name, async function () {
      this.timeout(budgetMs(fault) + 20_000);
      const { expected } = fault;
      const server = await fault.start();
      try {
        await setSetting('customBaseUrl', server.baseUrl);
        await setSetting('environment', 'custom');
        await setSetting('requestTimeoutSeconds', fault.timeoutSeconds);
        await services.keys.set('custom', fault.key);
        const customId = unique('fault');
        const image = await folder.write('face.jpg', FACE);
        user.answer({ inputBox: () => customId });

        const started = performance.now();
        const results = (await vscode.commands.executeCommand('biopassid.enrollImage', image)) as CallResult[];
        const elapsedMs = performance.now() - started;

        const [result] = results;
        assert.ok(result, 'the enroll ran');
        const { outcome } = result;
        assert.equal(outcome.kind, expected.kind, result.headline);
        assert.match(result.headline, expected.cause);
        assert.equal(outcome.status, expected.status);
        assert.ok(elapsedMs < budgetMs(fault), `took ${Math.round(elapsedMs)} ms, over ${budgetMs(fault)} ms`);
        assert.equal(server.enrollsReceived(), expected.sent, 'the enroll reached the server this many times');
        if (expected.sent > 1) assert.equal(outcome.attempts, expected.sent);

        // The notification names the cause and the next step, with Retry only where re-sending is safe.
        assert.equal(user.messages.length, 1, JSON.stringify(user.messages));
        const [shown] = user.messages;
        assert.ok(shown);
        assert.equal(shown.level, expected.kind === 'success' ? 'information' : 'error');
        assert.ok(shown.message.startsWith(result.headline), shown.message);
        const afterCause = shown.message.slice(result.headline.length).replace(/^\.?\s+/, '');
        if (expected.nextStep) assert.match(afterCause, expected.nextStep, shown.message);
        assert.deepEqual(shown.actions, expected.actions);

        // The output block: what, where, the cause, the status line, and what to do next.
        const block = blockOf(await waitForOutput(`CustomID ${customId}`), customId);
        assert.ok(block.includes(`\n  ${result.headline}\n`), block);
        assert.match(
          block,
          new RegExp(`\\n  HTTP ${expected.status ?? '-'} · ${expected.label.replace(/[()]/g, '\\$&')} · \\d+ ms`),
        );
        if (expected.sent > 1) assert.ok(block.includes(`· ${expected.sent} attempts`), block);
        if (expected.shows) assert.match(block, expected.shows);
        if (expected.nextStep) {
          const next = /\n {2}Next: (.*)/.exec(block)?.[1];
          assert.match(next ?? '', expected.nextStep, block);
        }

        // One history entry for the attempt, with its outcome.
        const entries = services.history.entries();
        assert.equal(entries.length, 1);
        const [entry] = entries;
        assert.equal(entry?.operation, 'enroll');
        assert.equal(entry?.customId, customId);
        assert.equal(entry?.environment, 'custom');
        assert.equal(entry?.status, expected.status);
        assert.equal(entry?.outcome, expected.label);
        assert.equal(entry?.verdict, result.headline);

        const shownToPeople = {
          notification: shown.message,
          'output block': block,
          history: JSON.stringify(entries),
          'history log block': services.history.logBlock(entry?.id ?? '') ?? '',
        };
        for (const [where, text] of Object.entries(shownToPeople)) {
          assertNoSecrets(where, text, fault.key, FACE_BASE64);
        }
      } finally {
        await server.close();
      }
    });
  }
});
