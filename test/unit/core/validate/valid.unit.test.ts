import * as assert from 'node:assert/strict';
import type { OperationId } from '../../../../src/core/contract/operations';
import { OPERATION_IDS } from '../../../../src/core/contract/operations';
import { assertClean, FACE_JPEG, FACE_PNG, FINGER_PNG, FINGER_TIFF, pretty, TEMPLATE, WSQ } from './helpers';

/** A correct request of every operation, with real images of the kinds each takes. */
const VALID: Record<OperationId, unknown> = {
  enroll: { Person: { CustomID: '123.456.789-00', Face: [{ 'Face-1': FACE_JPEG }] } },
  verify: { Person: { CustomID: '123.456.789-00', Fingers: [{ 'Finger-1': FINGER_TIFF, 'Finger-6': FINGER_PNG }] } },
  update: {
    Person: { CustomID: '123.456.789-00', Face: [{ 'Face-1': FACE_PNG }], Fingers: [{ 'Finger-2': FINGER_TIFF }] },
  },
  delete: { Person: { CustomID: '123.456.789-00' } },
  match: { Match: { Type: 'FINGER', Format: 'ISO_IEC_2011_19794_2', Artifact_A: TEMPLATE, Artifact_B: TEMPLATE } },
  extract: { Extract: { Type: 'FACE', Format: 'BIOPASS', Artifact: FACE_JPEG } },
  wsq_encode: { Encode: { Image: FINGER_TIFF, Compression: 0.75, PPI: 500 } },
  decode: { Decode: { Wsq: WSQ } },
  face_detect: { Check: { Image: FACE_JPEG } },
  liveness: { Spoof: { Image: FACE_JPEG } },
  anonymizer: { Check: { Image: FACE_PNG } },
  check_icao: { Check: { Image: FACE_JPEG } },
  icao_crop: { Check: { Image: FACE_JPEG } },
  check_nfiq: { Check: { Image: FINGER_TIFF } },
};

describe('validateRequest: valid requests', () => {
  for (const operation of OPERATION_IDS) {
    it(`finds nothing wrong in a correct ${operation} request, with or without the operation given`, () => {
      const text = pretty(VALID[operation]);
      assert.deepEqual(assertClean(text, { operation }).operations, [operation]);
      assert.ok(assertClean(text).operations.includes(operation));
    });
  }

  it('finds nothing wrong in a request file whose images are $file references, and lists them', () => {
    const text = pretty({ Person: { CustomID: '7', Face: [{ 'Face-1': { $file: './face.jpg' } }] } });
    const result = assertClean(text, { operation: 'verify' });
    assert.deepEqual(
      result.fileReferences.map((reference) => reference.path),
      ['./face.jpg'],
    );
  });

  it('accepts compact and CRLF-formatted JSON alike', () => {
    assertClean(JSON.stringify(VALID.enroll));
    assertClean(pretty(VALID.verify).replace(/\n/g, '\r\n'));
  });
});
