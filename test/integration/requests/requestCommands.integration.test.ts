import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../../src/context';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import type { Sandbox } from '../../../src/core/sandbox';
import type { CallResult } from '../../../src/run/call';
import { activateExtension } from '../../support/extension';
import { FakeUser } from '../../support/fakeUser';
import { resetSettings, ScratchFolder, unique, useExtensionSandbox } from '../../support/workbench';
import {
  closeAllEditors,
  encoder,
  longestBase64Run,
  OUR_SOURCE,
  openInEditor,
  positionIn,
  requestText,
  tabOf,
  waitForOurCode,
} from './helpers';

const DATA_PREFIX = 'data:image/jpeg;base64,';

describe('request files: commands (real extension host)', () => {
  let services: ExtensionServices;
  let user: FakeUser;
  let folder: ScratchFolder;

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

  describe('Send Request', () => {
    let sandbox: Sandbox;

    beforeEach(async () => {
      sandbox = await useExtensionSandbox(services);
    });

    it('sends a valid request with a $file face to the sandbox, reading the image only for the wire', async () => {
      const customId = unique('person');
      const image = sampleFaceJpeg(61);
      await folder.write('face.jpg', image);
      const request = await folder.write(
        `${customId}.biopass.json`,
        encoder.encode(requestText({ Person: { CustomID: customId, Face: [{ 'Face-1': { $file: './face.jpg' } }] } })),
      );
      const before = await vscode.workspace.fs.readFile(request);

      const results = await vscode.commands.executeCommand<CallResult[]>('biopassid.sendRequest', request, 'enroll');
      assert.equal(results.length, 1);
      const [enrolled] = results;
      assert.equal(enrolled?.outcome.kind, 'success', enrolled?.headline);
      assert.match(enrolled?.headline ?? '', new RegExp(`^Enrolled ${customId} -> BioPassID \\S+`));
      assert.deepEqual(
        sandbox.requestLog.map((entry) => [entry.operation, entry.customId, entry.status]),
        [['enroll', customId, 200]],
      );
      assert.ok((sandbox.requestLog[0]?.requestBytes ?? 0) > image.length, 'the image went over the wire');
      assert.ok(user.messagesOf('information').some((shown) => shown.message === enrolled?.headline));

      assert.deepEqual(await vscode.workspace.fs.readFile(request), before, 'the request file is unchanged on disk');
      const document = await vscode.workspace.openTextDocument(request);
      assert.ok(!document.isDirty && document.getText().includes('"$file": "./face.jpg"'));

      // The face that was read is the one enrolled: verifying the same file matches.
      const [verified] = await vscode.commands.executeCommand<CallResult[]>('biopassid.sendRequest', request, 'verify');
      assert.equal(verified?.headline, `Verify ${customId}: match (face matched; fingers not sent)`);
    });

    it('refuses a request with errors, says why and that nothing was sent, and lists them in Problems', async () => {
      const face = sampleFaceJpeg(62).toString('base64');
      const request = await folder.write(
        'broken.biopass.json',
        encoder.encode(requestText({ Person: { CustomID: 'broken', Face: [{ 'Face-1': `${DATA_PREFIX}${face}` }] } })),
      );
      await openInEditor(request);

      const result = await vscode.commands.executeCommand('biopassid.sendRequest', request, 'enroll');
      assert.equal(result, undefined);
      const [error] = user.messagesOf('error');
      assert.ok(error, 'an error notification');
      assert.match(
        error.message,
        /^broken\.biopass\.json has 1 problem the API would reject \(first: .*data URI prefix/,
      );
      assert.match(error.message, /Nothing was sent\.$/);
      assert.deepEqual(error.actions, ['Show Problems']);
      assert.deepEqual(sandbox.requestLog, [], 'the sandbox saw no request');
      const problem = await waitForOurCode(request, 'base64-data-uri');
      assert.equal(problem.source, OUR_SOURCE);
    });

    it('refuses a $file outside the workspace before sending', async () => {
      const request = await folder.write(
        'escape.biopass.json',
        encoder.encode(requestText({ Person: { CustomID: 'escape', Face: [{ 'Face-1': { $file: '/etc/hosts' } }] } })),
      );
      await openInEditor(request);
      const result = await vscode.commands.executeCommand('biopassid.sendRequest', request, 'enroll');
      assert.equal(result, undefined);
      assert.match(user.messagesOf('error')[0]?.message ?? '', /outside the workspace folder.*Nothing was sent\./);
      assert.deepEqual(sandbox.requestLog, []);
    });
  });

  describe('New Request…', () => {
    it('opens an untitled request-N.verify.biopass.json in the workspace folder, a Person request ready to fill', async () => {
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('biopassid.newRequest', 'verify');
      const { document } = editor;
      const name = posix.basename(document.uri.path);
      assert.equal(document.uri.scheme, 'untitled');
      assert.match(name, /^request-\d+\.verify\.biopass\.json$/);
      const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
      assert.equal(posix.dirname(document.uri.path), workspace?.path);
      assert.equal(document.languageId, 'json');
      assert.equal(vscode.window.activeTextEditor?.document, document);
      assert.equal(tabOf(document.uri)?.label, name);

      // The verify snippet, placeholders filled with their defaults; "$file" is a key, not a snippet variable.
      assert.deepEqual(JSON.parse(document.getText()), {
        Person: { CustomID: '1234', Face: [{ 'Face-1': { $file: './face.jpg' } }] },
      });
      assert.equal(editor.document.getText(editor.selection), '1234', 'the CustomID placeholder is selected first');

      // A second one, while the first is open, gets the next free name.
      const second = await vscode.commands.executeCommand<vscode.TextEditor>('biopassid.newRequest', 'verify');
      assert.notEqual(posix.basename(second.document.uri.path), name);
      assert.match(posix.basename(second.document.uri.path), /^request-\d+\.verify\.biopass\.json$/);
    });
  });

  describe('Insert Image as Base64…', () => {
    it('puts the raw base64 (no data: prefix) between the quotes at the cursor', async () => {
      const image = sampleFaceJpeg(63);
      const picked = await folder.write('picked.jpg', image);
      const request = await folder.write(
        'grace.enroll.biopass.json',
        encoder.encode(requestText({ Person: { CustomID: 'grace', Face: [{ 'Face-1': '' }] } })),
      );
      const editor = await openInEditor(request);
      const cursor = positionIn(editor.document, '"Face-1": ""', '"Face-1": "'.length);
      editor.selection = new vscode.Selection(cursor, cursor);
      user.answer({ openDialog: () => [picked] });

      assert.equal(await vscode.commands.executeCommand('biopassid.insertImageBase64'), true);
      assert.equal(user.openDialogs.length, 1);
      const body = JSON.parse(editor.document.getText()) as { Person: { Face: { 'Face-1': string }[] } };
      assert.equal(body.Person.Face[0]?.['Face-1'], image.toString('base64'));
      assert.ok(!editor.document.getText().includes('data:'));
    });

    it('writes a JSON string where the cursor is not inside one', async () => {
      const picked = await folder.write('picked.jpg', sampleFaceJpeg(64));
      const request = await folder.write(
        'heidi.enroll.biopass.json',
        encoder.encode('{\n  "Person": {\n    "CustomID": "heidi",\n    "Face": [ { "Face-1":  } ]\n  }\n}\n'),
      );
      const editor = await openInEditor(request);
      const cursor = positionIn(editor.document, '"Face-1":  }', '"Face-1": '.length);
      editor.selection = new vscode.Selection(cursor, cursor);
      user.answer({ openDialog: () => [picked] });

      assert.equal(await vscode.commands.executeCommand('biopassid.insertImageBase64'), true);
      const body = JSON.parse(editor.document.getText()) as { Person: { Face: { 'Face-1': string }[] } };
      assert.equal(body.Person.Face[0]?.['Face-1'], sampleFaceJpeg(64).toString('base64'));
    });

    it('inserts nothing when the file picker is dismissed', async () => {
      const request = await folder.write(
        'ivan.enroll.biopass.json',
        encoder.encode(requestText({ Person: { CustomID: 'ivan', Face: [{ 'Face-1': '' }] } })),
      );
      const editor = await openInEditor(request);
      const before = editor.document.getText();
      assert.equal(await vscode.commands.executeCommand('biopassid.insertImageBase64'), false);
      assert.equal(editor.document.getText(), before);
      assert.ok(!editor.document.isDirty);
    });
  });

  describe('Copy Request as Code', () => {
    it('copies Python http.client code that reads the key from BIOPASSID_API_KEY and pastes no image', async () => {
      const sandbox = await useExtensionSandbox(services);
      const face = sampleFaceJpeg(65).toString('base64');
      const request = await folder.write(
        'judy.enroll.biopass.json',
        encoder.encode(requestText({ Person: { CustomID: 'judy', Face: [{ 'Face-1': face }] } })),
      );
      await openInEditor(request);

      const code = await vscode.commands.executeCommand<string>('biopassid.copyRequestAsCode', 'python');
      assert.ok(code.includes('http.client'));
      assert.ok(code.includes('BIOPASSID_API_KEY'));
      assert.ok(code.includes('/multibiometrics/enroll'));
      assert.ok(
        code.includes(`"${new URL(sandbox.url).hostname}", ${new URL(sandbox.url).port}`),
        'sent to the sandbox',
      );
      assert.ok(!code.includes(sandbox.key), 'the key itself is never in the code');
      assert.ok(longestBase64Run(code) <= 120, `a base64 run of ${longestBase64Run(code)} characters`);
      assert.equal(await vscode.env.clipboard.readText(), code, 'the code is on the clipboard');
      assert.ok(user.messagesOf('information').some((shown) => /BIOPASSID_API_KEY/.test(shown.message)));
      assert.deepEqual(sandbox.requestLog, [], 'copying sends nothing');
    });
  });
});
