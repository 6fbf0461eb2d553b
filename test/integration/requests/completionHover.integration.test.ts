import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../src/core/images/samples';
import { formatSize } from '../../../src/core/redact';
import { pollUntil, positionIn, requestText, useRequestFolder } from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  const label = typeof item.label === 'string' ? item.label : item.label.label;
  return label.replace(/^"|"$/g, '');
}

function snippetOf(item: vscode.CompletionItem): string {
  return item.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item.insertText);
}

function documentationOf(item: vscode.CompletionItem): string {
  const { documentation } = item;
  return typeof documentation === 'string' ? documentation : (documentation?.value ?? '');
}

async function completions(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
    undefined,
    // Resolve every item, so documentation filled in lazily is there too.
    500,
  );
  return list.items;
}

/**
 * The completions once VS Code's JSON language server answers with them (until it is ready, only
 * word-based completions and contributed snippets come back): `ready` tells its items apart.
 */
function schemaCompletions(
  uri: vscode.Uri,
  position: vscode.Position,
  ready: (item: vscode.CompletionItem) => boolean,
): Promise<vscode.CompletionItem[]> {
  return pollUntil("the JSON language server's completions", async () => {
    const items = await completions(uri, position);
    return items.some(ready) ? items : undefined;
  });
}

const isProperty = (item: vscode.CompletionItem) => item.kind === vscode.CompletionItemKind.Property;

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n---\n');
}

async function hoversAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position));
}

/** The hover on a key, where only VS Code's JSON language server answers, once it does. */
function schemaHover(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  return pollUntil("the JSON language server's hover", async () => (await hoversAt(uri, position)) || undefined);
}

describe('request files: completion and hover (real extension host)', () => {
  const requests = useRequestFolder();
  const open = (name: string, text: string) => requests.open(name, text);

  describe('completion (the shipped schemas and snippets)', () => {
    it('offers CustomID, Face and Fingers inside "Person": { } of an enroll request', async () => {
      const document = await open('alice.enroll.biopass.json', '{\n  "Person": {\n    \n  }\n}\n');
      const labels = (await schemaCompletions(document.uri, new vscode.Position(2, 4), isProperty)).map(labelOf);
      for (const key of ['CustomID', 'Face', 'Fingers'])
        assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
      assert.ok(!labels.includes('Check'), 'envelope keys are not offered inside Person');
    });

    it('offers Finger-7 inside a Fingers object, documented as the left index', async () => {
      const document = await open(
        'bob.enroll.biopass.json',
        '{\n  "Person": {\n    "CustomID": "bob",\n    "Fingers": [\n      {\n        \n      }\n    ]\n  }\n}\n',
      );
      const items = await schemaCompletions(document.uri, new vscode.Position(5, 8), isProperty);
      const labels = items.map(labelOf);
      for (let n = 1; n <= 10; n++) assert.ok(labels.includes(`Finger-${n}`), `Finger-${n} in ${labels.join(', ')}`);
      const finger7 = items.find((item) => labelOf(item) === 'Finger-7');
      assert.match(documentationOf(finger7 as vscode.CompletionItem), /left index/);
    });

    it('offers the request snippets (prefix biopass-enroll, …) at the top of an empty .biopass.json', async () => {
      const document = await open('empty.biopass.json', '');
      // The schema's own snippets (defaultSnippets) come from the JSON language server once it is ready.
      const fromSchema = (item: vscode.CompletionItem) => labelOf(item) === 'BioPass ID: Enroll';
      const items = await schemaCompletions(document.uri, new vscode.Position(0, 0), fromSchema);
      const labels = items.map(labelOf);
      for (const prefix of ['biopass-enroll', 'biopass-verify', 'biopass-update', 'biopass-delete']) {
        assert.ok(labels.includes(prefix), `${prefix} in ${labels.join(', ')}`);
      }
      const enroll = items.find((item) => labelOf(item) === 'biopass-enroll') as vscode.CompletionItem;
      assert.equal(enroll.kind, vscode.CompletionItemKind.Snippet);
      assert.match(snippetOf(enroll), /"Person"[\s\S]*"CustomID": "\$\{1:1234\}"[\s\S]*"Face-1"/);
    });

    it('inserts a literal "$file" key from both request snippets', async () => {
      const document = await open('snippet.biopass.json', '');
      const editor = vscode.window.activeTextEditor as vscode.TextEditor;
      const items = await schemaCompletions(document.uri, new vscode.Position(0, 0), (item) =>
        labelOf(item).startsWith('BioPass ID:'),
      );
      for (const label of ['biopass-enroll', 'BioPass ID: Enroll']) {
        const item = items.find((each) => labelOf(each) === label) as vscode.CompletionItem;
        const whole = new vscode.Range(0, 0, document.lineCount, 0);
        assert.ok(await editor.insertSnippet(new vscode.SnippetString(snippetOf(item)), whole));
        const body = JSON.parse(document.getText()) as { Person: { Face: { 'Face-1': Record<string, string> }[] } };
        assert.deepEqual(body.Person.Face[0]?.['Face-1'], { $file: './face.jpg' }, `${label}: ${document.getText()}`);
      }
    });
  });

  describe('hover', () => {
    const jpeg = sampleFaceJpeg(31);
    const base64 = jpeg.toString('base64');

    it('describes an inline base64 image: JPEG, 160×160, its size, with a thumbnail', async () => {
      const document = await open(
        'carol.enroll.biopass.json',
        requestText({ Person: { CustomID: 'carol', Face: [{ 'Face-1': base64 }] } }),
      );
      const text = await hoversAt(document.uri, positionIn(document, base64, 100));
      assert.match(text, /\*\*JPEG\*\* · 160×160 px/);
      assert.ok(text.includes(formatSize(jpeg.length)), `${formatSize(jpeg.length)} in ${text.slice(0, 300)}`);
      assert.match(text, /inline base64/);
      assert.match(text, /!\[thumbnail\]\(data:image\/jpeg;base64,/);
    });

    it('describes the image a $file names, read from disk next to the request', async () => {
      await requests.folder.write('dave.jpg', jpeg);
      const document = await open(
        'dave.enroll.biopass.json',
        requestText({ Person: { CustomID: 'dave', Face: [{ 'Face-1': { $file: './dave.jpg' } }] } }),
      );
      const text = await hoversAt(document.uri, positionIn(document, './dave.jpg', 3));
      assert.match(text, /\*\*JPEG\*\* · 160×160 px/);
      assert.ok(text.includes(formatSize(jpeg.length)));
      assert.match(text, /\.\/dave\.jpg/);
    });

    it('says when a $file cannot be read', async () => {
      const document = await open(
        'erin.enroll.biopass.json',
        requestText({ Person: { CustomID: 'erin', Face: [{ 'Face-1': { $file: './nowhere.jpg' } }] } }),
      );
      const text = await hoversAt(document.uri, positionIn(document, './nowhere.jpg', 3));
      assert.match(text, /`\.\/nowhere\.jpg` cannot be read/);
    });

    it("shows the schema's text for Finger-7: the left index", async () => {
      const tiff = sampleFingerprintTiff(32).toString('base64');
      const document = await open(
        'frank.enroll.biopass.json',
        requestText({ Person: { CustomID: 'frank', Fingers: [{ 'Finger-7': tiff }] } }),
      );
      const text = await schemaHover(document.uri, positionIn(document, '"Finger-7"', 3));
      assert.match(text, /Finger-7: left index/);
    });

    it("shows the schema's text for Finger-7 when it holds a $file reference", async () => {
      const document = await open(
        'grace.enroll.biopass.json',
        requestText({ Person: { CustomID: 'grace', Fingers: [{ 'Finger-7': { $file: './f7.tif' } }] } }),
      );
      const text = await schemaHover(document.uri, positionIn(document, '"Finger-7"', 3));
      assert.match(text, /Finger-7: left index/);
    });
  });
});
