import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../src/core/sandbox';
import { REPO_ROOT } from './support/paths';
import { Workbench } from './support/workbench';

/** An obviously fake key, given to the extension through BIOPASSID_API_KEY (no key is stored). */
const KEY = 'e2e-fake-key-0000000000000016';

const face = (file: string) => [{ 'Face-1': { $file: file } }];
const scenario = (name: string, otherVerdict: string) => ({
  name,
  variables: { customId: `${name.split(' ')[0]?.toLowerCase()}-{{run.id}}` },
  steps: [
    {
      name: 'enroll',
      operation: 'enroll',
      body: { Person: { CustomID: '{{customId}}', Face: face('faces/alice.jpg') } },
    },
    {
      name: 'verifySame',
      operation: 'verify',
      body: { Person: { CustomID: '{{customId}}', Face: face('faces/alice-again.jpg') } },
      expect: { verdict: 'match' },
    },
    {
      name: 'verifyOther',
      operation: 'verify',
      body: { Person: { CustomID: '{{customId}}', Face: face('faces/bob.jpg') } },
      expect: { verdict: otherVerdict },
    },
  ],
  teardown: [{ name: 'delete', operation: 'delete', body: { Person: { CustomID: '{{customId}}' } } }],
});

describe('Scenarios in the real workbench: the Test Explorer runs them against the sandbox', () => {
  let sandbox: Sandbox;
  let workbench: Workbench;

  before(async function () {
    this.timeout(180_000);
    sandbox = await startSandbox({ keys: [KEY] });
    workbench = await Workbench.open({
      prepareFolder: (folder) => {
        mkdirSync(join(folder, 'faces'));
        writeFileSync(join(folder, 'faces', 'alice.jpg'), sampleFaceJpeg(0));
        writeFileSync(join(folder, 'faces', 'alice-again.jpg'), sampleFaceJpeg(0));
        writeFileSync(join(folder, 'faces', 'bob.jpg'), sampleFaceJpeg(1));
        const write = (name: string, value: unknown) =>
          writeFileSync(join(folder, name), `${JSON.stringify(value, null, 2)}\n`);
        write('alice.biopass-test.json', scenario('Alice flow', 'no match'));
        // Expects bob's face to match alice: fails at verifyOther, teardown still deletes.
        write('wrong.biopass-test.json', scenario('Wrong expectation', 'match'));
      },
      settings: { 'biopassid.environment': 'custom', 'biopassid.customBaseUrl': sandbox.url },
      env: { BIOPASSID_API_KEY: KEY },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await workbench?.screenshot(`scenarios-failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  const screenshots: Record<string, string> = {};

  after(async () => {
    await workbench?.close();
    await sandbox?.close();
    // The pictures of docs/scenarios.md.
    const images = join(REPO_ROOT, 'docs', 'images');
    if (screenshots.explorer) copyFileSync(screenshots.explorer, join(images, 'scenarios-test-explorer.png'));
    if (screenshots.failure) copyFileSync(screenshots.failure, join(images, 'scenarios-failure.png'));
  });

  const testRow = (text: string) =>
    workbench.page.locator('.test-explorer .monaco-list-row').filter({ hasText: text }).first();

  it('the Testing view lists both scenario files; Run All passes one and fails the other at its expectation', async () => {
    await workbench.runCommand('Testing: Focus on Test Explorer View');
    await testRow('alice.biopass-test.json').waitFor({ timeout: 30_000 });
    await testRow('wrong.biopass-test.json').waitFor({ timeout: 30_000 });
    await workbench.screenshot('scenarios-01-test-explorer');

    await workbench.runCommand('Test: Run All Tests');
    // Both runs end with their teardown delete.
    const deadline = Date.now() + 30_000;
    while (sandbox.requestLog.filter((entry) => entry.operation === 'delete').length < 2) {
      assert.ok(
        Date.now() < deadline,
        `two teardown deletes: ${JSON.stringify(sandbox.requestLog.map((e) => e.operation))}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Open every level of the tree, as a person clicks the chevrons: file, scenario, steps.
    const collapsed = workbench.page.locator('.test-explorer .monaco-tl-twistie.collapsible.collapsed');
    for (let clicks = 0; clicks < 20 && (await collapsed.count()) > 0; clicks++) await collapsed.first().click();
    await workbench.page
      .locator('.test-explorer .monaco-list-row:has(.codicon-testing-failed-icon)')
      .filter({ hasText: 'verifyOther' })
      .first()
      .waitFor({ timeout: 20_000 });
    await workbench.page
      .locator('.test-explorer .monaco-list-row:has(.codicon-testing-passed-icon)')
      .filter({ hasText: 'Alice flow' })
      .first()
      .waitFor({ timeout: 20_000 });
    screenshots.explorer = await workbench.screenshot('scenarios-02-run-all');

    // The failed step, opened from the tree: the editor shows the message at the expectation's line.
    await workbench.page
      .locator('.test-explorer .monaco-list-row:has(.codicon-testing-failed-icon)')
      .filter({ hasText: 'verifyOther' })
      .first()
      .dblclick();
    await workbench.editorTab('wrong.biopass-test.json').waitFor({ timeout: 20_000 });
    const peek = workbench.page
      .locator('.part.editor .peekview-widget')
      .filter({ hasText: 'expected "match", got "no match"' });
    await peek.first().waitFor({ timeout: 20_000 });
    screenshots.failure = await workbench.screenshot('scenarios-03-failure-at-expectation');

    const seen = sandbox.requestLog.map((entry) => `${entry.operation} ${entry.status}`);
    assert.deepEqual(
      seen.filter((line) => line.startsWith('enroll')),
      ['enroll 200', 'enroll 200'],
    );
    assert.equal(seen.filter((line) => line === 'delete 200').length, 2, 'teardown deleted both persons');
  });
});
