import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QualitySummary } from '../../src/core/eval/quality';
import type { EvalSummary } from '../../src/core/eval/summary';
import { datasetFaceJpeg } from '../../src/core/images/dataset';
import { waitFor } from '../support/extension';
import { type ConfirmShown, pickItem } from '../support/fakeUser';
import { useSandboxSession } from '../support/sandboxSession';

const PERSONS = 4;
const IMAGES = 3;

/** The report tabs, once the workbench has them (a webview's tab appears a moment after it is created). */
async function waitForReportTabs(count: number): Promise<vscode.Tab[]> {
  return waitFor(`${count} report tab(s); open: ${describeTabs()}`, () => {
    const tabs = reportTabs();
    return tabs.length === count ? tabs : undefined;
  });
}

function describeTabs(): string {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .map(
      (tab) => `${tab.label} (${tab.input instanceof vscode.TabInputWebview ? tab.input.viewType : typeof tab.input})`,
    )
    .join(', ');
}

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('biopassid.report'));
}

describe('Evaluate Accuracy… and Quality Report… on an Explorer folder (real extension host, local sandbox)', () => {
  const session = useSandboxSession();

  async function people(persons = PERSONS, name = 'people'): Promise<vscode.Uri> {
    for (let person = 0; person < persons; person++) {
      for (let shot = 0; shot < IMAGES; shot++) {
        await session.folder.write(
          `${name}/p${person + 1}/${shot + 1}.jpg`,
          datasetFaceJpeg({ seed: 'it', person, shot }),
        );
      }
    }
    return vscode.Uri.joinPath(session.folder.uri, name);
  }

  /** Save Report… of the report last shown, read back as text. */
  async function savedReport(name: string): Promise<string> {
    const saved = vscode.Uri.joinPath(session.folder.uri, name);
    session.user.answer({ saveDialog: () => saved });
    await vscode.commands.executeCommand('biopassid.saveReport');
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(saved));
  }

  const calls = (operation: string) =>
    session.sandbox.requestLog.filter((entry) => entry.operation === operation).length;

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('asks consent once per folder, confirms the calls, evaluates against the sandbox and opens the report', async () => {
    const folder = await people();
    const confirms: ConfirmShown[] = [];
    session.user.answer({
      confirm: (shown) => {
        confirms.push(shown);
        return shown.action;
      },
    });
    const summary = (await vscode.commands.executeCommand('biopassid.evaluateAccuracy', folder)) as EvalSummary;
    assert.equal(confirms[0]?.action, 'I Have Their Consent');
    assert.match(confirms[0]?.detail ?? '', /biometric data/);
    // 4 persons x 3 images: 12 genuine pairs, (144 - 36) / 2 = 54 impostor pairs, 12 extracts.
    assert.match(
      confirms[1]?.message ?? '',
      /^Evaluate accuracy on 12 images: 78 calls to sandbox \(http:\/\/127\.0\.0\.1:\d+\)\?$/,
    );
    assert.equal(session.user.progress[0]?.cancellable, true);
    assert.deepEqual([summary.genuine, summary.impostor], [12, 54]);
    assert.deepEqual([calls('extract'), calls('match')], [12, 66]);
    assert.ok(summary.eer !== null);
    const [tab] = await waitForReportTabs(1);
    assert.equal(tab?.label, 'Accuracy: people');

    // Again on the same folder: no consent asked, and every score comes from the journal.
    confirms.length = 0;
    session.sandbox.reset();
    const again = (await vscode.commands.executeCommand('biopassid.evaluateAccuracy', folder)) as EvalSummary;
    assert.deepEqual(
      confirms.map((shown) => shown.action),
      ['Evaluate'],
    );
    assert.equal(again.calls.fromJournal, 66);
    assert.equal(calls('match'), 0);

    // Save Report… writes the same page, self-contained and without images.
    const saved = vscode.Uri.joinPath(session.folder.uri, 'report.html');
    session.user.answer({ saveDialog: () => saved });
    assert.equal(((await vscode.commands.executeCommand('biopassid.saveReport')) as vscode.Uri).fsPath, saved.fsPath);
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(saved));
    assert.match(html, /<svg [^>]*aria-label="DET curve"/);
    assert.match(html, /p\d\/\d\.jpg/);
    assert.doesNotMatch(html, /data:image|<script/);
  });

  it('sends nothing without consent, and stops when the progress is cancelled', async () => {
    const folder = await people();
    session.user.answer({ confirm: () => undefined });
    assert.equal(await vscode.commands.executeCommand('biopassid.evaluateAccuracy', folder), undefined);
    assert.equal(session.sandbox.requestLog.length, 0, 'declined: nothing was sent');
    assert.equal(reportTabs().length, 0);

    const cancelled = new vscode.CancellationTokenSource();
    cancelled.cancel();
    session.user.answer({
      confirm: (shown) => shown.action,
      withProgress: (_options, task) => task({ report: () => undefined }, cancelled.token),
    });
    const summary = (await vscode.commands.executeCommand('biopassid.evaluateAccuracy', folder)) as EvalSummary;
    assert.equal(summary.cancelled, true);
    assert.equal(calls('match'), 0, 'cancelled before the first match');
    assert.ok(summary.warnings.some((warning) => warning.startsWith('Cancelled')));
  });

  it('asks, on a folder of many impostor pairs, for all of them or a seeded sample, and the report names the seed', async () => {
    // 16 persons x 3 images: 48 genuine pairs and (48 x 48 - 16 x 9) / 2 = 1080 impostor pairs.
    const folder = await people(16, 'many');
    const inputs: string[] = [];
    session.user.answer({
      confirm: (shown) => shown.action,
      quickPick: pickItem('A Sample of Another Size…'),
      inputBox: (options) => {
        inputs.push(options.prompt ?? '');
        return options.prompt?.startsWith('How many') ? '200' : '7';
      },
    });
    const summary = (await vscode.commands.executeCommand('biopassid.evaluateAccuracy', folder)) as EvalSummary;
    const [question] = session.user.quickPicks;
    assert.equal(question?.options?.title, 'Evaluate Accuracy: 1080 impostor pairs (48 genuine)');
    const all = question?.items.find((item) => item.label === 'All 1080 impostor pairs');
    // Every impostor pair: 48 extracts, 48 genuine and 1080 impostor matches, with an estimate.
    assert.match(all?.description ?? '', /^1176 calls, (under a second|about \d+ s)$/);
    assert.match(inputs[0] ?? '', /How many of the 1080 impostor pairs/);
    assert.match(inputs[1] ?? '', /seed/);
    assert.deepEqual([summary.genuine, summary.impostor], [48, 200]);
    assert.deepEqual(summary.impostorSample, { size: 200, seed: '7' });
    assert.deepEqual([calls('extract'), calls('match')], [48, 248]);
    const html = await savedReport('sample-report.html');
    assert.match(html, /Impostor sample<\/td><td[^>]*>200 of 1080 pairs, seed 7</);

    // The same seed picks the same pairs again: every score is in the journal.
    session.sandbox.reset();
    const again = (await vscode.commands.executeCommand('biopassid.evaluateAccuracy', folder)) as EvalSummary;
    assert.equal(again.calls.fromJournal, 248);
    assert.equal(calls('match'), 0);

    // All of them: no sample in the report, and only the pairs not yet scored are sent.
    session.sandbox.reset();
    session.user.answer({ quickPick: pickItem('All 1080 impostor pairs') });
    const everything = (await vscode.commands.executeCommand('biopassid.evaluateAccuracy', folder)) as EvalSummary;
    assert.deepEqual([everything.impostor, everything.impostorSample], [1080, null]);
    assert.equal(calls('match'), 1080 - 200);
  });

  it('evaluates the pairs a pairs.csv lists, and says what is wrong with a malformed one', async () => {
    await people();
    const rows = [
      'a,b,genuine',
      'people/p1/1.jpg,people/p1/2.jpg,1',
      'people/p2/1.jpg,people/p2/3.jpg,genuine',
      'people/p1/1.jpg,people/p2/1.jpg,0',
      'people/p3/2.jpg,people/p4/2.jpg,impostor',
      'people/p3/2.jpg,people/p1/3.jpg,0',
    ];
    await session.folder.write('pairs.csv', Buffer.from(`${rows.join('\n')}\n`));
    const pairs = vscode.Uri.joinPath(session.folder.uri, 'pairs.csv');
    session.user.answer({ confirm: (shown) => shown.action });
    const summary = (await vscode.commands.executeCommand('biopassid.evaluateAccuracy', pairs)) as EvalSummary;
    assert.deepEqual([summary.genuine, summary.impostor, summary.impostorSample], [2, 3, null]);
    assert.equal(session.user.quickPicks.length, 0, 'a pairs file lists its own pairs: no sample asked');
    // Seven distinct images, five comparisons, scores journaled beside the file as the CLI does.
    assert.deepEqual([calls('extract'), calls('match')], [7, 5]);
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(session.folder.uri, 'pairs.csv.journal.jsonl'));
    const [tab] = await waitForReportTabs(1);
    assert.equal(tab?.label, 'Accuracy: pairs.csv');

    session.sandbox.reset();
    await session.folder.write(
      'bad.csv',
      Buffer.from('a,b,genuine\npeople/p1/1.jpg,people/p1/2.jpg,1\npeople/p1/1.jpg,people/p2/2.jpg,maybe\n'),
    );
    const bad = vscode.Uri.joinPath(session.folder.uri, 'bad.csv');
    assert.equal(await vscode.commands.executeCommand('biopassid.evaluateAccuracy', bad), undefined);
    const error = await session.user.waitForMessage('error', 'Line 3');
    assert.equal(
      error.message,
      'BioPass ID: Line 3: genuine must be 1 or 0 (genuine/impostor), not "maybe". Nothing was sent.',
    );
    assert.equal(session.sandbox.requestLog.length, 0, 'nothing was sent');
  });

  it('Quality Report… checks every face (detection, ICAO) and opens its report', async () => {
    const folder = await people();
    session.user.answer({ confirm: (shown) => shown.action });
    const summary = (await vscode.commands.executeCommand('biopassid.qualityReport', folder)) as QualitySummary;
    assert.equal(summary.images, PERSONS * IMAGES);
    assert.equal(summary.icao.checked, PERSONS * IMAGES);
    assert.equal(Object.keys(summary.icao.requirements).length, 23);
    assert.deepEqual([calls('face_detect'), calls('check_icao')], [12, 12]);
    const [tab] = await waitForReportTabs(1);
    assert.equal(tab?.label, 'Quality: people');
  });
});
