import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import type { CodeServer } from '../../harness/code-server.mjs';
import { packagedVsixPath, REPO_ROOT, SCREENSHOT_DIR } from './paths';

type HarnessModule = typeof import('../../harness/code-server.mjs');

function loadHarness(): Promise<HarnessModule> {
  return import(pathToFileURL(join(REPO_ROOT, 'test/harness/code-server.mjs')).href) as Promise<HarnessModule>;
}

/**
 * A real VS Code workbench in headless Chromium, with the packaged .vsix installed into
 * code-server the way a user installs it. Methods act the way a person does: keys and clicks.
 */
export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly server: CodeServer,
    private readonly scratch: string,
    readonly folder: string,
  ) {}

  static async open(options: { prepareFolder?: (folder: string) => void; env?: Record<string, string> } = {}) {
    const harness = await loadHarness();
    const scratch = harness.makeScratchDir('bpid-e2e-');
    const userDataDir = join(scratch, 'user-data');
    const extensionsDir = join(scratch, 'extensions');
    const folder = join(scratch, 'workspace');
    for (const dir of [userDataDir, extensionsDir, folder]) mkdirSync(dir, { recursive: true });
    options.prepareFolder?.(folder);
    harness.installVsix({ build: 'latest', vsix: packagedVsixPath(), extensionsDir, userDataDir });
    const server = await harness.startCodeServer({
      build: 'latest',
      userDataDir,
      extensionsDir,
      ...(options.env ? { env: options.env } : {}),
    });
    const browser = await harness.launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url(folder));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
    return new Workbench(page, browser, server, scratch, folder);
  }

  /** Runs a command from the Command Palette by its title, as a user types it. */
  async runCommand(title: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input.input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`>${title}`);
      const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: 10_000 });
        await this.page.keyboard.press('Enter');
        return;
      } catch (error) {
        // Right after load the palette may not list extension commands yet: close it and retry.
        await this.page.keyboard.press('Escape');
        if (attempt >= 3) throw error;
      }
    }
  }

  /** The text of the Output view, with soft wrapping undone. */
  outputView(): Locator {
    return this.page.locator('.part.panel .monaco-editor .view-lines');
  }

  async waitForOutput(text: string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const content = normaliseWhitespace((await this.outputView().allInnerTexts()).join(' '));
      if (content.includes(text)) return content;
      if (Date.now() > deadline) throw new Error(`the Output view never showed "${text}"; it shows: ${content}`);
      await this.page.waitForTimeout(200);
    }
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
