import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/context';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import type { Sandbox } from '../../src/core/sandbox';
import type { CallResult } from '../../src/run/call';
import { activateExtension } from '../support/extension';
import { FakeUser, pickItem } from '../support/fakeUser';
import {
  resetSettings,
  ScratchFolder,
  setSetting,
  unique,
  useCustomSandbox,
  waitForOutput,
} from '../support/workbench';

const CUSTOM_KEY = 'custom-sandbox-key-0001';
const PRODUCTION_KEY = 'fake-production-key-9876';

describe('environments (real extension host)', () => {
  let services: ExtensionServices;
  let user: FakeUser;
  let folder: ScratchFolder;
  let custom: Sandbox | undefined;

  beforeEach(async () => {
    services = await activateExtension();
    await resetSettings();
    user = new FakeUser(services.ui);
    folder = await ScratchFolder.create();
    custom = undefined;
  });

  afterEach(async () => {
    user.restore();
    await custom?.close();
    for (const environment of ['homologation', 'production', 'custom'] as const) await services.keys.clear(environment);
    await resetSettings();
    await folder.delete();
  });

  /** Nothing may leave the machine: a run that gets as far as the progress notification fails the test instead. */
  function refuseToSend(): void {
    user.answer({
      withProgress: () => Promise.reject(new Error('the test refuses to send this request')),
    });
  }

  describe('Select Environment…', () => {
    it('lists the four environments with each key state, marks the current one and switches to the pick', async () => {
      await services.keys.set('production', PRODUCTION_KEY);
      user.answer({ quickPick: pickItem('custom') });
      const picked = await vscode.commands.executeCommand('biopassid.selectEnvironment');

      assert.equal(picked, 'custom');
      assert.equal(services.config.environment, 'custom');
      const [shown] = user.quickPicks;
      assert.ok(shown);
      assert.deepEqual(
        shown.items.map((item) => item.label),
        ['homologation', 'production', 'custom', 'sandbox'],
      );
      const byLabel = new Map(shown.items.map((item) => [item.label, item]));
      assert.equal(byLabel.get('homologation')?.description, 'current');
      assert.match(byLabel.get('homologation')?.detail ?? '', /https:\/\/hml-api\.biopassid\.com.*key not set/);
      assert.match(byLabel.get('production')?.detail ?? '', /https:\/\/api\.biopassid\.com.*key ••••9876/);
      assert.match(byLabel.get('sandbox')?.detail ?? '', /no key needed/);
      assert.ok(!JSON.stringify(shown.items).includes(PRODUCTION_KEY));
      await waitForOutput('Environment: custom (not usable: The custom environment needs a base URL');
    });

    it('leaves the environment alone when the pick is dismissed', async () => {
      const picked = await vscode.commands.executeCommand('biopassid.selectEnvironment');
      assert.equal(picked, undefined);
      assert.equal(user.quickPicks.length, 1);
      assert.equal(services.config.environment, 'homologation');
    });
  });

  describe('a request without a key', () => {
    beforeEach(function () {
      // The fallback variable would provide a key; these tests are about having none.
      if (process.env.BIOPASSID_API_KEY) this.skip();
    });

    it('offers Set API Key or Use Local Sandbox; the sandbox switches the environment and the request goes there', async () => {
      custom = await useCustomSandbox([CUSTOM_KEY]);
      const local = await services.sandbox.start();
      local.reset();
      const image = await folder.write('face.jpg', sampleFaceJpeg(1));
      user.answer({
        message: (shown) => (shown.actions.includes('Use Local Sandbox') ? 'Use Local Sandbox' : undefined),
      });

      const results = (await vscode.commands.executeCommand('biopassid.detectFaces', image)) as CallResult[];

      const [warning] = user.messagesOf('warning');
      assert.equal(
        warning?.message,
        'No BioPass ID subscription key is set for custom (and BIOPASSID_API_KEY is not set).',
      );
      assert.deepEqual(warning?.actions, ['Set API Key', 'Use Local Sandbox']);
      assert.equal(services.config.environment, 'sandbox');
      assert.equal(results.length, 1);
      assert.equal(results[0]?.outcome.kind, 'success');
      assert.match(results[0]?.headline ?? '', /^Faces detected: 1/);
      assert.deepEqual(
        local.requestLog.map((entry) => [entry.operation, entry.status]),
        [['face_detect', 200]],
      );
      assert.deepEqual(custom.requestLog, [], 'nothing went to the environment without a key');
    });

    it('Set API Key asks for the key, stores it for the environment and sends with it', async () => {
      custom = await useCustomSandbox([CUSTOM_KEY]);
      const image = await folder.write('face.jpg', sampleFaceJpeg(2));
      user.answer({
        message: (shown) => (shown.actions.includes('Set API Key') ? 'Set API Key' : undefined),
        inputBox: () => CUSTOM_KEY,
      });

      const results = (await vscode.commands.executeCommand('biopassid.checkLiveness', image)) as CallResult[];

      assert.equal(user.inputBoxes[0]?.password, true);
      assert.equal((await services.keys.get('custom'))?.key, CUSTOM_KEY);
      assert.equal(results[0]?.headline, 'Liveness: live');
      assert.deepEqual(
        custom.requestLog.map((entry) => [entry.operation, entry.status]),
        [['liveness', 200]],
      );
    });

    it('sends nothing when the key question is dismissed', async () => {
      custom = await useCustomSandbox([CUSTOM_KEY]);
      const image = await folder.write('face.jpg', sampleFaceJpeg(3));
      const results = await vscode.commands.executeCommand('biopassid.detectFaces', image);
      assert.deepEqual(results, []);
      assert.equal(user.messagesOf('warning').length, 1);
      assert.equal(services.config.environment, 'custom');
      assert.deepEqual(user.progress, []);
      assert.deepEqual(custom.requestLog, []);
    });
  });

  describe('production', () => {
    beforeEach(async () => {
      await setSetting('environment', 'production');
      await services.keys.set('production', PRODUCTION_KEY);
      refuseToSend();
    });

    for (const command of ['enrollImage', 'updateImage'] as const) {
      it(`${command} asks a modal confirmation naming production and the CustomID; cancelling sends nothing`, async () => {
        const customId = unique('prod');
        const image = await folder.write('face.jpg', sampleFaceJpeg(4));
        const historyBefore = services.history.entries().length;
        user.answer({ inputBox: () => customId, confirm: () => undefined });

        const results = await vscode.commands.executeCommand(`biopassid.${command}`, image);

        assert.deepEqual(results, []);
        assert.equal(user.confirms.length, 1);
        const [confirm] = user.confirms;
        const title = command === 'enrollImage' ? 'Enroll' : 'Update';
        assert.equal(confirm?.message, `${title} "${customId}" on PRODUCTION?`);
        assert.match(confirm?.detail ?? '', /production environment \(https:\/\/api\.biopassid\.com\)/);
        assert.equal(confirm?.action, title);
        assert.deepEqual(user.progress, [], 'no request was started');
        assert.deepEqual(user.messagesOf('error'), []);
        assert.equal(services.history.entries().length, historyBefore);
      });
    }

    it('Delete Person… asks the production confirmation (not the ordinary one) and cancelling sends nothing', async () => {
      const customId = unique('prod');
      user.answer({ inputBox: () => customId, confirm: () => undefined });

      const results = await vscode.commands.executeCommand('biopassid.deletePerson');

      assert.deepEqual(results, []);
      assert.deepEqual(
        user.confirms.map((shown) => shown.message),
        [`Delete "${customId}" on PRODUCTION?`],
      );
      assert.match(user.confirms[0]?.detail ?? '', /delete real biometric records/);
      assert.deepEqual(user.progress, []);
    });
  });

  describe('settings', () => {
    it('refuses to send to a custom environment without a usable base URL, and says why', async () => {
      const image = await folder.write('face.jpg', sampleFaceJpeg(5));
      await setSetting('environment', 'custom');
      refuseToSend();

      assert.deepEqual(await vscode.commands.executeCommand('biopassid.detectFaces', image), []);
      await setSetting('customBaseUrl', 'ftp://127.0.0.1:21');
      assert.deepEqual(await vscode.commands.executeCommand('biopassid.detectFaces', image), []);

      assert.deepEqual(
        user.messagesOf('error').map((shown) => shown.message),
        [
          'The custom environment needs a base URL (setting biopassid.customBaseUrl).',
          'The custom base URL must use http or https, not ftp.',
        ],
      );
      assert.deepEqual(user.progress, []);
    });

    it('gives up after biopassid.requestTimeoutSeconds and offers Retry', async () => {
      custom = await useCustomSandbox([CUSTOM_KEY]);
      await services.keys.set('custom', CUSTOM_KEY);
      await setSetting('requestTimeoutSeconds', 1);
      custom.injectFault({ kind: 'latency', ms: 20_000, match: { operation: 'face_detect' } });
      const image = await folder.write('face.jpg', sampleFaceJpeg(6));

      const started = Date.now();
      const results = (await vscode.commands.executeCommand('biopassid.detectFaces', image)) as CallResult[];
      const elapsed = Date.now() - started;

      const outcome = results[0]?.outcome;
      assert.equal(outcome?.kind, 'network-error');
      assert.equal(outcome.kind === 'network-error' ? outcome.cause : undefined, 'timeout');
      assert.ok(elapsed >= 900 && elapsed < 10_000, `gave up after ${elapsed} ms, not at the 1 s timeout`);
      const [error] = user.messagesOf('error');
      assert.deepEqual(error?.actions, ['Retry', 'View Logs']);
    });
  });

  describe('Start / Stop Local Sandbox', () => {
    it('starts the sandbox on a free loopback port, switches to it, and stops it', async () => {
      await services.sandbox.stop();
      const url = await vscode.commands.executeCommand<string>('biopassid.startSandbox');

      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(services.sandbox.current?.url, url);
      assert.equal(services.config.environment, 'sandbox');
      assert.match(user.messages.at(-1)?.message ?? '', new RegExp(`local sandbox running on ${url}`));
      await waitForOutput(`Local sandbox listening on ${url}`);

      const image = await folder.write('face.jpg', sampleFaceJpeg(7));
      const results = (await vscode.commands.executeCommand('biopassid.checkLiveness', image)) as CallResult[];
      assert.equal(results[0]?.headline, 'Liveness: live');
      assert.equal(services.sandbox.current?.requestLog.length, 1);

      assert.equal(await vscode.commands.executeCommand('biopassid.stopSandbox'), true);
      assert.equal(services.sandbox.current, undefined);
      assert.equal(user.messages.at(-1)?.message, 'BioPass ID local sandbox stopped.');
      await assert.rejects(fetch(`${url}/`), 'nothing listens on the old port');

      assert.equal(await vscode.commands.executeCommand('biopassid.stopSandbox'), false);
      assert.equal(user.messages.at(-1)?.message, 'The BioPass ID local sandbox is not running.');
    });

    it('starts the stopped sandbox on the first request when the environment is sandbox', async () => {
      await services.sandbox.stop();
      await setSetting('environment', 'sandbox');
      const image = await folder.write('face.jpg', sampleFaceJpeg(8));

      const results = (await vscode.commands.executeCommand('biopassid.detectFaces', image)) as CallResult[];

      assert.equal(results[0]?.outcome.kind, 'success');
      assert.deepEqual(
        services.sandbox.current?.requestLog.map((entry) => entry.operation),
        ['face_detect'],
      );
    });
  });
});
