import * as assert from 'node:assert/strict';
import { imageFileProblem, structureProblem } from '../../../../src/core/images/integrity';
import {
  sampleFaceJpeg,
  sampleFacePng,
  sampleFingerprintPng,
  sampleFingerprintTiff,
} from '../../../../src/core/images/samples';

function cut(bytes: Buffer, keep: number): Buffer {
  return bytes.subarray(0, keep);
}

describe('imageFileProblem', () => {
  it('passes whole images of the kinds each role takes', () => {
    assert.equal(imageFileProblem('face.jpg', sampleFaceJpeg(1), 'face'), undefined);
    assert.equal(imageFileProblem('face.png', sampleFacePng(1), 'face'), undefined);
    assert.equal(imageFileProblem('print.tif', sampleFingerprintTiff(1), 'finger'), undefined);
    assert.equal(imageFileProblem('print.png', sampleFingerprintPng(1), 'finger'), undefined);
  });

  it('names the file and the problem: not an image, the wrong kind, or cut short', () => {
    assert.equal(
      imageFileProblem('notes.jpg', Buffer.from('plain text'), 'face'),
      'notes.jpg is not an image; this takes a face image (JPEG or PNG).',
    );
    assert.equal(
      imageFileProblem('print.tif', sampleFingerprintTiff(2), 'face'),
      'print.tif is a TIFF image; this takes a face image (JPEG or PNG).',
    );
    const jpeg = sampleFaceJpeg(2);
    assert.equal(
      imageFileProblem('cut.jpg', cut(jpeg, jpeg.length - 2), 'face'),
      'cut.jpg is a truncated JPEG: it ends before its end-of-image marker (an interrupted copy or download?).',
    );
    const png = sampleFacePng(2);
    assert.equal(
      imageFileProblem('cut.png', cut(png, png.length - 12), 'face'),
      'cut.png is a truncated PNG: it ends before its IEND chunk (an interrupted copy or download?).',
    );
  });
});

describe('structureProblem: truncation', () => {
  it('finds a JPEG cut anywhere: in its header, in its scan data, or just before the end marker', () => {
    const jpeg = sampleFaceJpeg(3);
    for (const keep of [3, 20, 200, Math.floor(jpeg.length / 2), jpeg.length - 1]) {
      const problem = structureProblem('a.jpg', cut(jpeg, keep), 'jpeg');
      assert.equal(problem?.fault, 'truncated', `cut to ${keep} of ${jpeg.length} bytes: ${problem?.message}`);
    }
  });

  it('accepts a JPEG with bytes after its end marker, and tells an EOI in the header from the real one', () => {
    const jpeg = sampleFaceJpeg(4);
    assert.equal(structureProblem('a.jpg', Buffer.concat([jpeg, Buffer.alloc(16)]), 'jpeg'), undefined);
    // SOI then EOI at once: a header with no image data after it.
    assert.equal(
      structureProblem('a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'jpeg')?.message,
      'a.jpg is a malformed JPEG: its end-of-image marker at offset 2 comes before any scan (SOS): it holds no image data.',
    );
  });

  it('finds a TIFF cut inside its strip, though TIFF has no end marker', () => {
    const tiff = sampleFingerprintTiff(4);
    assert.equal(
      structureProblem('a.tif', cut(tiff, tiff.length - 10), 'tiff')?.message,
      `a.tif is a truncated TIFF: it ends inside strip 1 of 1 (IFD at offset 8), which declares 16,384 bytes from offset 174, but the file ends at ${(tiff.length - 10).toLocaleString('en-US')} (an interrupted copy or download, or a wrong StripByteCounts?).`,
    );
  });
});
