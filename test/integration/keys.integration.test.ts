import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/context';
import type { EnvironmentId } from '../../src/core/environments';
import { Redactor } from '../../src/core/redact';
import { SubscriptionKeyStore } from '../../src/services/subscriptionKeyStore';
import { activateExtension, waitFor } from '../support/extension';
import { FakeUser } from '../support/fakeUser';
import { resetSettings, setSetting, waitForOutput } from '../support/workbench';

const KEY = 'fake-key-for-tests-wxyz';
const KEY_ENVIRONMENTS: EnvironmentId[] = ['homologation', 'production', 'custom'];

function validate(options: vscode.InputBoxOptions, value: string): unknown {
  assert.ok(options.validateInput, 'the key prompt validates as the user types');
  return options.validateInput(value);
}

describe('subscription keys in SecretStorage (real extension host)', () => {
  let services: ExtensionServices;
  let user: FakeUser;

  beforeEach(async () => {
    services = await activateExtension();
    await resetSettings();
    user = new FakeUser(services.ui);
  });

  afterEach(async () => {
    user.restore();
    for (const environment of KEY_ENVIRONMENTS) await services.keys.clear(environment);
    await resetSettings();
  });

  /** The title of the status item's menu, which names the environment and the key state. */
  async function keyStatusTitle(): Promise<string> {
    user.answer({ quickPick: () => undefined });
    await vscode.commands.executeCommand('biopassid.showKeyStatus');
    const title = user.quickPicks.at(-1)?.options?.title;
    assert.ok(title, 'Show Key Status opens a titled quick pick');
    return title;
  }

  it('Set API Key… asks in a password box that refuses a blank key, stores it trimmed and shows only ••••wxyz', async () => {
    user.answer({ inputBox: () => `  ${KEY}  ` });
    await vscode.commands.executeCommand('biopassid.setApiKey');

    assert.equal(user.inputBoxes.length, 1);
    const [options] = user.inputBoxes;
    assert.ok(options);
    assert.equal(options.password, true, 'the key is never echoed while typed');
    assert.match(options.title ?? '', /homologation/);
    assert.equal(typeof validate(options, ''), 'string', 'an empty key is refused');
    assert.equal(typeof validate(options, '   '), 'string', 'a blank key is refused');
    assert.equal(validate(options, KEY), undefined);

    assert.deepEqual(await services.keys.get('homologation'), { key: KEY, source: 'secret-storage' });
    const saved = user.messagesOf('information').map((shown) => shown.message);
    assert.deepEqual(saved, ['BioPass ID key for homologation saved (••••wxyz).']);

    const output = await waitForOutput('Subscription key for homologation set: ••••wxyz');
    assert.ok(!output.includes(KEY), 'the output channel never shows the key');

    const title = await keyStatusTitle();
    assert.match(title, /homologation/);
    assert.match(title, /key ••••wxyz$/);
    assert.ok(!title.includes(KEY));
  });

  it('stores nothing when the key prompt is cancelled', async () => {
    user.answer({ inputBox: () => undefined });
    await vscode.commands.executeCommand('biopassid.setApiKey');
    assert.equal(user.inputBoxes.length, 1);
    assert.equal(await services.keys.get('homologation'), undefined);
    assert.deepEqual(user.messages, []);
  });

  it('keeps one key per environment: a key set on production is not used for homologation', async () => {
    await setSetting('environment', 'production');
    user.answer({ inputBox: () => KEY });
    await vscode.commands.executeCommand('biopassid.setApiKey');
    assert.match(user.inputBoxes[0]?.title ?? '', /production/);
    assert.equal((await services.keys.get('production'))?.key, KEY);
    assert.equal(await services.keys.get('homologation'), undefined);
    assert.match(await keyStatusTitle(), /production .*key ••••wxyz$/);
  });

  it('Clear API Key removes the stored key, the status then says "not set", and a second clear says none is stored', async () => {
    await services.keys.set('homologation', KEY);
    assert.match(await keyStatusTitle(), /key ••••wxyz$/);

    await vscode.commands.executeCommand('biopassid.clearApiKey');
    assert.equal(await services.keys.get('homologation'), undefined);
    assert.equal(user.messages.at(-1)?.message, 'BioPass ID key for homologation cleared.');
    assert.match(await keyStatusTitle(), /key not set$/);

    await vscode.commands.executeCommand('biopassid.clearApiKey');
    assert.equal(user.messages.at(-1)?.message, 'No stored key to clear for homologation: none is stored.');
  });

  it('asks for no key on the local sandbox, whose status says the key is not needed', async () => {
    await setSetting('environment', 'sandbox');
    await vscode.commands.executeCommand('biopassid.setApiKey');
    assert.deepEqual(user.inputBoxes, []);
    assert.match(user.messages.at(-1)?.message ?? '', /local sandbox needs no key/);
    assert.match(await keyStatusTitle(), /sandbox.*key not needed$/);
  });

  it('falls back to BIOPASSID_API_KEY when nothing is stored, and a stored key wins over it', async () => {
    const secrets = services.extensionContext.secrets;
    const redactor = new Redactor();
    const store = new SubscriptionKeyStore(secrets, redactor, { BIOPASSID_API_KEY: ' env-key-for-tests-abcd ' });
    try {
      const fromEnvironment = await store.get('custom');
      assert.deepEqual(fromEnvironment, { key: 'env-key-for-tests-abcd', source: 'environment-variable' });
      assert.equal(SubscriptionKeyStore.describe(fromEnvironment), '••••abcd (from BIOPASSID_API_KEY)');
      // A key once read is masked by every output sink from then on.
      assert.equal(redactor.text('http://h/env-key-for-tests-abcd/x'), 'http://h/••••abcd/x');

      await store.set('custom', KEY);
      const stored = await store.get('custom');
      assert.deepEqual(stored, { key: KEY, source: 'secret-storage' });
      assert.equal(SubscriptionKeyStore.describe(stored), '••••wxyz');

      await store.clear('custom');
      assert.equal((await store.get('custom'))?.source, 'environment-variable');
    } finally {
      store.dispose();
    }
    const blank = new SubscriptionKeyStore(secrets, new Redactor(), { BIOPASSID_API_KEY: '   ' });
    try {
      assert.equal(await blank.get('custom'), undefined, 'a blank variable is no key');
      assert.equal(SubscriptionKeyStore.describe(undefined), 'not set');
    } finally {
      blank.dispose();
    }
  });

  it('notices a key stored elsewhere (another window) through secrets.onDidChange, and the status follows', async () => {
    assert.match(await keyStatusTitle(), /key not set$/);
    let changes = 0;
    const listener = services.keys.onDidChange(() => changes++);
    try {
      // What another window's `Set API Key…` does: write the secret, not through this window's store.
      await services.extensionContext.secrets.store('biopassid.subscriptionKey.homologation', KEY);
      await waitFor('the key store to report the change', () => (changes > 0 ? true : undefined));
    } finally {
      listener.dispose();
    }
    assert.match(await keyStatusTitle(), /key ••••wxyz$/);
  });
});
