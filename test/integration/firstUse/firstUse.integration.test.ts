import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WALKTHROUGH_ID } from '../../../src/commands/getStarted';
import type { ExtensionServices } from '../../../src/context';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import type { Sandbox } from '../../../src/core/sandbox';
import type { CallResult } from '../../../src/run/call';
import { activateExtension, EXTENSION_ID } from '../../support/extension';
import { FakeUser } from '../../support/fakeUser';
import { resetSettings, ScratchFolder, unique, useExtensionSandbox } from '../../support/workbench';
import { closeAllEditors, encoder, openInEditor, requestText } from '../requests/helpers';

interface Walkthrough {
  id: string;
  steps: {
    id: string;
    title: string;
    description: string;
    media: { markdown?: string; image?: string };
    completionEvents: string[];
  }[];
}
interface Keybinding {
  command: string;
  key: string;
  mac?: string;
  when?: string;
}

const KEY = 'first-use-test-key-0123456789';

describe('first use: walkthrough, keybindings, Paste cURL (real extension host)', () => {
  let services: ExtensionServices;
  let user: FakeUser;
  let folder: ScratchFolder;
  const extension = () => vscode.extensions.getExtension(EXTENSION_ID) as vscode.Extension<unknown>;
  const contributes = () => extension().packageJSON.contributes;

  beforeEach(async () => {
    services = await activateExtension();
    user = new FakeUser(services.ui);
    folder = await ScratchFolder.create();
  });

  afterEach(async () => {
    user.restore();
    await closeAllEditors();
    await resetSettings();
    await folder.delete();
  });

  it('the walkthrough has its steps, each with media that ships and completion events on real commands and settings', async () => {
    const [walkthrough, ...others] = contributes().walkthroughs as Walkthrough[];
    assert.equal(others.length, 0);
    assert.equal(`${EXTENSION_ID}#${walkthrough?.id}`, WALKTHROUGH_ID);
    assert.deepEqual(
      walkthrough?.steps.map((step) => step.id),
      ['chooseEnvironment', 'setKey', 'enroll', 'verify', 'createRequest', 'runScenario'],
    );
    const commands = new Set(await vscode.commands.getCommands(true));
    const settings = Object.keys(contributes().configuration.properties);
    for (const step of walkthrough?.steps ?? []) {
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media, `${step.id} has media`);
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension().extensionUri, media));
      assert.ok(bytes.length > 100, `${media} ships with the extension`);
      assert.ok(step.completionEvents.length > 0, `${step.id} has a completion event`);
      for (const event of step.completionEvents) {
        const [kind, name] = event.split(/:(.*)/s) as [string, string];
        if (kind === 'onCommand') assert.ok(commands.has(name), `${step.id}: ${name} is a command`);
        else if (kind === 'onSettingChanged') assert.ok(settings.includes(name), `${step.id}: ${name} is a setting`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
      // The buttons in a step's description run real commands too.
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(commands.has(command as string), `${step.id}: the button runs ${command}`);
      }
    }
  });

  it('Get Started opens the walkthrough in an editor', async () => {
    await vscode.commands.executeCommand('biopassid.getStarted');
    const opened = await new Promise<string | undefined>((resolve) => {
      const started = Date.now();
      const poll = () => {
        const label = vscode.window.tabGroups.activeTabGroup.activeTab?.label;
        if (label || Date.now() - started > 10_000) resolve(label);
        else setTimeout(poll, 100);
      };
      poll();
    });
    assert.match(opened ?? '', /Welcome|Walkthrough|Get Started/i);
  });

  describe('keybindings', () => {
    let sandbox: Sandbox;
    beforeEach(async () => {
      sandbox = await useExtensionSandbox(services);
    });

    it('Send Request is bound only in a focused request file, not on REST Client Ctrl+Alt+R, and sends the file in the editor', async () => {
      const bindings = contributes().keybindings as Keybinding[];
      const send = bindings.find((binding) => binding.command === 'biopassid.sendRequest');
      assert.deepEqual([send?.key, send?.mac], ['ctrl+alt+enter', 'cmd+alt+enter']);
      assert.ok(
        bindings.every((binding) => !/^(ctrl|cmd)\+alt\+[rehclk]$/.test(binding.key)),
        'no REST Client key',
      );
      assert.match(send?.when ?? '', /^editorTextFocus && resourceFilename =~ /);
      const pattern = /resourceFilename =~ \/(.+)\/$/.exec(send?.when ?? '')?.[1] ?? '';
      const matches = (name: string) => new RegExp(pattern).test(name);
      assert.deepEqual(
        ['alice.enroll.biopass.json', 'x.biopass.json', 'package.json', 'alice.biopass-test.json'].map(matches),
        [true, true, false, false],
      );
      const select = bindings.find((binding) => binding.command === 'biopassid.selectEnvironment');
      assert.ok(select?.key, 'Select Environment has a key');

      // What the key runs: the command on the request file in the focused editor.
      const customId = unique('keyed');
      await folder.write('face.jpg', sampleFaceJpeg(71));
      const request = await folder.write(
        `${customId}.enroll.biopass.json`,
        encoder.encode(requestText({ Person: { CustomID: customId, Face: [{ 'Face-1': { $file: './face.jpg' } }] } })),
      );
      await openInEditor(request);
      const [result] = (await vscode.commands.executeCommand<CallResult[]>(send?.command ?? '')) ?? [];
      assert.equal(result?.outcome.kind, 'success', result?.headline);
      assert.deepEqual(
        sandbox.requestLog.map((entry) => [entry.operation, entry.customId]),
        [['enroll', customId]],
      );
    });

    it('the image-actions submenu has an icon, and request files get Send in the editor title run group', () => {
      const submenu = (contributes().submenus as { id: string; icon?: string }[]).find(
        (entry) => entry.id === 'biopassid.imageActions',
      );
      assert.match(submenu?.icon ?? '', /^\$\([a-z-]+\)$/);
      const run = contributes().menus['editor/title/run'] as { command: string; when: string }[];
      assert.ok(run.some((entry) => entry.command === 'biopassid.sendRequest' && entry.when.includes('biopass')));
      const sendCommand = (contributes().commands as { command: string; icon?: string }[]).find(
        (entry) => entry.command === 'biopassid.sendRequest',
      );
      assert.ok(sendCommand?.icon, 'Send Request has an icon for the title bar');
    });
  });

  describe('Paste cURL as Request File', () => {
    const face = sampleFaceJpeg(73);
    const curl = (customId: string) =>
      [
        `curl --location --request POST 'https://hml-api.biopassid.com/multibiometrics/enroll' \\`,
        `--header 'Content-Type: application/json' \\`,
        `--header 'Ocp-Apim-Subscription-Key: ${KEY}' \\`,
        `--data-raw '{"Person":{"CustomID":"${customId}","Face":[{"Face-1":"${face.toString('base64')}"}]}}'`,
      ].join('\n');

    it('writes the request file where the user saves it, the image next to it, no key in it, and opens it', async () => {
      const customId = unique('pasted');
      await vscode.env.clipboard.writeText(curl(customId));
      const target = vscode.Uri.joinPath(folder.uri, 'mine.enroll.biopass.json');
      user.answer({ saveDialog: () => target });
      const written = await vscode.commands.executeCommand<vscode.Uri>('biopassid.pasteCurl');
      assert.equal(written?.toString(), target.toString());
      assert.match(user.saveDialogs[0]?.defaultUri?.path ?? '', new RegExp(`/${customId}\\.enroll\\.biopass\\.json$`));
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.ok(!text.includes(KEY), 'no key in the file');
      assert.deepEqual(JSON.parse(text).Person, {
        CustomID: customId,
        Face: [{ 'Face-1': { $file: `./${customId}.enroll.face-1.jpg` } }],
      });
      const image = await vscode.workspace.fs.readFile(
        vscode.Uri.joinPath(folder.uri, `${customId}.enroll.face-1.jpg`),
      );
      assert.ok(Buffer.from(image).equals(face), 'the image is the one pasted');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString());
      const shown = user.messagesOf('information').map((message) => message.message);
      assert.ok(
        shown.some((message) => /written\. The Ocp-Apim-Subscription-Key header was not written/.test(message)),
      );
      assert.ok(shown.every((message) => !message.includes(KEY)));
    });

    it('an unknown host is offered as the custom environment, with the gateway prefix in its base URL', async () => {
      await vscode.env.clipboard.writeText(
        `curl -X POST 'https://gateway.example.test/bio/quality/check_icao' -H 'Ocp-Apim-Subscription-Key: ${KEY}' -d '{"Check":{"Image":"${face.toString('base64')}"}}'`,
      );
      const target = vscode.Uri.joinPath(folder.uri, 'icao.check_icao.biopass.json');
      user.answer({
        saveDialog: () => target,
        message: (shown) =>
          shown.actions.includes('Use as Custom Environment') ? 'Use as Custom Environment' : undefined,
      });
      assert.ok(await vscode.commands.executeCommand('biopassid.pasteCurl'));
      const offer = user.messagesOf('information').find((shown) => shown.actions.includes('Use as Custom Environment'));
      assert.match(offer?.message ?? '', /https:\/\/gateway\.example\.test\/bio is not homologation or production/);
      assert.equal(services.config.environment, 'custom');
      assert.equal(services.config.customBaseUrl, 'https://gateway.example.test/bio');
      assert.deepEqual(JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))).Check, {
        Image: { $file: './check_icao.image.jpg' },
      });
    });

    it('bad input: a clear message, no save dialog, nothing written', async () => {
      for (const [text, expected] of [
        ['npm install biopassid', /This is not a curl command/],
        [`curl https://hml-api.biopassid.com/multibiometrics/enroll -d '{"Person":'`, /The body is not JSON/],
        [`curl "https://hml-api.biopassid.com/multibiometrics/enroll -d '{}'`, /double quote that is never closed/],
        [`curl https://hml-api.biopassid.com/multibiometrics/people -d '{}'`, /not a BioPass ID operation/],
      ] as const) {
        await vscode.env.clipboard.writeText(text);
        assert.equal(await vscode.commands.executeCommand('biopassid.pasteCurl'), undefined);
        const last = user.messagesOf('error').at(-1)?.message ?? '';
        assert.match(last, expected);
        assert.match(last, /Nothing was written\.$/);
      }
      assert.equal(user.saveDialogs.length, 0);
      assert.deepEqual(await vscode.workspace.fs.readDirectory(folder.uri), []);
    });
  });
});
