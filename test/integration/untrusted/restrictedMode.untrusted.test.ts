import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../../src/context';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import type { CallResult } from '../../../src/run/call';
import { activateExtension, EXTENSION_ID, waitFor } from '../../support/extension';
import { FakeUser, type ShownMessage } from '../../support/fakeUser';
import { type StallingServer, startStallingServer } from '../../support/stallingServer';
import { resetSettings, ScratchFolder, setSetting, waitForOutput } from '../../support/workbench';
import { closeAllEditors, encoder, openInEditor, requestText, waitForOurCode } from '../requests/helpers';

const KEY = 'untrusted-folder-key-for-tests-7777';
const MANAGE_TRUST = 'Manage Workspace Trust';

/** The one warning a refused request shows: it names workspace trust and says how to give it. */
function assertTrustWarning(shown: readonly ShownMessage[]): void {
  assert.equal(shown.length, 1, `one notification, not ${JSON.stringify(shown)}`);
  const [warning] = shown;
  assert.equal(warning?.level, 'warning');
  assert.match(warning?.message ?? '', /^Nothing was sent: this workspace is not trusted \(Restricted Mode\)/);
  assert.match(warning?.message ?? '', /Workspaces: Manage Workspace Trust/);
  assert.deepEqual(warning?.actions, [MANAGE_TRUST]);
}

describe('an untrusted folder (Restricted Mode, real extension host)', () => {
  let services: ExtensionServices;
  let user: FakeUser;
  let folder: ScratchFolder;
  let server: StallingServer;
  let face: vscode.Uri;

  before(async () => {
    services = await activateExtension();
  });

  beforeEach(async () => {
    await resetSettings();
    await services.history.clear();
    user = new FakeUser(services.ui, { inputBox: () => 'untrusted-person', confirm: (shown) => shown.action });
    folder = await ScratchFolder.create();
    face = await folder.write('face.jpg', sampleFaceJpeg(90));
    // A server that would see any request: the custom environment, with a key stored for it.
    server = await startStallingServer();
    await setSetting('customBaseUrl', server.url);
    await setSetting('environment', 'custom');
    await services.keys.set('custom', KEY);
  });

  afterEach(async () => {
    user.restore();
    await server.close();
    await services.keys.clear('custom');
    await closeAllEditors();
    await resetSettings();
    await folder.delete();
  });

  /** Nothing reached the server, nothing was started, recorded or shown as progress. */
  function assertNothingSent(): void {
    assert.deepEqual(server.requests, [], 'the server received no request');
    assert.deepEqual(user.progress, [], 'no request was started');
    assert.deepEqual(services.history.entries(), [], 'nothing in the history');
  }

  it('opens the folder untrusted, and the extension runs in limited mode: it activates and still validates request files', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the launcher opened the folder in Restricted Mode');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    await waitForOutput(/BioPass ID \S+ activated/);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('biopassid.detectFaces') && commands.includes('biopassid.sendRequest'));

    const broken = await folder.write(
      'broken.enroll.biopass.json',
      encoder.encode(requestText({ Person: { CustomID: 'broken', Face: [{ 'Face-1': 'abc' }] } })),
    );
    await openInEditor(broken);
    await waitForOurCode(broken, 'base64-padding');
  });

  it('an image action sends nothing, to the custom server or the local sandbox, and says why and how to trust', async () => {
    const detected = (await vscode.commands.executeCommand('biopassid.detectFaces', face)) as CallResult[];
    assert.deepEqual(detected, []);
    assertTrustWarning(user.messages);

    await setSetting('environment', 'sandbox');
    await services.sandbox.stop();
    const enrolled = (await vscode.commands.executeCommand('biopassid.enrollImage', face)) as CallResult[];
    assert.deepEqual(enrolled, []);
    assert.equal(services.sandbox.current, undefined, 'the local sandbox was not even started');
    assertTrustWarning(user.messages.slice(1));
    assertNothingSent();
  });

  it('Send Request sends nothing either, though the request file is valid', async () => {
    const request = await folder.write(
      'alice.enroll.biopass.json',
      encoder.encode(requestText({ Person: { CustomID: 'alice', Face: [{ 'Face-1': { $file: './face.jpg' } }] } })),
    );

    const results = await vscode.commands.executeCommand('biopassid.sendRequest', request);

    assert.deepEqual(results, []);
    assertTrustWarning(user.messages);
    assertNothingSent();
  });

  it('Manage Workspace Trust on the warning opens the Workspace Trust editor', async () => {
    user.answer({ message: (shown) => (shown.actions.includes(MANAGE_TRUST) ? MANAGE_TRUST : undefined) });

    await vscode.commands.executeCommand('biopassid.checkLiveness', face);

    await waitFor('the Workspace Trust editor', () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label === 'Workspace Trust'),
    );
    assert.equal(vscode.workspace.isTrusted, false, 'opening the editor trusts nothing by itself');
    assertNothingSent();
  });

  it("ignores biopassid.environment and biopassid.customBaseUrl from the folder's .vscode/settings.json", async () => {
    await resetSettings();
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(workspace);
    const settingsFile = vscode.Uri.joinPath(workspace, '.vscode', 'settings.json');
    await vscode.workspace.fs.writeFile(
      settingsFile,
      encoder.encode(
        JSON.stringify({
          'biopassid.environment': 'custom',
          'biopassid.customBaseUrl': server.url,
          // Not restricted: proves the file was read when it shows up.
          'biopassid.requestTimeoutSeconds': 7,
        }),
      ),
    );
    try {
      const settings = () => vscode.workspace.getConfiguration('biopassid');
      await waitFor('the folder settings to be read', () =>
        settings().inspect('requestTimeoutSeconds')?.workspaceValue === 7 ? true : undefined,
      );
      assert.equal(services.config.timeoutMs, 7_000, 'an unrestricted folder setting applies');
      assert.equal(settings().get('environment'), 'homologation');
      assert.equal(settings().get('customBaseUrl'), '');
      assert.equal(services.config.environment, 'homologation');
      assert.equal(services.config.customBaseUrl, '');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspace, '.vscode'), { recursive: true });
    }
  });
});
