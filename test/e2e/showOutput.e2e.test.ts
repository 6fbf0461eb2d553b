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
    await workbench.runCommand('BioPass ID: Show Output');
    const text = await workbench.waitForOutput('BioPass ID 0.1.0 activated');
    assert.match(text, /Environment: homologation \(https:\/\/hml-api\.biopassid\.com\)/);
    await workbench.screenshot('show-output');
  });
});
