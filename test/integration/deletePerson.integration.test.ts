import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import type { Sandbox } from '../../src/core/sandbox';
import type { CallResult } from '../../src/run/call';
import type { FakeUser } from '../support/fakeUser';
import { useSandboxSession } from '../support/sandboxSession';
import { type ScratchFolder, unique, waitForOutput } from '../support/workbench';

describe('BioPass ID: Delete Person… (real extension host, local sandbox)', () => {
  const session = useSandboxSession();
  let user: FakeUser;
  let folder: ScratchFolder;
  let sandbox: Sandbox;

  beforeEach(() => {
    ({ user, folder, sandbox } = session);
  });

  /** Enrolls a person through the Explorer action, as a user would before deleting them; returns the log length. */
  async function enroll(customId: string): Promise<number> {
    const image = await folder.write(`${customId}.jpg`, sampleFaceJpeg(40));
    user.answer({ inputBox: () => customId });
    const [result] = (await vscode.commands.executeCommand('biopassid.enrollImage', image)) as CallResult[];
    assert.equal(result?.outcome.kind, 'success');
    return sandbox.requestLog.length;
  }

  it('asks the CustomID (proposing the last one used), confirms naming it, deletes, and the person is gone', async () => {
    const customId = unique('delete-me');
    const sentBefore = await enroll(customId);
    const asked = user.inputBoxes.length;
    user.answer({ inputBox: (options) => options.value, confirm: (shown) => shown.action });

    const [result] = (await vscode.commands.executeCommand('biopassid.deletePerson')) as CallResult[];

    const prompt = user.inputBoxes[asked];
    assert.equal(prompt?.title, 'BioPass ID Delete');
    assert.equal(prompt?.value, customId, 'the CustomID last used is proposed');
    assert.deepEqual(user.confirms, [
      {
        message: `Delete person "${customId}" from sandbox?`,
        detail: 'BioPass ID removes the biometric templates stored under this CustomID.',
        action: 'Delete',
      },
    ]);
    assert.equal(result?.headline, `Deleted ${customId}`);
    const output = await waitForOutput(`Deleted ${customId}`);
    assert.match(output, new RegExp(`Delete · CustomID ${customId} · sandbox \\(http://127\\.0\\.0\\.1:\\d+\\)`));
    assert.deepEqual(
      sandbox.requestLog.slice(sentBefore).map((entry) => [entry.operation, entry.customId, entry.status]),
      [['delete', customId, 200]],
    );

    const [again] = (await vscode.commands.executeCommand('biopassid.deletePerson', customId)) as CallResult[];
    assert.equal(again?.outcome.kind, 'bad-request');
    assert.match(again?.headline ?? '', /CustomID not found/);
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const customId = unique('keep-me');
    user.answer({ inputBox: () => customId, confirm: () => undefined });

    const result = await vscode.commands.executeCommand('biopassid.deletePerson');

    assert.deepEqual(result, [], 'no call was made');
    assert.equal(user.confirms.length, 1);
    assert.match(user.confirms[0]?.message ?? '', new RegExp(`"${customId}"`));
    assert.deepEqual(user.progress, []);
    assert.deepEqual(sandbox.requestLog, []);
  });

  it('sends nothing and asks no confirmation when the CustomID prompt is dismissed', async () => {
    const result = await vscode.commands.executeCommand('biopassid.deletePerson');
    assert.equal(result, undefined);
    assert.equal(user.inputBoxes.length, 1);
    assert.match(String(user.inputBoxes[0]?.validateInput?.('\u0000')), /control characters/);
    assert.deepEqual(user.confirms, []);
    assert.deepEqual(sandbox.requestLog, []);
  });

  it('explains an unknown CustomID in an error notification, without offering Retry or a key', async () => {
    const customId = unique('nobody');
    user.answer({ confirm: (shown) => shown.action });

    const [result] = (await vscode.commands.executeCommand('biopassid.deletePerson', customId)) as CallResult[];

    assert.equal(result?.outcome.status, 400);
    const [error] = user.messagesOf('error');
    assert.match(error?.message ?? '', /CustomID not found/);
    assert.deepEqual(error?.actions, ['View Logs']);
    assert.deepEqual(
      sandbox.requestLog.map((entry) => [entry.operation, entry.status]),
      [['delete', 400]],
    );
  });
});
