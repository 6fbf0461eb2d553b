import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../../src/context';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../src/core/images/samples';
import { activateExtension, waitFor } from '../../support/extension';
import { ScratchFolder, unique } from '../../support/workbench';
import {
  assertRange,
  closeAllEditors,
  codeOf,
  encoder,
  formatRange,
  OUR_SOURCE,
  openInEditor,
  ourDiagnostics,
  rangeOf,
  requestText,
  schemaDiagnostics,
  tabOf,
  waitForDiagnostics,
  waitForOurCode,
} from './helpers';

const FACE = sampleFaceJpeg(21).toString('base64');
const DATA_PREFIX = 'data:image/jpeg;base64,';

describe('request files: diagnostics (real extension host)', () => {
  let services: ExtensionServices;
  let folder: ScratchFolder;
  const outside: vscode.Uri[] = [];

  beforeEach(async () => {
    services = await activateExtension();
    folder = await ScratchFolder.create();
  });

  afterEach(async () => {
    await closeAllEditors();
    await folder.delete();
    for (const uri of outside.splice(0)) await vscode.workspace.fs.delete(uri, { useTrash: false });
  });

  async function openRequest(name: string, body: unknown): Promise<vscode.TextEditor> {
    const uri = await folder.write(name, encoder.encode(requestText(body)));
    return openInEditor(uri);
  }

  it('reports a data: prefix on the prefix itself (code base64-data-uri), as an error, once', async () => {
    const { document } = await openRequest('alice.enroll.biopass.json', {
      Person: { CustomID: 'alice', Face: [{ 'Face-1': `${DATA_PREFIX}${FACE}` }] },
    });

    const diagnostic = await waitForOurCode(document.uri, 'base64-data-uri');
    assertRange(diagnostic.range, rangeOf(document, DATA_PREFIX), 'the data: prefix');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /data URI prefix "data:image\/jpeg;base64,".*raw base64/);
    assert.deepEqual(
      ourDiagnostics(document.uri).map(codeOf),
      ['base64-data-uri'],
      'the image after the prefix is a valid JPEG: nothing else to say',
    );
  });

  it('checks $file images on disk: missing, outside the workspace, not an image, the wrong kind; a good one passes', async () => {
    await folder.write('left-index.tif', sampleFingerprintTiff(3));
    await folder.write('notes.txt', encoder.encode('not a fingerprint, just some notes\n'));
    await folder.write('portrait.jpg', sampleFaceJpeg(22));
    // Two levels up from the scratch folder: the workspace folder's parent, outside the workspace.
    const outsideName = `${unique('outside')}.tif`;
    const workspaceParent = vscode.Uri.joinPath(folder.uri, '..', '..');
    const outsideImage = vscode.Uri.joinPath(workspaceParent, outsideName);
    await vscode.workspace.fs.writeFile(outsideImage, sampleFingerprintTiff(4));
    outside.push(outsideImage);

    const { document } = await openRequest('fingers.enroll.biopass.json', {
      Person: {
        CustomID: 'fingers',
        Fingers: [
          {
            'Finger-1': { $file: './missing.tif' },
            'Finger-2': { $file: `../../${outsideName}` },
            'Finger-3': { $file: './notes.txt' },
            'Finger-6': { $file: './portrait.jpg' },
            'Finger-7': { $file: './left-index.tif' },
          },
        ],
      },
    });

    const found = await waitForDiagnostics(document.uri, 'four $file findings of ours', (all) => {
      const ours = all.filter((diagnostic) => diagnostic.source === OUR_SOURCE);
      return ours.length >= 4 ? ours : undefined;
    });
    const described = found.map((diagnostic) => ({
      code: codeOf(diagnostic),
      range: formatRange(diagnostic.range),
      severity: diagnostic.severity,
    }));
    const pathRange = (path: string) => {
      const quoted = rangeOf(document, `"${path}"`);
      return formatRange(new vscode.Range(quoted.start.translate(0, 1), quoted.end.translate(0, -1)));
    };
    assert.deepEqual(
      described.sort((a, b) => a.range.localeCompare(b.range)),
      [
        {
          code: 'file-reference-unusable',
          range: pathRange('./missing.tif'),
          severity: vscode.DiagnosticSeverity.Error,
        },
        {
          code: 'file-reference-unusable',
          range: pathRange(`../../${outsideName}`),
          severity: vscode.DiagnosticSeverity.Error,
        },
        {
          code: 'file-reference-not-an-image',
          range: pathRange('./notes.txt'),
          severity: vscode.DiagnosticSeverity.Error,
        },
        {
          code: 'file-reference-unexpected-kind',
          range: pathRange('./portrait.jpg'),
          severity: vscode.DiagnosticSeverity.Warning,
        },
      ].sort((a, b) => a.range.localeCompare(b.range)),
      'the good fingerprint (Finger-7) has no finding',
    );
    const messageAt = (path: string) =>
      found.find((diagnostic) => formatRange(diagnostic.range) === pathRange(path))?.message ?? '';
    assert.match(messageAt('./missing.tif'), /missing\.tif does not exist/);
    assert.match(messageAt(`../../${outsideName}`), /resolves outside the workspace folder/);
    assert.match(messageAt('./notes.txt'), /notes\.txt is not an image.*fingerprint image/);
    assert.match(messageAt('./portrait.jpg'), /portrait\.jpg is a JPEG image; this field takes a fingerprint image/);
  });

  it('reads inline images: a fingerprint TIFF in Face-1 and text in a finger are told apart from images that fit', async () => {
    const tiff = sampleFingerprintTiff(5).toString('base64');
    const text = Buffer.from('These are meeting notes, pasted where a fingerprint belongs.').toString('base64');
    const { document } = await openRequest('mixed.enroll.biopass.json', {
      Person: {
        CustomID: 'mixed',
        Face: [{ 'Face-1': tiff }],
        Fingers: [{ 'Finger-2': text, 'Finger-3': sampleFingerprintTiff(6).toString('base64') }],
      },
    });

    const kind = await waitForOurCode(document.uri, 'image-unexpected-kind');
    assertRange(kind.range, rangeOf(document, `"${tiff}"`), 'the Face-1 string');
    assert.equal(kind.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(kind.message, /holds a TIFF image, but a face image is sent as JPEG or PNG/);

    const notImage = await waitForOurCode(document.uri, 'image-not-an-image');
    assertRange(notImage.range, rangeOf(document, `"${text}"`), 'the Finger-2 string');
    assert.equal(notImage.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(ourDiagnostics(document.uri).length, 2, 'Finger-3 holds a fingerprint TIFF: no finding');
  });

  it("leaves to VS Code's schema validation what it reports (unknown CustomId, missing CustomID): no duplicate of ours", async () => {
    const { document } = await openRequest('bob.enroll.biopass.json', {
      Person: { CustomId: 'bob', Face: [{ 'Face-1': `${DATA_PREFIX}${FACE}` }] },
    });
    const misspelt = rangeOf(document, '"CustomId"');

    // The data: prefix is ours alone: once it is published, ours are complete.
    await waitForOurCode(document.uri, 'base64-data-uri');
    const fromSchema = await waitForDiagnostics(document.uri, "the JSON schema's unknown-key diagnostic", (all) =>
      all.find(
        (diagnostic) =>
          diagnostic.source !== OUR_SOURCE &&
          diagnostic.range.intersection(misspelt) !== undefined &&
          /CustomId/.test(diagnostic.message),
      ),
    );
    assert.match(fromSchema.message, /not allowed/i);
    assert.ok(
      schemaDiagnostics(document.uri).some((diagnostic) => /CustomID/.test(diagnostic.message)),
      'the schema also says CustomID is missing',
    );
    const ours = ourDiagnostics(document.uri);
    assert.deepEqual(ours.map(codeOf), ['base64-data-uri'], 'no unknown-key or missing-key of ours');
    assert.ok(ours.every((diagnostic) => diagnostic.range.intersection(misspelt) === undefined));
    // The validator does find it: held back, not missed (its rename is still offered as a quick fix).
    const codes = services.validation.validate(document).diagnostics.map((finding) => finding.code);
    assert.ok(codes.includes('unknown-key'), codes.join(', '));
  });

  it('updates after an edit (debounced), and a fixed request is clean', async () => {
    await folder.write('face.jpg', sampleFaceJpeg(23));
    const { document } = await openRequest('carol.enroll.biopass.json', {
      Person: { CustomID: 'carol', Face: [{ 'Face-1': { $file: './face.jpg' } }] },
    });
    // Valid at first: the first thing we publish for it is an empty list.
    assert.deepEqual(await services.diagnostics.refresh(document), []);

    let edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, rangeOf(document, './face.jpg'), './gone.jpg');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const unusable = await waitForOurCode(document.uri, 'file-reference-unusable');
    assertRange(unusable.range, rangeOf(document, './gone.jpg'), 'the new path');

    edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, rangeOf(document, './gone.jpg'), './face.jpg');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(document.uri, 'our diagnostics to clear after the fix', (all) =>
      all.some((diagnostic) => diagnostic.source === OUR_SOURCE) ? undefined : true,
    );
  });

  it('clears ours when the editor is closed', async () => {
    const { document } = await openRequest('dave.enroll.biopass.json', {
      Person: { CustomID: 'dave', Face: [{ 'Face-1': `${DATA_PREFIX}${FACE}` }] },
    });
    const { uri } = document;
    await waitForOurCode(uri, 'base64-data-uri');

    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the tab to close', () => (tabOf(uri) ? undefined : true));
    await waitForDiagnostics(uri, 'our diagnostics to be cleared on close', (all) =>
      all.some((diagnostic) => diagnostic.source === OUR_SOURCE) ? undefined : true,
    );
  });

  it('validates a plain .json whose $schema is one of ours, pinned to that operation (delete carrying a Face)', async () => {
    const { document } = await openRequest('legacy-delete.json', {
      $schema: 'biopassid-schema:/operations/delete.schema.json',
      Person: { CustomID: 'erin', Face: [{ 'Face-1': FACE }] },
    });

    const extra = await waitForOurCode(document.uri, 'delete-extra-property');
    assertRange(extra.range, rangeOf(document, '"Face"'), 'the Face key');
    assert.match(extra.message, /A delete request carries only CustomID/);
    // VS Code's own validation loads the same schema through our biopassid-schema: documents.
    await waitForDiagnostics(document.uri, 'the delete schema, served by the extension, to be applied', (all) =>
      all.find((diagnostic) => diagnostic.source !== OUR_SOURCE && /Face/.test(diagnostic.message)),
    );
  });

  it('leaves ordinary JSON files alone', async () => {
    const { document } = await openRequest('settings-like.json', {
      Person: { CustomID: 'frank', Face: [{ 'Face-1': `${DATA_PREFIX}${FACE}` }] },
    });
    assert.deepEqual(await services.diagnostics.refresh(document), []);
    assert.deepEqual(ourDiagnostics(document.uri), []);
  });
});
