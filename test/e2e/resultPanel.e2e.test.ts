import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../src/core/sandbox';
import { Workbench } from './support/workbench';

const KEY = 'e2e-fake-key-0000000000000014';
const DOCS_IMAGES = join(__dirname, '../../../docs/images');

describe('Result panel and sidebar in the real workbench: light, dark and high contrast', () => {
  let sandbox: Sandbox;
  let workbench: Workbench;

  /** The page inside the result panel's webview (VS Code nests it in two frames). */
  const panelPage = (): FrameLocator =>
    workbench.page.frameLocator('iframe.webview.ready[src*="biopassid"]').frameLocator('iframe#active-frame');

  /** A screenshot for the test results, and a copy for the docs. */
  async function shot(name: string): Promise<void> {
    const path = await workbench.screenshot(`results-${name}`);
    mkdirSync(DOCS_IMAGES, { recursive: true });
    copyFileSync(path, join(DOCS_IMAGES, `results-${name}.png`));
  }

  /** Picks a colour theme as a person does (Preferences: Color Theme), and waits until the webview has it. */
  async function setTheme(label: string, bodyClass: string): Promise<void> {
    await workbench.runCommand('Preferences: Color Theme');
    const input = workbench.page.locator('.quick-input-widget input.input');
    await input.fill(label);
    await workbench.page
      .locator('.quick-input-list .monaco-list-row', { has: workbench.page.getByText(label, { exact: true }) })
      .first()
      .click();
    // The webview gets the theme's class and variables a moment after the workbench.
    await panelPage().locator(`body.${bodyClass}`).waitFor({ timeout: 30_000 });
  }

  before(async function () {
    this.timeout(180_000);
    sandbox = await startSandbox({ keys: [KEY] });
    workbench = await Workbench.open({
      prepareFolder: (folder) => {
        writeFileSync(join(folder, 'portrait.jpg'), sampleFaceJpeg(3, 320));
        writeFileSync(join(folder, 'group.jpg'), sampleFaceJpeg(4, 320));
      },
      settings: {
        'biopassid.environment': 'custom',
        'biopassid.customBaseUrl': sandbox.url,
        'workbench.colorTheme': 'Default Light Modern',
      },
      env: { BIOPASSID_API_KEY: KEY },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await workbench?.screenshot(`results-failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await sandbox?.close();
  });

  it('Check ICAO Quality: the panel opens beside, the image and its checklist, readable in light, dark and high contrast', async function () {
    this.timeout(120_000);
    await workbench.explorerRow('portrait.jpg').waitFor({ timeout: 30_000 });
    // As a person would first: a BioPass ID command from the palette (the extension is then running).
    // The image open in the editor, then the action from the palette: it acts on the active image.
    await workbench.explorerRow('portrait.jpg').dblclick();
    await workbench.page.locator('.tab', { hasText: 'portrait.jpg' }).first().waitFor({ timeout: 30_000 });
    await workbench.runCommand('BioPass ID: Check ICAO Quality');
    const page = panelPage();
    await page.locator('h2', { hasText: 'ICAO requirements' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('meter').count(), 23);
    assert.ok(await page.locator('img[alt^="Sent: jpeg"]').isVisible(), 'the sent image is shown');
    await workbench.clearNotifications();
    await shot('icao-light');
    await setTheme('Dark Modern', 'vscode-dark');
    await shot('icao-dark');
    await setTheme('Dark High Contrast', 'vscode-high-contrast');
    await shot('icao-high-contrast');
    await setTheme('Dark Modern', 'vscode-dark');
  });

  it('Detect Faces: the face boxed and numbered over the image; the buttons reachable with Tab', async function () {
    this.timeout(60_000);
    await workbench.explorerContextMenu('group.jpg', ['BioPass ID', 'Detect Faces']);
    const page = panelPage();
    await page.locator('svg.faces').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('svg.faces .face-box').count(), 1);
    assert.match((await page.locator('h1').textContent()) ?? '', /Faces detected: 1/);
    // Keyboard: the first Tab inside the page lands on the first action, a real <button>.
    await page.locator('h1').click();
    await workbench.page.keyboard.press('Tab');
    assert.equal(await page.locator(':focus').getAttribute('data-action'), 'openJson');
    await workbench.clearNotifications();
    await shot('faces-dark');
  });

  it('Enroll and Verify: the person card with copy buttons; MatchDetails with both hands', async function () {
    this.timeout(60_000);
    await workbench.explorerContextMenu('portrait.jpg', ['BioPass ID', 'Enroll…']);
    let input = await workbench.waitForInputBox('BioPass ID Enroll: portrait.jpg');
    await workbench.typeIntoInput(input, 'alice-0001');
    await workbench.acceptInput();
    const page = panelPage();
    await page.locator('h2', { hasText: 'Person' }).waitFor({ timeout: 30_000 });
    assert.ok(await page.getByRole('button', { name: 'Copy BioPassID' }).isVisible());
    await workbench.clearNotifications();
    await shot('enroll-dark');

    await workbench.explorerContextMenu('portrait.jpg', ['BioPass ID', 'Verify…']);
    input = await workbench.waitForInputBox('BioPass ID Verify: portrait.jpg');
    await workbench.typeIntoInput(input, 'alice-0001');
    await workbench.acceptInput();
    await page.locator('svg.hands').waitFor({ timeout: 30_000 });
    assert.match((await page.locator('h1').textContent()) ?? '', /Verify alice-0001: match/);
    await workbench.clearNotifications();
    await shot('verify-dark');
  });

  it('the BioPass ID sidebar: environment, persons and history', async function () {
    this.timeout(60_000);
    await workbench.page.locator('.activitybar [aria-label^="BioPass ID"]').first().click();
    const sidebar = workbench.page.locator('.part.sidebar');
    await sidebar.getByText('Environment: custom').waitFor({ timeout: 30_000 });
    await sidebar.getByText('alice-0001').first().waitFor({ timeout: 30_000 });
    await sidebar.getByText('Verify alice-0001: match').first().waitFor({ timeout: 30_000 });
    await shot('sidebar');
  });
});
