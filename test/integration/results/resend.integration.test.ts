import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import type { SidebarItem } from '../../../src/core/sidebar/models';
import type { ExtensionApi } from '../../../src/extension';
import type { CallResult } from '../../../src/run/call';
import { EXTENSION_ID, waitFor } from '../../support/extension';
import { useSandboxSession } from '../../support/sandboxSession';
import { unique } from '../../support/workbench';
import { closeAllEditors, encoder, requestText } from '../requests/helpers';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function send(command: string, ...args: unknown[]): Promise<CallResult[]> {
  return (await vscode.commands.executeCommand(command, ...args)) as CallResult[];
}

describe('History: Send Again from the metadata, every result panel closed (real workbench, local sandbox)', function () {
  this.timeout(120_000);
  const session = useSandboxSession();
  afterEach(() => closeAllEditors());

  async function historyItem(result: CallResult | undefined): Promise<SidebarItem> {
    const sidebar = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.exports.sidebar();
    assert.ok(sidebar);
    const items = await sidebar.history.getChildren();
    const item = items.find((candidate) => candidate.id === `history:${result?.historyId}`);
    assert.ok(item, 'the call is in the History view');
    return item;
  }

  /** The automatic panel once its page has painted with this call's headline. */
  function paintedWith(result: CallResult | undefined) {
    return waitFor(
      'the result panel of the call sent again',
      () =>
        session.services.panels
          .snapshots()
          .find((panel) => panel.painted > 0 && panel.calls === 1 && panel.html.includes(result?.headline ?? '?')),
      20_000,
    );
  }

  it('re-reads the image file or the request file and sends again; says why when the file is gone or was never saved', async () => {
    const { folder, sandbox, services, user } = session;
    const face = await folder.write('again.jpg', sampleFaceJpeg(31));
    const [fromImage] = await send('biopassid.checkIcao', face, [face]);
    assert.equal(fromImage?.outcome.kind, 'success');
    const request = await folder.write(
      'again.check_icao.biopass.json',
      encoder.encode(requestText({ Check: { Image: b64(sampleFaceJpeg(32)) } })),
    );
    const [fromRequest] = await send('biopassid.sendRequest', request, 'check_icao');
    assert.equal(fromRequest?.outcome.kind, 'success');
    const unsaved = vscode.Uri.joinPath(folder.uri, 'unsaved.check_icao.biopass.json').with({ scheme: 'untitled' });
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(unsaved));
    await editor.edit((edit) =>
      edit.insert(new vscode.Position(0, 0), requestText({ Check: { Image: b64(sampleFaceJpeg(33)) } })),
    );
    const [inline] = await send('biopassid.sendRequest', unsaved, 'check_icao');
    assert.equal(inline?.outcome.kind, 'success');

    // Metadata only: where the images came from, never the images.
    const entries = JSON.stringify(services.history.entries());
    assert.ok(entries.includes(face.toString()) && entries.includes(request.toString()));
    for (const seed of [31, 32, 33]) assert.ok(!entries.includes(b64(sampleFaceJpeg(seed)).slice(100, 160)));

    // Every panel closed and the unsaved request discarded: nothing of those calls is in memory.
    await closeAllEditors();
    await waitFor('every panel closed', () => (services.panels.stats().livePanels === 0 ? true : undefined));

    // The image changed on disk since: Send Again reads it as it is now, with the same checks.
    const changed = sampleFaceJpeg(34);
    await vscode.workspace.fs.writeFile(face, changed);
    const imageItem = await historyItem(fromImage);
    assert.equal(imageItem.contextValue, 'historyResendable');
    const sentBefore = sandbox.requestLog.length;
    const [again] = await send('biopassid.resendHistoryEntry', imageItem);
    assert.equal(again?.outcome.kind, 'success');
    assert.equal(sandbox.requestLog.length, sentBefore + 1);
    assert.equal(sandbox.requestLog.at(-1)?.operation, 'check_icao');
    assert.deepEqual(again?.call.body, { Check: { Image: b64(changed) } });
    assert.equal(services.history.entries()[0]?.id, again?.historyId, 'a new history entry');
    await paintedWith(again);

    const [requestAgain] = await send('biopassid.resendHistoryEntry', await historyItem(fromRequest));
    assert.equal(requestAgain?.outcome.kind, 'success');
    assert.equal(requestAgain?.headline, fromRequest?.headline);
    assert.equal(requestAgain?.call.source, 'again.check_icao.biopass.json');
    await paintedWith(requestAgain);

    // The image is gone: it says so, and nothing is sent.
    await closeAllEditors();
    await vscode.workspace.fs.delete(face);
    const sent = sandbox.requestLog.length;
    assert.equal(await vscode.commands.executeCommand('biopassid.resendHistoryEntry', imageItem), undefined);
    assert.equal(
      user.messagesOf('warning').at(-1)?.message,
      'Check ICAO Quality cannot be sent again: again.jpg was not found (moved or deleted?).',
    );

    // The unsaved request's image lived only in its editor: it says why it cannot.
    const inlineItem = await historyItem(inline);
    assert.equal(inlineItem.contextValue, 'historyResendable');
    assert.equal(await vscode.commands.executeCommand('biopassid.resendHistoryEntry', inlineItem), undefined);
    assert.match(
      user.messagesOf('warning').at(-1)?.message ?? '',
      /^Check ICAO Quality cannot be sent again: its images were not read from a file .*the history does not keep images/,
    );
    assert.equal(sandbox.requestLog.length, sent, 'nothing sent for either');
  });

  it('an enroll is never sent again from the history, and says so', async () => {
    const { folder, sandbox, user } = session;
    const face = await folder.write('enroll.jpg', sampleFaceJpeg(35));
    user.answer({ inputBox: () => unique('resend'), confirm: (shown) => shown.action });
    const [enrolled] = await send('biopassid.enrollImage', face, [face]);
    assert.equal(enrolled?.outcome.kind, 'success');
    await closeAllEditors();
    const item = await historyItem(enrolled);
    assert.equal(item.contextValue, 'history', 'no Send Again on it');
    const sent = sandbox.requestLog.length;
    assert.equal(await vscode.commands.executeCommand('biopassid.resendHistoryEntry', item), undefined);
    assert.match(
      user.messagesOf('warning').at(-1)?.message ?? '',
      /^Enroll.* cannot be sent again: it changes the persons/,
    );
    assert.equal(sandbox.requestLog.length, sent);
  });
});
