import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { CommandName } from '../../src/commands';
import type { ExtensionServices } from '../../src/context';
import { type Sandbox, startSandbox } from '../../src/core/sandbox';
import type { CallResult } from '../../src/run/call';
import { historyEntryUri } from '../../src/services/historyDocuments';
import { activateExtension, EXTENSION_ID } from '../support/extension';
import { ECHO_REPLIES, EchoServer, SANDBOX_FAILURES } from '../support/failureModes';
import { FakeUser, pickItem } from '../support/fakeUser';
import { type CanarySet, LeakScanner, makeCanaries } from '../support/leakScan';
import {
  outputDocument,
  resetSettings,
  ScratchFolder,
  setSetting,
  unique,
  useCustomSandbox,
  waitForOutput,
} from '../support/workbench';
import { closedPort } from '../unit/core/http/loopback';
import { closeAllEditors, encoder, openInEditor, positionIn, requestText } from './requests/helpers';

/** How the sweep drives one contributed command. */
interface Step {
  /** It sends requests, so it meets every failure mode too; it returns their results. */
  readonly sends?: boolean;
  run(): Promise<unknown>;
}

function callResults(value: unknown): CallResult[] {
  if (!Array.isArray(value)) return [];
  return value
    .flat()
    .filter((item): item is CallResult => typeof item === 'object' && item !== null && 'outcome' in item);
}

function kindsOf(results: readonly CallResult[]): string[] {
  return [...new Set(results.map((result) => result.outcome.kind))];
}

describe('canary sweep: the key and the images leak nowhere (real extension host)', function () {
  // Every command, times every failure mode: one long run.
  this.timeout(300_000);

  let services: ExtensionServices;
  let user: FakeUser;
  let folder: ScratchFolder;
  let sandbox: Sandbox;
  let canaries: CanarySet;
  let startedAt: number;
  const faceId = unique('canary-face');
  const fingerId = unique('canary-finger');
  const fileId = unique('canary-file');
  /** Files holding the canaries on purpose: the images, and request files the user put base64 into. */
  const intentional = new Set<string>();
  const generatedCode: string[] = [];
  const otherServers: { close(): Promise<void> }[] = [];
  let face: vscode.Uri;
  /** A folder of one person for the bulk commands. */
  let bulkPeople: vscode.Uri;
  let print: vscode.Uri;
  let fileRequest: vscode.Uri;
  let typedRequest: vscode.Uri;
  let insertTarget: vscode.Uri;
  let scenario: vscode.Uri;

  before(async () => {
    // Files modified within the last second count as new: some file systems keep whole seconds.
    startedAt = Date.now() - 1_000;
    canaries = makeCanaries();
    services = await activateExtension();
    await resetSettings();
    await closeAllEditors();
    folder = await ScratchFolder.create();
    face = await folder.write('canary-face.jpg', canaries.face);
    print = await folder.write('canary-print.tif', canaries.fingerprint);
    const bulkFace = await folder.write('bulk-people/canary-bulk.jpg', canaries.face);
    bulkPeople = vscode.Uri.joinPath(folder.uri, 'bulk-people');
    intentional.add(bulkFace.fsPath);
    fileRequest = await folder.write(
      'canary.enroll.biopass.json',
      encoder.encode(
        requestText({ Person: { CustomID: fileId, Face: [{ 'Face-1': { $file: './canary-face.jpg' } }] } }),
      ),
    );
    typedRequest = await folder.write(
      'typed.liveness.biopass.json',
      encoder.encode(requestText({ Spoof: { Image: canaries.face.toString('base64') } })),
    );
    insertTarget = await folder.write(
      'insert.enroll.biopass.json',
      encoder.encode(requestText({ Person: { CustomID: 'insert-here', Face: [{ 'Face-1': '' }] } })),
    );
    // Its second step fails (the same face matches), so its report carries a failure message too.
    scenario = await folder.write(
      'canary.biopass-test.json',
      encoder.encode(
        requestText({
          steps: [
            { name: 'enroll', request: 'canary.enroll.biopass.json', with: { Person: { CustomID: `${fileId}-s` } } },
            {
              name: 'verify',
              operation: 'verify',
              body: { Person: { CustomID: `${fileId}-s`, Face: [{ 'Face-1': { $file: './canary-face.jpg' } }] } },
              expect: { verdict: 'no match' },
            },
          ],
          teardown: [{ name: 'delete', operation: 'delete', body: { Person: { CustomID: `${fileId}-s` } } }],
        }),
      ),
    );
    // Insert Image as Base64 writes the face into insertTarget on purpose (the web workbench
    // saves edits after a second by default): a request file holding base64 the user asked for.
    for (const uri of [face, print, typedRequest, insertTarget]) intentional.add(uri.fsPath);

    user = new FakeUser(services.ui, {
      inputBox: (options) => {
        if (options.password) return canaries.key;
        return options.title?.includes('canary-print') ? fingerId : faceId;
      },
      quickPick: (items, options) => {
        const title = options?.title ?? '';
        if (title.startsWith('Which finger')) return pickItem('Finger-2')(items);
        if (title === 'BioPass ID environment') return pickItem('custom')(items);
        if (title === 'BioPass ID history') return items[0];
        return undefined;
      },
      confirm: (shown) => shown.action,
      openDialog: () => [face],
    });

    // The key goes in as a person would set it: the Set API Key command and its password box.
    sandbox = await useCustomSandbox([canaries.key]);
    await vscode.commands.executeCommand('biopassid.setApiKey');
    assert.equal((await services.keys.get('custom'))?.key, canaries.key, 'Set API Key stored the canary');
    assert.equal(user.inputBoxes.at(-1)?.password, true);
  });

  after(async () => {
    user?.restore();
    await closeAllEditors();
    await sandbox?.close();
    for (const server of otherServers) await server.close();
    await services?.keys.clear('custom');
    await services?.history.clear();
    await resetSettings();
    await folder?.delete();
  });

  async function run(name: CommandName, ...args: unknown[]): Promise<unknown> {
    return vscode.commands.executeCommand(`biopassid.${name}`, ...args);
  }

  /** Every contributed command, declared here so a new one cannot be left out (see the first test). */
  const STEPS: Record<CommandName, Step> = {
    clearHistory: { run: () => run('clearHistory') },
    showOutput: { run: () => run('showOutput') },
    setApiKey: { run: () => run('setApiKey') },
    showKeyStatus: { run: () => run('showKeyStatus') },
    selectEnvironment: { run: () => run('selectEnvironment') },
    enrollImage: { sends: true, run: () => run('enrollImage', face) },
    verifyImage: { sends: true, run: () => run('verifyImage', face) },
    updateImage: { sends: true, run: () => run('updateImage', face) },
    enrollFinger: { sends: true, run: () => run('enrollFinger', print) },
    verifyFinger: { sends: true, run: () => run('verifyFinger', print) },
    checkLiveness: { sends: true, run: () => run('checkLiveness', face) },
    detectFaces: { sends: true, run: () => run('detectFaces', face) },
    checkIcao: { sends: true, run: () => run('checkIcao', face) },
    cropIcao: { sends: true, run: () => run('cropIcao', face) },
    anonymizeFace: { sends: true, run: () => run('anonymizeFace', face) },
    checkNfiq: { sends: true, run: () => run('checkNfiq', print) },
    sendRequest: {
      sends: true,
      run: async () => [await run('sendRequest', fileRequest, 'enroll'), await run('sendRequest', typedRequest)],
    },
    deletePerson: { sends: true, run: () => run('deletePerson', faceId) },
    enrollFolder: { run: () => run('enrollFolder', bulkPeople) },
    updateFolder: { run: () => run('updateFolder', bulkPeople) },
    deleteFolder: { run: () => run('deleteFolder', bulkPeople) },
    newRequest: {
      run: async () => {
        await run('newRequest', 'enroll');
        await closeAllEditors();
      },
    },
    insertImageBase64: {
      run: async () => {
        const editor = await openInEditor(insertTarget);
        const cursor = positionIn(editor.document, '"Face-1": ""', '"Face-1": "'.length);
        editor.selection = new vscode.Selection(cursor, cursor);
        assert.equal(await run('insertImageBase64'), true);
        // The canary is where the user asked for it, in the editor: the scanner recognises it there.
        assert.ok(new LeakScanner(canaries.canaries).find(editor.document.getText()), 'inserted as base64');
        await closeAllEditors();
      },
    },
    copyRequestAsCode: {
      run: async () => {
        for (const request of [fileRequest, typedRequest]) {
          await openInEditor(request);
          for (const language of ['python', 'curl', 'typescript']) {
            const code = await run('copyRequestAsCode', language);
            assert.equal(typeof code, 'string', `Copy Request as Code (${language}) produced code`);
            generatedCode.push(code as string);
          }
        }
        await closeAllEditors();
      },
    },
    showHistory: {
      run: async () => {
        await run('showHistory');
        await closeAllEditors();
      },
    },
    openHistoryEntry: {
      run: async () => {
        const [entry] = services.history.entries();
        assert.ok(entry, 'a history entry to open');
        assert.ok(await run('openHistoryEntry', entry.id));
        await closeAllEditors();
      },
    },
    clearApiKey: {
      run: async () => {
        await run('clearApiKey');
        assert.equal(await services.keys.get('custom'), undefined);
        await run('setApiKey');
        assert.equal((await services.keys.get('custom'))?.key, canaries.key);
      },
    },
    startSandbox: { run: () => run('startSandbox') },
    runScenario: { run: () => run('runScenario', scenario) },
    getStarted: { run: () => run('getStarted') },
    pasteCurl: {
      run: async () => {
        // A curl line holding the canary key and face: the request file holds neither (the face
        // goes to its own file next to it, the user's image), and nothing shown quotes them.
        const body = {
          Person: { CustomID: unique('canary-curl'), Face: [{ 'Face-1': canaries.face.toString('base64') }] },
        };
        await vscode.env.clipboard.writeText(
          `curl --location 'https://hml-api.biopassid.com/multibiometrics/enroll' \\\n  -H 'Ocp-Apim-Subscription-Key: ${canaries.key}' \\\n  --data-raw '${JSON.stringify(body)}'`,
        );
        const target = vscode.Uri.joinPath(folder.uri, 'pasted.enroll.biopass.json');
        user.answer({ saveDialog: () => target });
        assert.ok(await run('pasteCurl'));
        intentional.add(vscode.Uri.joinPath(folder.uri, `${body.Person.CustomID}.enroll.face-1.jpg`).fsPath);
        await closeAllEditors();
      },
    },
    stopSandbox: {
      run: async () => {
        await run('stopSandbox');
        await setSetting('environment', 'custom');
      },
    },
    evaluateAccuracy: { run: async () => assert.ok(await run('evaluateAccuracy', await canaryPeople())) },
    qualityReport: { run: async () => assert.ok(await run('qualityReport', await canaryPeople())) },
    saveReport: {
      run: async () => {
        user.answer({ saveDialog: () => vscode.Uri.joinPath(folder.uri, 'saved-report.html') });
        assert.ok(await run('saveReport'));
        await closeAllEditors();
      },
    },
    openResponseJson: {
      run: async () => {
        const [result] = callResults(await run('anonymizeFace', face));
        const document = (await run('openResponseJson', result)) as vscode.TextDocument | undefined;
        assert.match(document?.getText() ?? '', /<(jpeg|png) \d+ KB sha256:/);
        await closeAllEditors();
      },
    },
    saveResponse: {
      run: async () => {
        const [result] = callResults(await run('cropIcao', face));
        const apis = services.panels.apis;
        const realDialog = apis.showSaveDialog;
        apis.showSaveDialog = async () => vscode.Uri.joinPath(folder.uri, 'saved-response.json');
        try {
          assert.ok(await run('saveResponse', result, 'described'));
        } finally {
          apis.showSaveDialog = realDialog;
        }
      },
    },
    openHistoryResult: {
      run: async () => assert.ok(await run('openHistoryResult', services.history.entries()[0]?.id)),
    },
    resendHistoryEntry: { run: () => run('resendHistoryEntry', services.history.entries()[0]?.id) },
    verifyListedPerson: { sends: true, run: () => run('verifyListedPerson', fileId, face) },
    deleteListedPerson: { run: () => run('deleteListedPerson', `person:custom:${unique('gone')}`) },
    copyCustomId: { run: async () => assert.equal(await run('copyCustomId', faceId), faceId) },
    openSampleFace: {
      run: async () => {
        await run('openSampleFace');
        await closeAllEditors();
      },
    },
  };

  /** A labelled folder of the canary face (two persons), for the accuracy and quality reports. */
  async function canaryPeople(): Promise<vscode.Uri> {
    for (const name of ['people/a/1.jpg', 'people/a/2.jpg', 'people/b/1.jpg']) {
      intentional.add((await folder.write(name, canaries.face)).fsPath);
    }
    return vscode.Uri.joinPath(folder.uri, 'people');
  }

  const sendingSteps = () => (Object.keys(STEPS) as CommandName[]).filter((name) => STEPS[name].sends);

  /**
   * Runs every sending step once, all at the same time (as a person clicking fast would, and so a
   * timeout costs one second, not one per command), and returns the kinds of outcome of each.
   */
  async function sendEverything(): Promise<Record<string, string[]>> {
    const names = sendingSteps();
    const values = await Promise.all(names.map((name) => STEPS[name].run()));
    return Object.fromEntries(names.map((name, index) => [name, kindsOf(callResults(values[index]))]));
  }

  function expectEverywhere(kind: string): Record<string, string[]> {
    return Object.fromEntries(sendingSteps().map((name) => [name, [kind]]));
  }

  /** Reads every place a key or an image could end up, and returns what it found where. */
  async function sweep(): Promise<LeakScanner> {
    const scanner = new LeakScanner(canaries.canaries);
    const { globalState, workspaceState, globalStorageUri, storageUri, logUri } = services.extensionContext;

    scanner.scanText('the BioPass ID output channel', (await outputDocument()).getText());
    scanner.scanText('notifications', JSON.stringify(user.messages));
    scanner.scanText(
      'input boxes, quick picks, confirmations and progress titles',
      JSON.stringify([user.inputBoxes, user.quickPicks, user.confirms, user.progress]),
    );
    const entries = services.history.entries();
    scanner.scanText('the history entries', JSON.stringify(entries));
    for (const entry of entries)
      scanner.scanText(`the history block of ${entry.id}`, services.history.logBlock(entry.id) ?? '');
    for (const entry of entries.slice(0, 3)) {
      const document = await vscode.workspace.openTextDocument(historyEntryUri(entry.id));
      scanner.scanText(`the history document ${document.uri.toString()}`, document.getText());
    }
    for (const [name, state] of [
      ['globalState', globalState],
      ['workspaceState', workspaceState],
    ] as const) {
      scanner.scanText(`the extension's ${name}`, JSON.stringify(state.keys().map((key) => [key, state.get(key)])));
    }
    scanner.scanText('the code Copy Request as Code generated', generatedCode.join('\n'));
    scanner.scanText('the clipboard', await vscode.env.clipboard.readText());
    scanner.scanText(
      'diagnostics (Problems panel)',
      JSON.stringify(
        vscode.languages.getDiagnostics().map(([uri, list]) => [uri.toString(), list.map((d) => d.message)]),
      ),
    );
    // Open documents that are not a file as it is on disk (files are read from disk below):
    // untitled and unsaved editors, history entries, output channels.
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === 'file' && !document.isDirty) continue;
      if (!intentional.has(document.uri.fsPath)) {
        scanner.scanText(`the open document ${document.uri.toString()}`, document.getText());
      }
    }
    scanner.scanText('the sandbox request log', JSON.stringify(sandbox.requestLog));

    // Files: user settings, the workspace (its .vscode/settings.json too), the extension's own
    // folders, and whatever was written to the temp folder since the suite started.
    const userSettings = join(dirname(dirname(globalStorageUri.fsPath)), 'settings.json');
    scanner.scanFile(userSettings);
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'the tests run in a folder workspace');
    scanner.scanTree(workspace, { exclude: (path) => intentional.has(path) });
    for (const uri of [globalStorageUri, storageUri, logUri]) if (uri) scanner.scanTree(uri.fsPath);
    scanner.scanTree(tmpdir(), { since: startedAt, exclude: (path) => intentional.has(path) });

    assert.ok(scanner.scanned.includes(userSettings), `read the user settings at ${userSettings}`);
    assert.ok(
      scanner.scanned.some((path) => path.startsWith(logUri.fsPath) && path.endsWith('.log')),
      `read the output channel's log file under ${logUri.fsPath}`,
    );
    const temp = scanner.scanned.filter((place) => place.startsWith(tmpdir())).length;
    console.log(`[leak sweep] read ${scanner.scanned.length} places, ${temp} of them new files in ${tmpdir()}`);
    for (const skipped of scanner.skipped) console.log(`[leak sweep] not read: ${skipped}`);
    return scanner;
  }

  async function assertNothingLeaked(): Promise<void> {
    const scanner = await sweep();
    assert.deepEqual(scanner.report(), [], 'the canary key or image was found');
  }

  it('drives every contributed command with the canary key and images, and neither appears anywhere', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map(
      ({ command }) => command,
    );
    assert.deepEqual(
      Object.keys(STEPS)
        .map((name) => `biopassid.${name}`)
        .sort(),
      [...contributed].sort(),
      'every contributed command has a step in this sweep',
    );

    const outcomes: Record<string, string[]> = {};
    for (const name of Object.keys(STEPS) as CommandName[]) {
      const value = await STEPS[name].run();
      if (STEPS[name].sends) outcomes[name] = kindsOf(callResults(value));
    }
    assert.deepEqual(outcomes, expectEverywhere('success'), 'every request went through with the canary key');
    assert.ok(sandbox.requestLog.length >= sendingSteps().length);
    assert.equal(generatedCode.length, 6);
    await waitForOutput(`Deleted ${faceId}`);

    // The sweep reads the typed request file's base64 as a leak: proof that it would see one.
    const typed = new TextDecoder().decode(await vscode.workspace.fs.readFile(typedRequest));
    assert.ok(new LeakScanner(canaries.canaries).find(typed), 'the scanner recognises the canary face');

    await assertNothingLeaked();
  });

  it('every failure mode of the sandbox (401, 429, 500, 502 HTML, timeouts, reset, cut off, truncated or not JSON, Success: false) leaks neither', async () => {
    const rejecting = await startSandbox({ keys: [unique('another-key-for-tests')] });
    otherServers.push(rejecting);
    for (const failure of SANDBOX_FAILURES) {
      if (failure.rejectsKey) await setSetting('customBaseUrl', rejecting.url);
      if (failure.fault) sandbox.injectFault(failure.fault);
      if (failure.timeoutSeconds) await setSetting('requestTimeoutSeconds', failure.timeoutSeconds);
      try {
        assert.deepEqual(await sendEverything(), expectEverywhere(failure.kind), failure.name);
      } finally {
        sandbox.clearFaults();
        if (failure.rejectsKey) await setSetting('customBaseUrl', sandbox.url);
        if (failure.timeoutSeconds) await setSetting('requestTimeoutSeconds', undefined);
      }
    }
    assert.ok(rejecting.requestLog.every((entry) => entry.status === 401));
    await waitForOutput('Success: false');
    await assertNothingLeaked();
  });

  it('a key typed into the custom base URL path leaks neither, on success and on a refused connection', async () => {
    const echo = await EchoServer.start();
    otherServers.push(echo);
    const success = ECHO_REPLIES.find((reply) => reply.kind === 'success');
    assert.ok(success);
    echo.current = success;
    try {
      await setSetting('customBaseUrl', `${echo.url}/${canaries.key}`);
      assert.deepEqual(await sendEverything(), expectEverywhere('success'));
      assert.ok(echo.requests.length > 0);
      assert.ok(echo.requests.every((request) => request.url.startsWith(`/${canaries.key}/`)));
      const refused = `http://127.0.0.1:${await closedPort()}/${canaries.key}`;
      await setSetting('customBaseUrl', refused);
      assert.deepEqual(await sendEverything(), expectEverywhere('network-error'));
      // The log names the target with the key masked in its URL.
      await waitForOutput(`custom (${refused.replace(canaries.key, `••••${canaries.key.slice(-4)}`)})`);
    } finally {
      // The user typed the key into settings.json; put the URL back before the sweep reads it.
      await setSetting('customBaseUrl', sandbox.url);
    }
    await assertNothingLeaked();
  });

  it('a server that echoes the request (key header, image body) back in every part of its answer leaks neither', async () => {
    const echo = await EchoServer.start();
    otherServers.push(echo);
    await setSetting('customBaseUrl', echo.url);
    try {
      for (const reply of ECHO_REPLIES) {
        echo.current = reply;
        assert.deepEqual(await sendEverything(), expectEverywhere(reply.kind), reply.name);
      }
    } finally {
      await setSetting('customBaseUrl', sandbox.url);
    }
    // The echoes did carry the canaries: the key in every request, the face in the image requests.
    assert.ok(echo.requests.length > 0);
    assert.ok(echo.requests.every((request) => request.headers['ocp-apim-subscription-key'] === canaries.key));
    const faceBase64 = canaries.face.toString('base64');
    assert.ok(echo.requests.some((request) => request.body.includes(faceBase64)));
    await assertNothingLeaked();
  });
});
