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
    /** The server's user data folder (its `logs/` hold the extension's log files). */
    readonly userDataDir: string,
  ) {}

  static async open(
    options: {
      prepareFolder?: (folder: string) => void;
      env?: Record<string, string>;
      /** User settings, on top of the harness's quiet defaults. */
      settings?: Record<string, unknown>;
      /** More code-server flags (e.g. `--locale pt-br`). */
      serverArgs?: string[];
      /** Runs after the .vsix is installed and before the server starts (e.g. to install a language pack). */
      beforeStart?: (dirs: { build: 'latest'; userDataDir: string; extensionsDir: string }) => void | Promise<void>;
    } = {},
  ) {
    const harness = await loadHarness();
    const build = 'latest';
    const scratch = harness.makeScratchDir('bpid-e2e-');
    const userDataDir = join(scratch, 'user-data');
    const extensionsDir = join(scratch, 'extensions');
    const folder = join(scratch, 'workspace');
    for (const dir of [userDataDir, extensionsDir, folder]) mkdirSync(dir, { recursive: true });
    options.prepareFolder?.(folder);
    harness.installVsix({ build, vsix: packagedVsixPath(), extensionsDir, userDataDir });
    await options.beforeStart?.({ build, userDataDir, extensionsDir });
    const server = await harness.startCodeServer({
      build,
      userDataDir,
      extensionsDir,
      ...(options.env ? { env: options.env } : {}),
      ...(options.settings ? { settings: options.settings } : {}),
      ...(options.serverArgs ? { args: options.serverArgs } : {}),
    });
    const browser = await harness.launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url(folder));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
    return new Workbench(page, browser, server, scratch, folder, userDataDir);
  }

  /** Runs a command from the Command Palette by its title, as a user types it. */
  async runCommand(title: string): Promise<void> {
    // Short first waits: a palette opened before the extensions are registered never lists their
    // commands while it stays open, so reopening it soon is what finds them.
    const waits = [2_000, 3_000, 5_000, 10_000, 10_000];
    for (const [attempt, wait] of waits.entries()) {
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input.input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`>${title}`);
      const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: wait });
        // Clicking the matching row runs exactly that command; Enter runs whichever row has the
        // focus, which right after the list updates may still be another one.
        await row.click();
        return;
      } catch (error) {
        // Right after load the palette may not list extension commands yet: close it and retry.
        await this.page.keyboard.press('Escape');
        if (attempt === waits.length - 1) throw error;
      }
    }
  }

  /** The Explorer row of a file or folder, by its exact name. */
  explorerRow(name: string): Locator {
    return this.page
      .locator('.explorer-folders-view .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
  }

  /**
   * Right-clicks an Explorer row and walks its context menu: every label but the last is a
   * submenu that is opened (hover, then click if it did not open), the last one is clicked.
   * `beforeClick` runs while the whole menu is open (e.g. for a screenshot).
   */
  async explorerContextMenu(name: string, labels: string[], beforeClick?: () => Promise<unknown>): Promise<void> {
    const row = this.explorerRow(name);
    await row.waitFor({ timeout: 20_000 });
    // Right after the workbench loads, the menu can open before our contributions are read:
    // close it and right-click again, as a person would.
    for (let attempt = 1; ; attempt++) {
      await row.click({ button: 'right' });
      const first = this.menuItem(labels[0] as string);
      const shown = await first.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (shown) break;
      if (attempt === 3) throw new Error(`the context menu of ${name} has no "${labels[0]}" entry`);
      await this.page.keyboard.press('Escape');
      await this.page.waitForTimeout(1_000);
    }
    for (const [index, label] of labels.entries()) {
      const item = this.menuItem(label);
      await item.waitFor({ timeout: 10_000 });
      if (index === labels.length - 1) {
        await beforeClick?.();
        await item.click();
        // A click that lands while the submenu is still settling leaves the item highlighted and
        // the menu open; Enter takes the highlighted item, as it would for a person.
        await this.page.waitForTimeout(300);
        if (await item.isVisible().catch(() => false)) await this.page.keyboard.press('Enter');
        break;
      }
      const next = labels[index + 1] as string;
      await item.hover();
      try {
        await this.menuItem(next).waitFor({ timeout: 2_000 });
      } catch {
        await item.click();
      }
    }
  }

  /** A context menu entry (menus are in a shadow root; role selectors pierce it). */
  menuItem(label: string): Locator {
    return this.page.getByRole('menuitem', { name: label, exact: true });
  }

  /** The quick input (palette, input boxes, quick picks). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Waits for an input box whose title or prompt contains `text`; returns its text box. */
  async waitForInputBox(text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
    const widget = this.quickInput().filter({ hasText: text });
    await widget.waitFor({ state: 'visible', timeout: timeoutMs });
    const input = widget.locator('input.input');
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    return input;
  }

  /** Replaces what the focused input box holds, as a user does: select all, type. */
  async typeIntoInput(input: Locator, text: string): Promise<void> {
    await input.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.type(text, { delay: 10 });
  }

  /** Presses Enter in the quick input and waits until it closes (a validation error keeps it open). */
  async acceptInput(): Promise<void> {
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Notification toasts (bottom right) whose text contains `text`, newest first. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
  }

  /** Waits for a toast to be shown and its fade-in to end (a screenshot mid-fade is see-through). */
  async waitForNotification(text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
    const toast = this.notification(text).first();
    await toast.waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page
      .locator('.notifications-toasts .notification-toast.notification-fade-in-done')
      .filter({ hasText: text })
      .first()
      .waitFor({ state: 'visible', timeout: 5_000 })
      .catch(() => undefined);
    return toast;
  }

  /** Waits until no toast contains `text` (e.g. a progress notification that has finished). */
  async waitForNoNotification(text: string | RegExp, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.notification(text).count()) > 0) {
      if (Date.now() > deadline) throw new Error(`a notification "${text}" is still shown`);
      await this.page.waitForTimeout(100);
    }
  }

  /** The visible notification toasts' texts. */
  async notificationTexts(): Promise<string[]> {
    const texts = await this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    return texts.map(normaliseWhitespace);
  }

  /** Clicks an action button of a notification toast. */
  async clickNotificationButton(toast: Locator, label: string): Promise<void> {
    await toast.getByRole('button', { name: label, exact: true }).click();
  }

  /** Dismisses every notification (palette: Notifications: Clear All Notifications). */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page
      .locator('.notifications-toasts .notification-toast')
      .first()
      .waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** The modal dialog (confirmations), once shown. */
  async waitForDialog(timeoutMs = 20_000): Promise<Locator> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
    return dialog;
  }

  /** Clicks a button of the modal dialog and waits until the dialog closes. */
  async answerDialog(dialog: Locator, button: string): Promise<void> {
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Clicks the panel's Maximize button (its title bar, top right) and waits for Restore Panel. */
  async maximizePanel(): Promise<void> {
    const actions = this.page.locator('.part.panel .title');
    await actions.getByRole('button', { name: 'Maximize Panel', exact: true }).click();
    await actions.getByRole('button', { name: 'Restore Panel', exact: true }).waitFor({ timeout: 10_000 });
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

  /** The tab of an open editor, by the file name it shows. */
  editorTab(name: string): Locator {
    return this.page.locator('.part.editor .tabs-container .tab').filter({ hasText: name });
  }

  /** The rendered lines of the active text editor (virtualised: only what is on screen). */
  editorLines(): Locator {
    return this.page.locator('.part.editor .editor-instance .monaco-editor .view-lines .view-line');
  }

  /** The text the active editor renders (a very long line is cut after some thousand characters). */
  async editorText(): Promise<string> {
    return (await this.page.locator('.part.editor .editor-instance .monaco-editor .view-lines').allInnerTexts()).join(
      '\n',
    );
  }

  async waitForEditorText(text: string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const content = normaliseWhitespace(await this.editorText());
      if (content.includes(text)) return content;
      if (Date.now() > deadline)
        throw new Error(`the editor never showed "${text}"; it shows: ${content.slice(0, 500)}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Opens the Problems panel (Ctrl+Shift+M, else the palette) and waits for it. */
  async openProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    await this.page.keyboard.press('ControlOrMeta+Shift+M');
    try {
      await panel.waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      await this.runCommand('View: Focus on Problems View');
      await panel.waitFor({ state: 'visible', timeout: 10_000 });
    }
  }

  /** The rows of the Problems panel whose text contains `text`. */
  problemRows(text: string | RegExp): Locator {
    return this.page.locator('.markers-panel .monaco-list-row').filter({ hasText: text });
  }

  async waitForProblem(text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
    const row = this.problemRows(text).first();
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    return row;
  }

  async waitForNoProblem(text: string | RegExp, timeoutMs = 20_000): Promise<void> {
    await this.problemRows(text).first().waitFor({ state: 'detached', timeout: timeoutMs });
  }

  /**
   * Opens the quick fix menu at the cursor of the focused editor (Ctrl+.) and returns the entry
   * labelled `title` (reopening the menu once if the code actions were not computed yet).
   */
  async openQuickFix(title: string): Promise<Locator> {
    const item = this.page.locator('.action-widget .monaco-list-row').filter({ hasText: title }).first();
    for (const wait of [5_000, 10_000]) {
      await this.page.keyboard.press('ControlOrMeta+Period');
      try {
        await item.waitFor({ state: 'visible', timeout: wait });
        return item;
      } catch (error) {
        await this.page.keyboard.press('Escape');
        if (wait === 10_000) throw error;
      }
    }
    return item;
  }

  /** A CodeLens of the active editor, by its text (its icon aside). */
  codeLens(text: string): Locator {
    return this.page.locator('.part.editor .codelens-decoration a').filter({ hasText: text }).first();
  }

  /** Hovers the mouse over the start of the editor text `text` and returns the hover shown. */
  async hoverEditorText(text: string, timeoutMs = 20_000): Promise<Locator> {
    const token = this.page
      .locator('.part.editor .editor-instance .monaco-editor .view-lines .view-line span span')
      .filter({ hasText: text })
      .first();
    await token.waitFor({ timeout: timeoutMs });
    const hover = this.page.locator('.monaco-hover').filter({ visible: true });
    const deadline = Date.now() + timeoutMs;
    for (let x = 20; ; x += 10) {
      // Moving within the token: a new position re-triggers the hover if it closed.
      await token.hover({ position: { x, y: 4 } });
      try {
        await hover.first().waitFor({ state: 'visible', timeout: 3_000 });
        return hover;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
