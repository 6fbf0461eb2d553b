import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../src/core/sandbox';
import { installLanguagePack } from './support/languagePack';
import { Workbench } from './support/workbench';

const KEY = 'e2e-fake-key-0000000000000018';
const DOCS_IMAGES = join(__dirname, '../../../docs/images');

/**
 * The workbench started with `--locale pt-br`, as a Brazilian developer's is: the extension's
 * menus (package.nls.pt-br.json), its prompts and notifications (l10n/bundle.l10n.pt-br.json
 * through vscode.l10n.t) and core's text in the result panel (the same bundle through
 * @vscode/l10n) are in Portuguese. VS Code's own strings stay English: the language pack the
 * test installs translates none of them (see support/languagePack.ts for why one is needed).
 */
describe('Brazilian Portuguese in the real workbench (--locale pt-br)', () => {
  let sandbox: Sandbox;
  let workbench: Workbench;

  const panelPage = (): FrameLocator =>
    workbench.page.frameLocator('iframe.webview.ready[src*="biopassid"]').frameLocator('iframe#active-frame');

  async function shot(name: string): Promise<void> {
    const path = await workbench.screenshot(`pt-br-${name}`);
    mkdirSync(DOCS_IMAGES, { recursive: true });
    copyFileSync(path, join(DOCS_IMAGES, `pt-br-${name}.png`));
  }

  before(async function () {
    this.timeout(180_000);
    sandbox = await startSandbox({ keys: [KEY] });
    workbench = await Workbench.open({
      prepareFolder: (folder) => writeFileSync(join(folder, 'retrato.jpg'), sampleFaceJpeg(3, 320)),
      settings: {
        'biopassid.environment': 'custom',
        'biopassid.customBaseUrl': sandbox.url,
        'workbench.colorTheme': 'Default Dark Modern',
      },
      env: { BIOPASSID_API_KEY: KEY },
      serverArgs: ['--locale', 'pt-br'],
      beforeStart: (dirs) => installLanguagePack('pt-br', 'Português (Brasil)', dirs),
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await workbench?.screenshot(`pt-br-failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await sandbox?.close();
  });

  it('the Explorer menu, the CustomID prompt, the notification and the result panel of Cadastrar… speak Portuguese', async function () {
    this.timeout(120_000);
    await workbench.explorerRow('retrato.jpg').waitFor({ timeout: 30_000 });
    let menu: string[] = [];
    await workbench.explorerContextMenu('retrato.jpg', ['BioPass ID', 'Cadastrar…'], async () => {
      menu = await workbench.page.getByRole('menuitem').allInnerTexts();
      await shot('menu');
    });
    for (const label of [
      'Verificar…',
      'Atualizar…',
      'Verificar prova de vida',
      'Detectar faces',
      'Checar qualidade ICAO',
    ])
      assert.ok(
        menu.some((text) => text.includes(label)),
        `the menu has no "${label}": ${menu.join(' | ')}`,
      );

    const input = await workbench.waitForInputBox('CustomID: seu identificador da pessoa');
    assert.match((await workbench.quickInput().textContent()) ?? '', /BioPass ID Cadastrar: retrato\.jpg/);
    await workbench.typeIntoInput(input, 'maria-0001');
    await shot('prompt');
    await workbench.acceptInput();

    const page = panelPage();
    await page.locator('h2', { hasText: 'Pessoa' }).waitFor({ timeout: 30_000 });
    const toast = await workbench.waitForNotification(/maria-0001/);
    await toast.getByRole('button', { name: 'Ver logs', exact: true }).waitFor({ timeout: 10_000 });
    await shot('result');
  });

  it('the Command Palette lists the commands in Portuguese, and their notifications answer in Portuguese', async function () {
    this.timeout(60_000);
    await workbench.clearNotifications();
    await workbench.runCommand('BioPass ID: Parar sandbox local');
    const toast = await workbench.waitForNotification('O sandbox local do BioPass ID não está rodando.');
    assert.ok(await toast.isVisible());
    await shot('notification');
  });
});
