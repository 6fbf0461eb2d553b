import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../src/core/sandbox';
import { normaliseWhitespace, Workbench } from './support/workbench';

/** Obviously fake keys: the sandbox accepts the first, the second is the user's typo. */
const RIGHT_KEY = 'e2e-fake-key-0000000000000001';
const WRONG_KEY = 'e2e-wrong-key-000000000000009';
const CUSTOM_ID = 'alice-0001';
/** The progress notification of a request ("BioPass ID: Verify on custom"). */
const PROGRESS = /BioPass ID: \w+ on custom/;

/** Every `BioPass ID.log` the extension host wrote under the server's user data folder. */
function extensionLogText(userDataDir: string): string {
  const logs = readdirSync(join(userDataDir, 'logs'), { recursive: true, encoding: 'utf8' }).filter((path) =>
    path.endsWith('BioPass ID.log'),
  );
  return logs.map((path) => readFileSync(join(userDataDir, 'logs', path), 'utf8')).join('\n');
}

describe('Image workflow in the real workbench: key, Explorer enroll/verify, delete, wrong key', () => {
  let sandbox: Sandbox;
  let workbench: Workbench;
  let step = 0;
  /** Screenshots numbered in the order they are taken: workflow-01-…, workflow-02-… */
  const shot = (name: string) => workbench.screenshot(`workflow-${String(++step).padStart(2, '0')}-${name}`);

  before(async function () {
    this.timeout(180_000);
    sandbox = await startSandbox({ keys: [RIGHT_KEY] });
    assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    workbench = await Workbench.open({
      prepareFolder: (folder) => {
        const alice = sampleFaceJpeg(0);
        assert.deepEqual(sampleFaceJpeg(0), alice, 'the same variant gives the same bytes');
        writeFileSync(join(folder, 'alice.jpg'), alice);
        writeFileSync(join(folder, 'alice-again.jpg'), alice);
        writeFileSync(join(folder, 'bob.jpg'), sampleFaceJpeg(1));
      },
      settings: { 'biopassid.environment': 'custom', 'biopassid.customBaseUrl': sandbox.url },
      // The key must come from the palette, never from the environment of the test process.
      env: { BIOPASSID_API_KEY: '' },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await workbench?.screenshot(`workflow-failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await sandbox?.close();
  });

  it('opens the workspace with the three sample images in the Explorer', async () => {
    for (const name of ['alice.jpg', 'alice-again.jpg', 'bob.jpg']) await workbench.explorerRow(name).waitFor();
    await shot('workspace');
  });

  it('palette -> Set API Key…: the key goes into a password input and is saved, shown masked', async () => {
    await workbench.runCommand('BioPass ID: Set API Key…');
    const input = await workbench.waitForInputBox('subscription key for custom');
    assert.equal(await input.getAttribute('type'), 'password');
    await workbench.typeIntoInput(input, RIGHT_KEY);
    await shot('api-key-input');
    await workbench.acceptInput();
    await workbench.waitForNotification('BioPass ID key for custom saved (••••0001)');
    await shot('api-key-saved');
  });

  it('Explorer: right-click alice.jpg -> BioPass ID -> Enroll… enrolls alice-0001', async () => {
    await workbench.clearNotifications();
    await workbench.explorerContextMenu('alice.jpg', ['BioPass ID', 'Enroll…'], () => shot('context-menu-enroll'));
    const input = await workbench.waitForInputBox('BioPass ID Enroll: alice.jpg');
    assert.equal(await input.inputValue(), 'alice', 'the CustomID proposed from the file name');
    await workbench.typeIntoInput(input, CUSTOM_ID);
    await shot('enroll-custom-id');
    await workbench.acceptInput();
    const toast = await workbench.waitForNotification(`Enrolled ${CUSTOM_ID} -> BioPassID`);
    await workbench.waitForNoNotification(PROGRESS);
    await shot('enroll-notification');
    await workbench.clickNotificationButton(toast, 'View Logs');
    await workbench.outputView().waitFor();
    // The panel's own Maximize button: a whole verify answer then fits on screen.
    await workbench.maximizePanel();
    const output = await workbench.waitForOutput(`Enrolled ${CUSTOM_ID} -> BioPassID`);
    assert.match(output, new RegExp(`Enrolled ${CUSTOM_ID} -> BioPassID [\\w-]+`));
    assert.match(output, /Enroll · CustomID alice-0001 · alice\.jpg · custom \(http:\/\/127\.0\.0\.1:\d+\)/);
    await shot('enrolled');
  });

  it('Explorer: alice-again.jpg (the same bytes) -> Verify… alice-0001 is a match', async () => {
    await workbench.clearNotifications();
    await workbench.explorerContextMenu('alice-again.jpg', ['BioPass ID', 'Verify…']);
    const input = await workbench.waitForInputBox('BioPass ID Verify: alice-again.jpg');
    await workbench.typeIntoInput(input, CUSTOM_ID);
    await workbench.acceptInput();
    await workbench.waitForNotification(`Verify ${CUSTOM_ID}: match`);
    await workbench.waitForOutput(`Verify ${CUSTOM_ID}: match (face matched; fingers not sent)`);
    await workbench.waitForNoNotification(PROGRESS);
    await shot('verify-match');
  });

  it('Explorer: bob.jpg -> Verify… alice-0001 is no match', async () => {
    await workbench.clearNotifications();
    await workbench.explorerContextMenu('bob.jpg', ['BioPass ID', 'Verify…']);
    const input = await workbench.waitForInputBox('BioPass ID Verify: bob.jpg');
    assert.equal(await input.inputValue(), 'bob');
    await workbench.typeIntoInput(input, CUSTOM_ID);
    await workbench.acceptInput();
    await workbench.waitForNotification(`Verify ${CUSTOM_ID}: no match`);
    await workbench.waitForOutput(`Verify ${CUSTOM_ID}: no match (face did not match; fingers not sent)`);
    await workbench.waitForNoNotification(PROGRESS);
    await shot('verify-no-match');
  });

  it('palette -> Delete Person…: confirmed in the modal dialog, alice-0001 is deleted and gone', async () => {
    await workbench.clearNotifications();
    await workbench.runCommand('BioPass ID: Delete Person…');
    const input = await workbench.waitForInputBox('BioPass ID Delete');
    await workbench.typeIntoInput(input, CUSTOM_ID);
    await workbench.acceptInput();
    const dialog = await workbench.waitForDialog();
    assert.match(normaliseWhitespace((await dialog.textContent()) ?? ''), /Delete person "alice-0001" from custom\?/);
    await shot('delete-confirm');
    await workbench.answerDialog(dialog, 'Delete');
    await workbench.waitForNotification(`Deleted ${CUSTOM_ID}`);
    await workbench.waitForOutput(`Deleted ${CUSTOM_ID}`);
    await workbench.waitForNoNotification(PROGRESS);
    await shot('deleted');

    // Gone: verifying the enrolled image again fails with the sandbox's "CustomID not found".
    await workbench.clearNotifications();
    await workbench.explorerContextMenu('alice-again.jpg', ['BioPass ID', 'Verify…']);
    const again = await workbench.waitForInputBox('BioPass ID Verify: alice-again.jpg');
    await workbench.typeIntoInput(again, CUSTOM_ID);
    await workbench.acceptInput();
    await workbench.waitForNotification('CustomID not found');
    await workbench.waitForOutput('CustomID not found');
    await workbench.waitForNoNotification(PROGRESS);
    await shot('verify-after-delete');
  });

  it('a wrong key: Enroll… fails with an invalid-key error offering Set API Key; no key is ever logged', async () => {
    await workbench.clearNotifications();
    await workbench.runCommand('BioPass ID: Set API Key…');
    const keyInput = await workbench.waitForInputBox('subscription key for custom');
    assert.match(normaliseWhitespace((await workbench.quickInput().textContent()) ?? ''), /Current: ••••0001\./);
    await workbench.typeIntoInput(keyInput, WRONG_KEY);
    await workbench.acceptInput();
    await workbench.waitForNotification('BioPass ID key for custom saved (••••0009)');

    await workbench.clearNotifications();
    await workbench.explorerContextMenu('alice.jpg', ['BioPass ID', 'Enroll…']);
    const input = await workbench.waitForInputBox('BioPass ID Enroll: alice.jpg');
    assert.equal(await input.inputValue(), CUSTOM_ID, 'the CustomID last used with this image is proposed');
    await workbench.typeIntoInput(input, CUSTOM_ID);
    await workbench.acceptInput();
    const toast = await workbench.waitForNotification(/invalid subscription key/i);
    await toast.getByRole('button', { name: 'Set API Key', exact: true }).waitFor();
    await workbench.waitForOutput('Access denied due to invalid subscription key');
    await workbench.waitForNoNotification(PROGRESS);
    await shot('invalid-key');

    const output = await workbench.waitForOutput('••••0009');
    for (const text of [output, ...(await workbench.notificationTexts())]) {
      assert.ok(!text.includes(RIGHT_KEY), 'the right key is shown');
      assert.ok(!text.includes(WRONG_KEY), 'the wrong key is shown');
    }
    // The whole channel, not just the lines on screen: the extension's log file.
    const log = extensionLogText(workbench.userDataDir);
    assert.match(log, /Enrolled alice-0001 -> BioPassID/);
    assert.match(log, /••••0001/);
    assert.match(log, /••••0009/);
    assert.ok(!log.includes(RIGHT_KEY), 'the right key is in the log file');
    assert.ok(!log.includes(WRONG_KEY), 'the wrong key is in the log file');
  });

  it('"Set API Key" on the error: the right key again, and the enroll is retried and succeeds', async () => {
    const toast = await workbench.waitForNotification(/invalid subscription key/i);
    await workbench.clickNotificationButton(toast, 'Set API Key');
    const keyInput = await workbench.waitForInputBox('subscription key for custom');
    await workbench.typeIntoInput(keyInput, RIGHT_KEY);
    await workbench.acceptInput();
    await workbench.waitForNotification(`Enrolled ${CUSTOM_ID} -> BioPassID`);
    await workbench.waitForOutput(`Enrolled ${CUSTOM_ID} -> BioPassID`);
    await workbench.waitForNoNotification(PROGRESS);
    await shot('retried-enroll');
  });

  it('the sandbox saw exactly these requests, in order', () => {
    const seen = sandbox.requestLog.map((entry) =>
      [entry.method, entry.operation, entry.status, entry.customId ?? '-'].join(' '),
    );
    assert.deepEqual(seen, [
      'POST enroll 200 alice-0001',
      'POST verify 200 alice-0001',
      'POST verify 200 alice-0001',
      'DELETE delete 200 alice-0001',
      'POST verify 400 alice-0001',
      'POST enroll 401 -',
      'POST enroll 200 alice-0001',
    ]);
  });
});
