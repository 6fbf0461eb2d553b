import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/context';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import type { Sandbox } from '../../src/core/sandbox';
import type { CallResult } from '../../src/run/call';
import { activateExtension, waitFor } from '../support/extension';
import { FakeUser } from '../support/fakeUser';
import { resetSettings, ScratchFolder, setSetting, unique, useCustomSandbox } from '../support/workbench';

const KEY = 'history-test-key-5150';

const ENTRY_FIELDS = new Set([
  'id',
  'time',
  'operation',
  'environment',
  'customId',
  'source',
  'status',
  'outcome',
  'latencyMs',
  'bioPassId',
  'verdict',
  'sentFrom',
]);

/** Everything the extension keeps in its global and workspace state, as one string. */
function persistedState(services: ExtensionServices): string {
  const { globalState, workspaceState } = services.extensionContext;
  return JSON.stringify([
    globalState.keys().map((key) => [key, globalState.get(key)]),
    workspaceState.keys().map((key) => [key, workspaceState.get(key)]),
  ]);
}

describe('request history (real extension host)', () => {
  let services: ExtensionServices;
  let user: FakeUser;
  let folder: ScratchFolder;
  let sandbox: Sandbox;

  beforeEach(async () => {
    services = await activateExtension();
    await resetSettings();
    await services.history.clear();
    sandbox = await useCustomSandbox([KEY]);
    await services.keys.set('custom', KEY);
    user = new FakeUser(services.ui);
    folder = await ScratchFolder.create();
  });

  afterEach(async () => {
    user.restore();
    await sandbox.close();
    await services.keys.clear('custom');
    await services.history.clear();
    await resetSettings();
    await folder.delete();
  });

  async function run(command: string, ...args: unknown[]): Promise<CallResult[]> {
    return (await vscode.commands.executeCommand(`biopassid.${command}`, ...args)) as CallResult[];
  }

  it('records each request as metadata only: never the body, the key or the image', async () => {
    const customId = unique('history');
    const bytes = sampleFaceJpeg(50);
    const image = await folder.write('face.jpg', bytes);
    user.answer({ inputBox: () => customId });

    const [result] = await run('enrollImage', image);

    const [entry] = services.history.entries();
    assert.ok(entry);
    assert.equal(entry.operation, 'enroll');
    assert.equal(entry.environment, 'custom');
    assert.equal(entry.customId, customId);
    assert.equal(entry.source, 'face.jpg');
    assert.equal(entry.status, 200);
    assert.equal(entry.outcome, 'success');
    assert.equal(typeof entry.latencyMs, 'number');
    assert.equal(entry.verdict, result?.headline);
    assert.match(entry.verdict, new RegExp(`^Enrolled ${customId} -> BioPassID ${entry.bioPassId}$`));
    for (const field of Object.keys(entry)) assert.ok(ENTRY_FIELDS.has(field), `unexpected field ${field}`);
    // Where the image was read from, so Send Again can read it again: a path, not the image.
    assert.deepEqual(entry.sentFrom, { kind: 'image', uri: image.toString(), role: 'face' });

    const base64 = Buffer.from(bytes).toString('base64');
    const persisted = persistedState(services);
    assert.ok(persisted.includes(customId), 'the entry is in the global state');
    for (const secret of [KEY, base64.slice(0, 40), base64.slice(base64.length / 2, base64.length / 2 + 40)]) {
      assert.ok(!JSON.stringify(services.history.entries()).includes(secret), 'no key or image in the history');
      assert.ok(!persisted.includes(secret), 'no key or image in the extension state');
    }
  });

  it('records a failure with its status and reason, and still no key', async () => {
    await services.keys.set('custom', 'wrong-history-key-0000');
    const image = await folder.write('face.jpg', sampleFaceJpeg(51));

    await run('detectFaces', image);

    const [entry] = services.history.entries();
    assert.equal(entry?.operation, 'face_detect');
    assert.equal(entry?.status, 401);
    assert.equal(entry?.outcome, 'invalid-key');
    assert.ok(!persistedState(services).includes('wrong-history-key-0000'));
  });

  it('Show History lists entries newest first and re-opens the picked one as a biopassid-history document', async () => {
    const image = await folder.write('face.jpg', sampleFaceJpeg(52));
    await run('detectFaces', image);
    const [liveness] = await run('checkLiveness', image);
    user.answer({ quickPick: (items) => items[0] });

    await vscode.commands.executeCommand('biopassid.showHistory');

    const [shown] = user.quickPicks;
    assert.equal(shown?.options?.title, 'BioPass ID history');
    assert.deepEqual(
      shown?.items.map((item) => item.label),
      ['$(check) Check Liveness', '$(check) Detect Faces'],
    );
    assert.match(shown?.items[0]?.description ?? '', /^custom · 200 · \d+ ms$/);
    assert.match(shown?.items[0]?.detail ?? '', /Liveness: live$/);

    const document = await waitFor('the history entry to open in an editor', () => {
      const active = vscode.window.activeTextEditor?.document;
      return active?.uri.scheme === 'biopassid-history' ? active : undefined;
    });
    const text = document.getText();
    assert.ok(text.includes(liveness?.headline ?? '?'));
    assert.match(text, /Check Liveness on custom/);
    assert.match(text, /HTTP 200 · success · \d+ ms/);
    assert.ok(!text.includes(KEY));
  });

  it('Clear History empties it; Show History then says so and an old entry no longer opens', async () => {
    const image = await folder.write('face.jpg', sampleFaceJpeg(53));
    await run('detectFaces', image);
    const [entry] = services.history.entries();
    assert.ok(entry);

    await vscode.commands.executeCommand('biopassid.clearHistory');
    assert.deepEqual(services.history.entries(), []);
    assert.equal(user.messages.at(-1)?.message, 'BioPass ID history cleared.');

    await vscode.commands.executeCommand('biopassid.showHistory');
    assert.deepEqual(user.quickPicks, []);
    assert.equal(user.messages.at(-1)?.message, 'The BioPass ID history is empty.');
    assert.equal(await vscode.commands.executeCommand('biopassid.openHistoryEntry', entry.id), undefined);
  });

  it('keeps at most biopassid.historySize entries, dropping the oldest', async () => {
    await setSetting('historySize', 2);
    const images = [
      await folder.write('a.jpg', sampleFaceJpeg(54)),
      await folder.write('b.jpg', sampleFaceJpeg(55)),
      await folder.write('c.jpg', sampleFaceJpeg(56)),
    ];
    await setSetting('maxConcurrentRequests', 1);

    await run('detectFaces', images[0], images);

    assert.deepEqual(
      services.history.entries().map((entry) => entry.source),
      ['c.jpg', 'b.jpg'],
    );
  });
});
