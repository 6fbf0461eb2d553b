import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../src/core/images/samples';
import { activateExtension } from '../../support/extension';
import { ScratchFolder } from '../../support/workbench';
import {
  closeAllEditors,
  codeOf,
  encoder,
  formatRange,
  OUR_SOURCE,
  openInEditor,
  rangeOf,
  requestText,
  waitForDiagnostics,
} from './helpers';

describe('request files: $file images with a broken structure (real extension host)', () => {
  let folder: ScratchFolder;

  beforeEach(async () => {
    await activateExtension();
    folder = await ScratchFolder.create();
  });

  afterEach(async () => {
    await closeAllEditors();
    await folder.delete();
  });

  it('reports a self-looping TIFF as malformed and a JPEG without EOI as truncated, both errors on the path', async () => {
    const loop = Buffer.from(sampleFingerprintTiff(5));
    loop.writeUInt32LE(8, 8 + 2 + 12 * 12); // the one IFD's next-IFD pointer, back at itself
    await folder.write('self-loop.tif', loop);
    const jpeg = sampleFaceJpeg(5);
    await folder.write('cut.jpg', jpeg.subarray(0, jpeg.length - 2));
    await folder.write('whole.tif', sampleFingerprintTiff(5));
    const uri = await folder.write(
      'broken.enroll.biopass.json',
      encoder.encode(
        requestText({
          Person: {
            CustomID: 'broken',
            Face: [{ 'Face-1': { $file: './cut.jpg' } }],
            Fingers: [{ 'Finger-1': { $file: './self-loop.tif' }, 'Finger-2': { $file: './whole.tif' } }],
          },
        }),
      ),
    );
    const { document } = await openInEditor(uri);

    const found = await waitForDiagnostics(document.uri, 'two $file findings of ours', (all) => {
      const ours = all.filter((diagnostic) => diagnostic.source === OUR_SOURCE);
      return ours.length >= 2 ? ours : undefined;
    });
    const pathRange = (path: string) => {
      const quoted = rangeOf(document, `"${path}"`);
      return formatRange(new vscode.Range(quoted.start.translate(0, 1), quoted.end.translate(0, -1)));
    };
    const described = found
      .map((diagnostic) => ({
        code: codeOf(diagnostic),
        range: formatRange(diagnostic.range),
        severity: diagnostic.severity,
        message: diagnostic.message,
      }))
      .sort((a, b) => a.range.localeCompare(b.range));
    assert.deepEqual(
      described,
      [
        {
          code: 'file-reference-truncated',
          range: pathRange('./cut.jpg'),
          severity: vscode.DiagnosticSeverity.Error,
          message:
            './cut.jpg is a truncated JPEG: it ends before its end-of-image marker (an interrupted copy or download?). The API could not decode it.',
        },
        {
          code: 'file-reference-malformed',
          range: pathRange('./self-loop.tif'),
          severity: vscode.DiagnosticSeverity.Error,
          message:
            './self-loop.tif is a malformed TIFF: IFD at offset 8 points back to itself (a loop). The API could not decode it.',
        },
      ].sort((a, b) => a.range.localeCompare(b.range)),
      'the whole TIFF (Finger-2) has no finding',
    );
  });
});
