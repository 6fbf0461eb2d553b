import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../src/core/sandbox';
import { REPO_ROOT } from './support/paths';
import { normaliseWhitespace, Workbench } from './support/workbench';

/** An obviously fake key, given to the extension through BIOPASSID_API_KEY (no key is stored). */
const KEY = 'e2e-fake-key-0000000000000002';
const CUSTOM_ID = 'alice-0001';
const REQUEST_FILE = 'alice.enroll.biopass.json';
/** The start of the validator's message about a `data:image/jpeg;base64,` prefix. */
const DATA_URI_PROBLEM = 'starts with the data URI prefix';
/** Every base64 JPEG starts with these characters (the bytes FF D8 FF). */
const JPEG_BASE64_START = '/9j/';

describe('Request authoring in the real workbench: Problems, quick fix, Send CodeLens, image hover', () => {
  let sandbox: Sandbox;
  let workbench: Workbench;
  let step = 0;
  /** Screenshots numbered in the order they are taken: authoring-01-…, authoring-02-… */
  const shot = (name: string) => workbench.screenshot(`authoring-${String(++step).padStart(2, '0')}-${name}`);
  const screenshots: Record<string, string> = {};

  before(async function () {
    this.timeout(180_000);
    sandbox = await startSandbox({ keys: [KEY] });
    assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    workbench = await Workbench.open({
      prepareFolder: (folder) => {
        const alice = sampleFaceJpeg(0);
        mkdirSync(join(folder, 'faces'));
        writeFileSync(join(folder, 'faces', 'alice.jpg'), alice);
        const request = {
          Person: { CustomID: CUSTOM_ID, Face: [{ 'Face-1': `data:image/jpeg;base64,${alice.toString('base64')}` }] },
        };
        writeFileSync(join(folder, REQUEST_FILE), `${JSON.stringify(request, null, 2)}\n`);
      },
      settings: { 'biopassid.environment': 'custom', 'biopassid.customBaseUrl': sandbox.url },
      env: { BIOPASSID_API_KEY: KEY },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await workbench?.screenshot(`authoring-failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await sandbox?.close();
    // The README's pictures: the problem as found, and the request sent.
    const images = join(REPO_ROOT, 'docs', 'images');
    if (screenshots.problem) copyFileSync(screenshots.problem, join(images, 'authoring-problem.png'));
    if (screenshots.sent) copyFileSync(screenshots.sent, join(images, 'authoring-sent.png'));
  });

  it('Explorer: opening the request file shows the data: prefix problem in the Problems panel', async () => {
    await workbench.explorerRow('faces').waitFor({ timeout: 20_000 });
    await workbench.explorerRow(REQUEST_FILE).click();
    await workbench.editorTab(REQUEST_FILE).waitFor({ timeout: 20_000 });
    await workbench.editorLines().filter({ hasText: '"Person"' }).waitFor({ timeout: 20_000 });
    await workbench.openProblems();
    const problem = await workbench.waitForProblem(DATA_URI_PROBLEM);
    const text = normaliseWhitespace((await problem.textContent()) ?? '');
    assert.match(text, /Person\.Face\[0\]\.Face-1 starts with the data URI prefix/);
    assert.match(text, /"data:image\/jpeg;base64,"/);
    assert.match(text, /BioPass ID\W*base64-data-uri/, 'the source and code of our diagnostic');
    assert.ok(
      normaliseWhitespace(await workbench.editorText()).includes('"Face-1": "data:image/jpeg;base64,'),
      'the editor shows the prefix',
    );
    screenshots.problem = await shot('data-uri-problem');
  });

  it('quick fix (Ctrl+.) "Remove the data: prefix" on the problem: the problem is gone, the value is raw base64', async () => {
    const problem = await workbench.waitForProblem(DATA_URI_PROBLEM);
    // A double click in the Problems panel puts the cursor on the problem and focuses the editor.
    await problem.dblclick();
    await workbench.page.locator('.part.editor .monaco-editor.focused').waitFor({ timeout: 10_000 });
    const fix = await workbench.openQuickFix('Remove the data: prefix');
    await shot('quick-fix-menu');
    await fix.click();
    await workbench.waitForNoProblem(DATA_URI_PROBLEM);
    await workbench.waitForEditorText(`"Face-1": "${JPEG_BASE64_START}`);
    const text = normaliseWhitespace(await workbench.editorText());
    assert.ok(!text.includes('data:image'), `the editor still shows the prefix: ${text.slice(0, 300)}`);
    assert.equal(await workbench.problemRows(DATA_URI_PROBLEM).count(), 0);
    await shot('quick-fix-applied');
  });

  it('CodeLens "Send as Enroll" above "Person" enrolls alice-0001 in the sandbox', async () => {
    const lens = workbench.codeLens('Send as Enroll');
    await lens.waitFor({ timeout: 20_000 });
    await shot('send-codelens');
    assert.equal(sandbox.requestLog.length, 0, 'nothing was sent before the click');
    await lens.click();
    await workbench.waitForNotification(`Enrolled ${CUSTOM_ID} -> BioPassID`);
    await workbench.runCommand('BioPass ID: Show Output');
    await workbench.outputView().waitFor();
    const output = await workbench.waitForOutput(`Enrolled ${CUSTOM_ID} -> BioPassID`);
    assert.match(output, new RegExp(`Enrolled ${CUSTOM_ID} -> BioPassID [\\w-]+`));
    await workbench.waitForNoNotification(/BioPass ID: \w+ on custom/);
    screenshots.sent = await shot('sent');

    const seen = sandbox.requestLog.map((entry) =>
      [entry.method, entry.operation, entry.status, entry.customId ?? '-'].join(' '),
    );
    assert.deepEqual(seen, [`POST enroll 200 ${CUSTOM_ID}`]);
  });

  it('hover on the Face-1 value: a JPEG, 160×160', async () => {
    const hover = await workbench.hoverEditorText(JPEG_BASE64_START);
    await hover.filter({ hasText: '160×160' }).waitFor({ timeout: 10_000 });
    const text = normaliseWhitespace((await hover.textContent()) ?? '');
    assert.match(text, /JPEG/);
    assert.match(text, /160×160 px/);
    assert.match(text, /inline base64/);
    await shot('image-hover');
  });
});
