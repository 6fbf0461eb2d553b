import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetFaceJpeg } from '../../src/core/images/dataset';
import { normaliseWhitespace, Workbench } from './support/workbench';

const PERSONS = 4;
const IMAGES = 3;

describe('Accuracy lab in the real workbench: Explorer folder -> Evaluate Accuracy…, consent, report', () => {
  let workbench: Workbench;
  let step = 0;
  const shot = (name: string) => workbench.screenshot(`accuracy-${String(++step).padStart(2, '0')}-${name}`);

  before(async function () {
    this.timeout(180_000);
    workbench = await Workbench.open({
      prepareFolder: (folder) => {
        for (let person = 0; person < PERSONS; person++) {
          mkdirSync(join(folder, 'people', `p${person + 1}`), { recursive: true });
          for (let shotIndex = 0; shotIndex < IMAGES; shotIndex++) {
            writeFileSync(
              join(folder, 'people', `p${person + 1}`, `${shotIndex + 1}.jpg`),
              datasetFaceJpeg({ seed: 'e2e', person, shot: shotIndex }),
            );
          }
        }
      },
      // The sandbox inside the extension host: no key, nothing leaves the machine.
      settings: { 'biopassid.environment': 'sandbox' },
      env: { BIOPASSID_API_KEY: '' },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await workbench?.screenshot(`accuracy-failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
  });

  it('right-click the folder -> BioPass ID -> Evaluate Accuracy…: consent, the calls to confirm, then the report in a webview', async () => {
    await workbench.explorerContextMenu('people', ['BioPass ID', 'Evaluate Accuracy…'], () => shot('context-menu'));
    const consent = await workbench.waitForDialog();
    assert.match(normaliseWhitespace((await consent.textContent()) ?? ''), /biometric data/);
    await shot('consent');
    await workbench.answerDialog(consent, 'I Have Their Consent');
    const confirm = await workbench.waitForDialog();
    // 12 extracts, 12 genuine and 54 impostor pairs.
    assert.match(
      normaliseWhitespace((await confirm.textContent()) ?? ''),
      /Evaluate accuracy on 12 images: 78 calls to sandbox/,
    );
    await workbench.answerDialog(confirm, 'Evaluate');
    await workbench.editorTab('Accuracy: people').waitFor({ timeout: 60_000 });
    // The report is inside the webview's frames: its heading and the DET plot are drawn.
    const report = workbench.page.frameLocator('iframe.webview.ready').frameLocator('iframe');
    await report.locator('h1', { hasText: 'Accuracy report' }).waitFor({ timeout: 20_000 });
    await report.locator('svg[aria-label="DET curve"]').waitFor();
    await shot('report');
  });
});
