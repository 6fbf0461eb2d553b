import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QualitySummary } from '../../src/core/eval/quality';
import type { EvalSummary } from '../../src/core/eval/summary';
import { datasetFaceJpeg } from '../../src/core/images/dataset';
import { waitFor } from '../support/extension';
import type { ConfirmShown } from '../support/fakeUser';
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

  async function people(): Promise<vscode.Uri> {
    for (let person = 0; person < PERSONS; person++) {
      for (let shot = 0; shot < IMAGES; shot++) {
        await session.folder.write(
          `people/p${person + 1}/${shot + 1}.jpg`,
          datasetFaceJpeg({ seed: 'it', person, shot }),
        );
      }
    }
    return vscode.Uri.joinPath(session.folder.uri, 'people');
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
