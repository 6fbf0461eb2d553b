import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../src/core/images/samples';
import type { SidebarItem } from '../../../src/core/sidebar/models';
import type { ExtensionApi } from '../../../src/extension';
import type { PanelSnapshot } from '../../../src/panels/resultPanels';
import type { CallResult } from '../../../src/run/call';
import { EXTENSION_ID, waitFor } from '../../support/extension';
import { useSandboxSession } from '../../support/sandboxSession';
import { setSetting, unique } from '../../support/workbench';
import { closeAllEditors } from '../requests/helpers';

async function run(command: string, ...args: unknown[]): Promise<CallResult[]> {
  return (await vscode.commands.executeCommand(`biopassid.${command}`, ...args)) as CallResult[];
}

const XSS_ID = '<img src=x onerror=alert(1)>';

describe('result panels, response documents and the sidebar (real workbench, local sandbox)', function () {
  this.timeout(120_000);
  const session = useSandboxSession();
  afterEach(() => closeAllEditors());

  /** The automatic panel once its page has painted in the webview with this headline. */
  async function paintedPanel(headline: string): Promise<PanelSnapshot> {
    return waitFor(
      `a painted panel showing ${headline}`,
      () =>
        session.services.panels
          .snapshots()
          .find(
            (panel) => panel.painted > 0 && panel.html.includes(headline.replace(/</g, '&lt;').replace(/>/g, '&gt;')),
          ),
      20_000,
    );
  }

  it('each image action opens the panel by itself, painted in the webview with what the answer says', async () => {
    const { folder, user } = session;
    const customId = unique('panel');
    const face = await folder.write(`${customId}.jpg`, sampleFaceJpeg(21));
    const print = await folder.write('print.tif', sampleFingerprintTiff(3));
    user.answer({ inputBox: () => customId, confirm: (shown) => shown.action });
    const expectations: [string, vscode.Uri, RegExp][] = [
      ['detectFaces', face, /<svg class="faces" role="img" aria-label="Sent: 1 face marked"/],
      ['checkIcao', face, /<h2>ICAO requirements<\/h2>[\s\S]*<meter /],
      ['cropIcao', face, /<h2>Before and after<\/h2>[\s\S]*Cropped/],
      ['anonymizeFace', face, /<h2>Before and after<\/h2>[\s\S]*Anonymized/],
      ['checkLiveness', face, /<th scope="row">result<\/th>/],
      ['checkNfiq', print, /<h2>NFIQ<\/h2>/],
      ['enrollImage', face, /<h2>Person<\/h2>[\s\S]*data-action="copy"[\s\S]*BioPassID/],
      ['verifyImage', face, /<h2>MatchDetails<\/h2>[\s\S]*<svg class="hands"/],
      ['deletePerson', face, /<h2>Person<\/h2>/],
    ];
    for (const [command, image, pattern] of expectations) {
      const [result] = command === 'deletePerson' ? await run(command, customId) : await run(command, image, [image]);
      assert.equal(result?.outcome.kind, 'success', command);
      const panel = await paintedPanel(result?.headline ?? '?');
      assert.match(panel.html, pattern, command);
      // Everything the Output block's first and third lines say is there too.
      assert.ok(panel.html.includes(`HTTP 200 · success · ${Math.round(result?.outcome.latencyMs ?? 0)} ms`), command);
    }
    // One automatic panel, refreshed for each answer.
    assert.equal(session.services.panels.stats().livePanels, 1);
  });

  it('a CustomID of <img src=x onerror=alert(1)> shows as typed, and the page still paints', async () => {
    const { folder, user } = session;
    const face = await folder.write('xss.jpg', sampleFaceJpeg(22));
    user.answer({ inputBox: () => XSS_ID });
    const [result] = await run('enrollImage', face, [face]);
    assert.equal(result?.outcome.kind, 'success');
    const panel = await paintedPanel(`Enrolled ${XSS_ID}`);
    assert.ok(panel.html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!panel.html.includes('<img src=x'));
  });

  it('a failure shows its explanation with Retry (where safe) and View Logs; a multi-image run shows a grid', async () => {
    const { folder, sandbox } = session;
    const face = await folder.write('a.jpg', sampleFaceJpeg(23));
    const other = await folder.write('b.jpg', sampleFaceJpeg(24));
    sandbox.injectFault({ kind: 'status', status: 503 });
    const [failed] = await run('checkLiveness', face, [face]);
    assert.notEqual(failed?.outcome.kind, 'success');
    const panel = await paintedPanel(failed?.headline ?? '?');
    assert.match(panel.html, /<h2>What happened<\/h2>/);
    assert.match(panel.html, /data-action="retry"/);
    assert.match(panel.html, /data-action="viewLogs"/);

    const results = await run('detectFaces', face, [face, other]);
    assert.equal(results.length, 2);
    const grid = await waitFor('the run grid', () =>
      session.services.panels.snapshots().find((item) => item.painted > 0 && item.html.includes('<ul class="grid"')),
    );
    assert.equal((grid.html.match(/data-action="open"/g) ?? []).length, 2);
    assert.ok(grid.html.includes('2 ok, 0 failed'));
  });

  it('biopassid.openResultPanel false: the answer opens no panel', async () => {
    const { folder, services } = session;
    await setSetting('openResultPanel', false);
    const face = await folder.write('quiet.jpg', sampleFaceJpeg(25));
    const [result] = await run('detectFaces', face, [face]);
    assert.equal(result?.outcome.kind, 'success');
    assert.equal(services.panels.stats().livePanels, 0);
  });

  it('Open Response as JSON: a read-only JSON document with image descriptors, with an outline and folding', async () => {
    const { folder } = session;
    const face = await folder.write('json.jpg', sampleFaceJpeg(26));
    const [result] = await run('anonymizeFace', face, [face]);
    const document = (await vscode.commands.executeCommand(
      'biopassid.openResponseJson',
      result,
    )) as vscode.TextDocument;
    assert.equal(document.languageId, 'json');
    assert.equal(document.uri.scheme, 'biopassid-response');
    const parsed = JSON.parse(document.getText());
    assert.match(parsed.FaceAnonymizer.Image, /^<(jpeg|png) \d+ KB sha256:[0-9a-f]{8}>$/);
    // The JSON language service answers once it has started.
    let symbols: vscode.DocumentSymbol[] = [];
    for (let attempt = 0; attempt < 50 && symbols.length === 0; attempt++) {
      symbols =
        (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
          'vscode.executeDocumentSymbolProvider',
          document.uri,
        )) ?? [];
      if (symbols.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(symbols.some((symbol) => symbol.name === 'FaceAnonymizer'));
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>(
      'vscode.executeFoldingRangeProvider',
      document.uri,
    );
    assert.ok(folds.length > 0);
  });

  it('Save Response…: with descriptors, or the full JSON with its images as files next to it', async () => {
    const { folder, user } = session;
    const face = await folder.write('save.jpg', sampleFaceJpeg(27));
    const [result] = await run('cropIcao', face, [face]);
    const target = vscode.Uri.joinPath(folder.uri, 'out', 'saved.json');
    // The person picks the format and the file: the quick pick through FakeUser, the save dialog on its seam.
    const apis = session.services.panels.apis;
    const realDialog = apis.showSaveDialog;
    apis.showSaveDialog = async () => target;
    try {
      user.answer({ quickPick: (items) => items[1] });
      const written = (await vscode.commands.executeCommand('biopassid.saveResponse', result)) as vscode.Uri[];
      assert.equal(written.length, 2);
      const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)));
      const image = await vscode.workspace.fs.readFile(written[1] as vscode.Uri);
      assert.deepEqual(Buffer.from(image), Buffer.from(json.IcaoCropedImage.Image, 'base64'));
      assert.match(written[1]?.path ?? '', /\/out\/saved\.IcaoCropedImage\.Image\.(jpg|png)$/);

      user.answer({ quickPick: (items) => items[0] });
      await vscode.commands.executeCommand('biopassid.saveResponse', result);
      const described = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(JSON.parse(described).IcaoCropedImage.Image, /^<(jpeg|png) \d+ KB sha256:/);
    } finally {
      apis.showSaveDialog = realDialog;
    }
  });

  it('the sidebar: environment, persons from the history (deleted marked), history re-opening a panel', async () => {
    const { folder, user, sandbox } = session;
    const api = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.exports;
    const sidebar = api?.sidebar();
    assert.ok(sidebar);
    await vscode.commands.executeCommand('workbench.view.extension.biopassid');
    const environment = await sidebar.environment.getChildren();
    assert.deepEqual(
      environment.map((item) => item.label),
      ['Environment: sandbox', 'Key: none needed', 'Sandbox: running'],
    );
    assert.equal(environment[2]?.description, sandbox.url);

    const kept = unique('kept');
    const gone = unique('gone');
    const face = await folder.write('person.jpg', sampleFaceJpeg(28));
    for (const customId of [kept, gone]) {
      const image = await folder.write(`${customId}.jpg`, sampleFaceJpeg(customId === kept ? 28 : 30));
      user.answer({ inputBox: () => customId, confirm: (shown) => shown.action });
      const [enrolled] = await run('enrollImage', image, [image]);
      assert.match(enrolled?.headline ?? '', new RegExp(`^Enrolled ${customId} `));
    }
    const listed = async () => (await sidebar.persons.getChildren())[0]?.children ?? [];
    const goneItem = (await listed()).find((item: SidebarItem) => item.label === gone);
    assert.equal(goneItem?.contextValue, 'person');
    // The inline Delete action hands the command its tree item.
    const deleted = (await vscode.commands.executeCommand('biopassid.deleteListedPerson', goneItem)) as CallResult[];
    assert.equal(deleted?.[0]?.headline, `Deleted ${gone}`);
    const persons = await listed();
    const byId = (id: string) => persons.find((item: SidebarItem) => item.label === id);
    assert.equal(byId(gone)?.description, 'deleted');
    assert.match(byId(kept)?.description ?? '', /^BioPassID /);
    assert.equal(await vscode.commands.executeCommand('biopassid.copyCustomId', byId(kept)), kept);
    assert.equal(await vscode.env.clipboard.readText(), kept);

    const verified = (await vscode.commands.executeCommand(
      'biopassid.verifyListedPerson',
      byId(kept),
      face,
    )) as CallResult[];
    assert.equal(verified[0]?.headline, `Verify ${kept}: match (face matched; fingers not sent)`);

    const history = await sidebar.history.getChildren();
    assert.equal(history[0]?.label, verified[0]?.headline, 'newest first');
    assert.equal(history[0]?.contextValue, 'historyResendable', 'a verify still on screen can be sent again');
    const resent = (await vscode.commands.executeCommand('biopassid.resendHistoryEntry', history[0])) as CallResult[];
    assert.equal(resent[0]?.headline, verified[0]?.headline);
    const enrollItem = history.find((item) => item.label.startsWith(`Enrolled ${kept}`));
    assert.equal(enrollItem?.contextValue, 'history', 'an enroll is never re-sent');
    await closeAllEditors();
    const reopened = (await vscode.commands.executeCommand(
      enrollItem?.command?.id ?? '?',
      ...(enrollItem?.command?.arguments ?? []),
    )) as PanelSnapshot;
    assert.match(reopened.html, /images and the response are not kept/);
    assert.ok(reopened.html.includes(kept));
  });

  it('20 closed panels hold nothing: no live panel, no call, no image', async () => {
    const { folder, services } = session;
    const face = await folder.write('many.jpg', sampleFaceJpeg(29, 640));
    const [result] = await run('anonymizeFace', face, [face]);
    assert.ok(result);
    for (let index = 0; index < 20; index++) services.panels.showResult(result, undefined, { newPanel: true });
    const open = services.panels.stats();
    assert.equal(open.livePanels, 21);
    assert.equal(open.heldCalls, 21);
    assert.ok(open.heldImageChars > 21 * 10_000, `held ${open.heldImageChars} characters of images`);
    await closeAllEditors();
    await waitFor('every panel disposed', () => (services.panels.stats().livePanels === 0 ? true : undefined));
    assert.deepEqual(services.panels.stats(), { livePanels: 0, heldCalls: 0, heldImageChars: 0 });
    assert.equal(services.panels.activeResult(), undefined, 'no call outlives its panels');
  });
});
