import * as assert from 'node:assert/strict';
import { sampleFaceJpeg } from '../../../../src/core/images/samples';
import { validateRequest } from '../../../../src/core/validate/validateRequest';
import {
  assertClean,
  assertDiagnostic,
  assertFixCleans,
  codes,
  FACE_JPEG,
  FINGER_PNG,
  FINGER_TIFF,
  offsetOf,
  pretty,
  single,
  TEMPLATE,
  WSQ,
} from './helpers';

/** A Match request: its artifacts are opaque templates, so only the base64 itself is checked. */
function match(artifact: string): string {
  return `{ "Match": { "Type": "FACE", "Format": "BIOPASS", "Artifact_A": "${artifact}", "Artifact_B": "${TEMPLATE}" } }`;
}

function liveness(image: string): string {
  return `{ "Spoof": { "Image": "${image}" } }`;
}

/** A PNG header alone: readers take the size from IHDR, so no pixels are needed. */
function pngHeader(width: number, height: number): string {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(header);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header.toString('base64');
}

describe('validateRequest: base64 text', () => {
  it('points at the first character outside the alphabet', () => {
    const artifact = 'QUJD%EFG';
    const text = match(artifact);
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'base64-alphabet', offset: offsetOf(text, '%'), length: 1 });
    assert.match(diagnostic.message, /"%" at character 5 is not base64/);
  });

  it('finds a non-ASCII character, even one whose low byte looks like base64', () => {
    // U+0141 encoded as Latin-1 would become 0x41, "A": the scan must not be fooled.
    const text = match('QUJDŁUJD');
    assertDiagnostic(single(text), { code: 'base64-alphabet', offset: offsetOf(text, 'Ł'), length: 1 });
  });

  it('gives a character outside the BMP its two UTF-16 units', () => {
    const text = match('QUJD😀QUJD');
    assertDiagnostic(single(text), { code: 'base64-alphabet', offset: offsetOf(text, '😀'), length: 2 });
  });

  it('explains base64url characters', () => {
    const text = match('QUJD-_EF');
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'base64-alphabet', offset: offsetOf(text, '-'), length: 1 });
    assert.match(diagnostic.message, /base64url/);
  });

  it('explains line-wrapped base64, pointing at the whole escape sequence', () => {
    const text = match('QUJD\\nQUJD');
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'base64-alphabet', offset: offsetOf(text, '\\n'), length: 2 });
    assert.match(diagnostic.message, /whitespace \("\\n"\)/);
  });

  it('accepts base64 whose slashes are escaped, and still places errors exactly after escapes', () => {
    assertClean(match('Q\\/\\/D'));
    const text = match('Q\\/\\/D%AAA');
    assertDiagnostic(single(text), { code: 'base64-alphabet', offset: offsetOf(text, '%'), length: 1 });
  });

  it('adds the missing padding', () => {
    const text = match('QUI');
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'base64-padding', offset: offsetOf(text, 'QUI'), length: 3 });
    assert.deepEqual(diagnostic.fix?.edits, [{ offset: offsetOf(text, 'QUI') + 3, length: 0, newText: '=' }]);
    assertFixCleans(text, diagnostic);

    const two = match('QUJDQQ');
    const twoDiagnostic = single(two);
    assertDiagnostic(twoDiagnostic, { code: 'base64-padding', offset: offsetOf(two, 'QQ"'), length: 2 });
    assert.equal(twoDiagnostic.fix?.edits[0]?.newText, '==');
    assertFixCleans(two, twoDiagnostic);
  });

  it('reports padding in the middle, as when two images are pasted together', () => {
    const text = match('QQ==QUJD');
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'base64-padding', offset: offsetOf(text, '=='), length: 2 });
    assert.match(diagnostic.message, /in the middle/);
  });

  it('reports more than two padding characters on the ones too many', () => {
    const text = match('QQ===');
    assertDiagnostic(single(text), { code: 'base64-padding', offset: offsetOf(text, '===') + 2, length: 1 });
  });

  it('reports a length that no padding can fix on the incomplete group', () => {
    const text = match('QUJDR');
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'base64-length', offset: offsetOf(text, 'QUJDR') + 4, length: 1 });
    assert.match(diagnostic.message, /truncated or holds a stray character/);
  });

  it('removes a data URI prefix, which the SDK strips and the API refuses', () => {
    const text = liveness(`data:image/jpeg;base64,${FACE_JPEG}`);
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'base64-data-uri', offset: offsetOf(text, 'data:'), length: 23 });
    assert.match(diagnostic.message, /raw base64 only/);
    assert.equal(assertFixCleans(text, diagnostic), liveness(FACE_JPEG));
  });

  it('reports a data: start with no comma without guessing a fix', () => {
    const text = liveness('data:image/jpeg');
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'base64-data-uri', offset: offsetOf(text, 'data:'), length: 5 });
    assert.equal(diagnostic.fix, undefined);
  });

  it('reports an empty image', () => {
    const text = liveness('');
    assertDiagnostic(single(text), { code: 'base64-empty', offset: offsetOf(text, '""'), length: 2 });
  });
});

describe('validateRequest: image content', () => {
  it('reports bytes that are no image at all', () => {
    const text = liveness('AAAAAAAA');
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'image-not-an-image', offset: offsetOf(text, '"AAAA'), length: 10 });
    assert.match(diagnostic.message, /start with 00 00 00 00 00 00, not the header of a JPEG or PNG file/);
  });

  it('names an image format the API does not read', () => {
    const gif = Buffer.from('GIF89a\u0001\u0000\u0001\u0000', 'latin1').toString('base64');
    const diagnostic = single(liveness(gif));
    assert.equal(diagnostic.code, 'image-not-an-image');
    assert.match(diagnostic.message, /holds a GIF file/);
  });

  it('warns about an image kind the field does not take', () => {
    const text = liveness(FINGER_TIFF);
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, {
      code: 'image-unexpected-kind',
      offset: offsetOf(text, `"${FINGER_TIFF}"`),
      length: FINGER_TIFF.length + 2,
      severity: 'warning',
    });
    assert.match(diagnostic.message, /holds a TIFF image, but a face image is sent as JPEG or PNG/);

    const decode = `{ "Decode": { "Wsq": "${FINGER_PNG}" } }`;
    assert.match(single(decode).message, /holds a PNG image, but a WSQ fingerprint image is sent as WSQ/);
  });

  it('checks a Check image against every kind a Check operation takes when no operation is given', () => {
    assertClean(`{ "Check": { "Image": "${FACE_JPEG}" } }`);
    assertClean(`{ "Check": { "Image": "${FINGER_TIFF}" } }`);
    const wsq = `{ "Check": { "Image": "${WSQ}" } }`;
    assert.match(single(wsq).message, /a face or fingerprint image is sent as JPEG, PNG or TIFF/);
    const nfiq = single(`{ "Check": { "Image": "${FACE_JPEG}" } }`, { operation: 'check_nfiq' });
    assert.equal(nfiq.code, 'image-unexpected-kind');
  });

  it('refuses an image over the size limit, computed from the base64 length', () => {
    const text = liveness(FACE_JPEG);
    const bytes = Buffer.from(FACE_JPEG, 'base64').length;
    const diagnostic = single(text, { maxImageBytes: bytes - 1 });
    assertDiagnostic(diagnostic, {
      code: 'image-too-large',
      offset: offsetOf(text, '"/9j'),
      length: FACE_JPEG.length + 2,
    });
    assert.match(diagnostic.message, /over the .* limit: this tool refuses to send it/);
    assertClean(text, { maxImageBytes: bytes });
  });

  it('warns about an absurdly small image', () => {
    const tiny = sampleFaceJpeg(0, 16).toString('base64');
    const text = liveness(tiny);
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, {
      code: 'image-too-small',
      offset: offsetOf(text, '"/9j'),
      length: tiny.length + 2,
      severity: 'warning',
    });
    assert.match(diagnostic.message, /only 16×16 pixels/);
  });

  it('notes a face over 4096 pixels, but not an image that may be a fingerprint', () => {
    const huge = pngHeader(5000, 3000);
    const text = `{ "Check": { "Image": "${huge}" } }`;
    const diagnostic = single(text, { operation: 'check_icao' });
    assertDiagnostic(diagnostic, {
      code: 'image-oversized',
      offset: offsetOf(text, `"${huge}"`),
      length: huge.length + 2,
      severity: 'info',
    });
    assert.match(diagnostic.message, /5000×3000 pixels/);
    assertClean(text);
  });

  it('warns about an image whose header is cut short', () => {
    const truncated = Buffer.from(FACE_JPEG, 'base64').subarray(0, 30).toString('base64');
    const diagnostic = single(liveness(truncated));
    assert.equal(diagnostic.code, 'image-header-unreadable');
    assert.equal(diagnostic.severity, 'warning');
  });

  it('finds the size of a JPEG whose metadata pushes the frame header past the first decoded block', () => {
    const jpeg = sampleFaceJpeg(0, 16);
    const app1 = Buffer.alloc(60_000 + 4);
    app1.writeUInt16BE(0xffe1, 0);
    app1.writeUInt16BE(60_000 + 2, 2);
    const withMetadata = Buffer.concat([jpeg.subarray(0, 2), app1, app1, jpeg.subarray(2)]).toString('base64');
    assert.equal(single(liveness(withMetadata)).code, 'image-too-small');
  });

  it('does not look for image content in templates', () => {
    assertClean(match(Buffer.from('not an image, a template').toString('base64')));
  });
});

describe('validateRequest: $file references', () => {
  it('collects references with the range of the path inside its quotes, the role and the JSON path', () => {
    const text = pretty({
      Person: {
        CustomID: '1',
        Face: [{ 'Face-1': { $file: './face.jpg' } }],
        Fingers: [{ 'Finger-2': { $file: 'r\\index.tif' } }],
      },
    });
    const result = assertClean(text, { operation: 'enroll' });
    assert.deepEqual(result.fileReferences, [
      {
        path: './face.jpg',
        offset: offsetOf(text, './face.jpg'),
        length: 10,
        role: 'face',
        jsonPath: ['Person', 'Face', 0, 'Face-1'],
      },
      {
        path: 'r\\index.tif',
        offset: offsetOf(text, 'r\\\\index.tif'),
        length: 'r\\\\index.tif'.length,
        role: 'finger',
        jsonPath: ['Person', 'Fingers', 0, 'Finger-2'],
      },
    ]);
  });

  it('gives a Check reference the merged role when no operation is given', () => {
    const text = '{ "Check": { "Image": { "$file": "./x.png" } } }';
    assert.equal(assertClean(text).fileReferences[0]?.role, 'faceOrFinger');
    assert.equal(assertClean(text, { operation: 'check_nfiq' }).fileReferences[0]?.role, 'finger');
  });

  it('reports an empty or blank $file', () => {
    for (const path of ['', '  ']) {
      const text = `{ "Spoof": { "Image": { "$file": "${path}" } } }`;
      const result = validateRequest(text);
      assert.deepEqual(codes(result), ['file-reference-empty']);
      assertDiagnostic(result.diagnostics[0], {
        code: 'file-reference-empty',
        offset: offsetOf(text, `"${path}"`),
        length: path.length + 2,
      });
      assert.deepEqual(result.fileReferences, []);
    }
  });

  it('renames a misspelt $file, and reports other keys and wrong types', () => {
    const text = '{ "Spoof": { "Image": { "file": "./face.jpg" } } }';
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'unknown-key', offset: offsetOf(text, '"file"'), length: 6 });
    const fixed = assertFixCleans(text, diagnostic);
    assert.equal(validateRequest(fixed).fileReferences[0]?.path, './face.jpg');

    const notAString = '{ "Spoof": { "Image": { "$file": 3 } } }';
    assertDiagnostic(single(notAString), { code: 'wrong-type', offset: offsetOf(notAString, '3 '), length: 1 });

    const empty = '{ "Spoof": { "Image": {} } }';
    assertDiagnostic(single(empty), { code: 'missing-key', offset: offsetOf(empty, '"Image"'), length: 7 });
  });
});
