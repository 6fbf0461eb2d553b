import * as assert from 'node:assert/strict';
import { Workbench } from './support/workbench';

describe('the walkthrough in the real workbench (packaged .vsix, headless Chromium)', () => {
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

  it('palette -> "BioPass ID: Get Started" opens the walkthrough with its steps and their buttons', async () => {
    await workbench.runCommand('BioPass ID: Get Started');
    const page = workbench.page.locator('.gettingStartedContainer');
    await page.getByText('Get Started with BioPass ID').first().waitFor({ timeout: 30_000 });
    for (const step of [
      'Choose an environment, or start the local sandbox',
      'Set your subscription key',
      'Enroll a sample image',
      'Verify it',
      'Keep the request as a file',
      'Run a scenario',
    ]) {
      assert.ok((await page.getByText(step, { exact: true }).count()) > 0, `step "${step}" is shown`);
    }
    await page.getByRole('button', { name: 'Start Local Sandbox' }).first().waitFor({ timeout: 10_000 });
    await workbench.screenshot('walkthrough');
  });
});
