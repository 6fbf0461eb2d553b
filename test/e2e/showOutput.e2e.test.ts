import * as assert from 'node:assert/strict';
import { Workbench } from './support/workbench';

describe('Show Output in the real workbench (packaged .vsix, headless Chromium)', () => {
  let workbench: Workbench;

  before(async function () {
    this.timeout(180_000);
    workbench = await Workbench.open();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await workbench?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
  });

  it('palette -> "BioPass ID: Show Output" shows the BioPass ID channel with the activation line', async () => {
    // The window opened settings.json (a jsonc model), which activates the extension, but nothing
    // of BioPass ID was used yet: only the small activation bundle runs, so no status bar item.
    // The item's text is short (`hml not set`); its accessible label names BioPass ID in full.
    const statusItem = workbench.page.locator('.part.statusbar [aria-label^="BioPass ID: "]');
    await workbench.page.waitForTimeout(2_000);
    assert.equal(await statusItem.count(), 0, 'no BioPass ID status bar item before first use');

    await workbench.runCommand('BioPass ID: Show Output');
    const text = await workbench.waitForOutput('BioPass ID 0.1.0 activated');
    assert.match(text, /Environment: homologation \(https:\/\/hml-api\.biopassid\.com\)/);
    await statusItem.first().waitFor({ timeout: 20_000 });
    assert.match((await statusItem.first().textContent()) ?? '', /^\s*hml (no key|from env|••••\S{4})\s*$/);
    assert.match((await statusItem.first().getAttribute('aria-label')) ?? '', /^BioPass ID: homologation, key /);
    // The detail is in the tooltip: the environment with its base URL, the key's state, the click.
    await statusItem.first().hover();
    const tooltip = workbench.page.getByText('Click for key and environment actions.').first();
    await tooltip.waitFor({ timeout: 10_000 });
    const hover = workbench.page.locator('.workbench-hover, .monaco-hover', {
      hasText: 'Click for key and environment actions.',
    });
    assert.match(
      ((await hover.first().textContent()) ?? '').replace(/\s+/g, ' '),
      /BioPass ID ?Environment: homologation \(https:\/\/hml-api\.biopassid\.com\) ?Key: (not set|••••\S{4}.*) ?Click for key/,
    );
    await workbench.screenshot('status-bar-tooltip');
    await workbench.screenshot('show-output');
  });
});
