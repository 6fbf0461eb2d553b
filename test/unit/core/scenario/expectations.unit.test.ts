import * as assert from 'node:assert/strict';
import type { Outcome } from '../../../../src/core/http';
import { checkExpectations, unproducible } from '../../../../src/core/scenario/expectations';

const common = { latencyMs: 1, attempts: 1, summary: 's', explanation: 'e', nextStep: 'n', retryable: false };
const success = (operation: Outcome['operation'], body: unknown): Outcome => ({
  ...common,
  kind: 'success',
  operation,
  status: 200,
  body,
  schemaWarnings: [],
});
const badRequest: Outcome = {
  ...common,
  kind: 'bad-request',
  operation: 'enroll',
  status: 400,
  text: 'Failed to extract face template',
};

describe('scenario expectations', () => {
  it('checks status, verdicts, ICAO requirements, scores, faces and error texts', () => {
    assert.deepEqual(
      checkExpectations('verify', success('verify', { Person: { Match: true } }), { verdict: 'match', status: 200 }),
      [],
    );
    assert.deepEqual(
      checkExpectations('verify', success('verify', { Person: { Match: false } }), { verdict: 'match' }),
      [{ expectation: 'verdict', message: 'expected "match", got "no match"' }],
    );
    assert.deepEqual(
      checkExpectations('liveness', success('liveness', { Success: true, spoof: false }), { verdict: 'live' }),
      [],
    );
    const icao = success('check_icao', {
      ICAO: {
        FaceImageConformed: 80,
        Requirements: { Blurred: { IsConformed: true }, EyesClosed: { IsConformed: false } },
      },
    });
    assert.deepEqual(checkExpectations('check_icao', icao, { icaoConformed: ['Blurred'], scoreAtLeast: 80 }), []);
    assert.deepEqual(
      checkExpectations('check_icao', icao, { icaoConformed: ['Blurred', 'EyesClosed'], scoreAtLeast: 81 }).map(
        (f) => f.message,
      ),
      ['ICAO requirement not conformed: EyesClosed', 'expected a score of at least 81, got 80'],
    );
    assert.deepEqual(
      checkExpectations('face_detect', success('face_detect', { DetectedFaces: { FaceNumber: 2 } }), { faces: 1 }),
      [{ expectation: 'faces', message: 'expected 1 face, got 2' }],
    );
    assert.deepEqual(checkExpectations('enroll', badRequest, { status: 400, errorContains: 'face template' }), []);
    assert.deepEqual(
      checkExpectations('enroll', badRequest, { errorContains: 'duplicate' }).map((f) => f.expectation),
      ['errorContains'],
    );
  });

  it('without expectations a step must succeed; a failure says what came back', () => {
    assert.deepEqual(checkExpectations('enroll', badRequest), [
      { expectation: 'success', message: 'the call failed (HTTP 400): Failed to extract face template' },
    ]);
    assert.deepEqual(checkExpectations('enroll', success('enroll', {})), []);
  });

  it('knows which operation can produce which expectation', () => {
    assert.equal(unproducible('verify', 'verdict', { verdict: 'match' }), undefined);
    assert.equal(
      unproducible('liveness', 'verdict', { verdict: 'match' }),
      'liveness cannot answer "match": only verify does',
    );
    assert.equal(unproducible('enroll', 'faces', { faces: 1 }), 'enroll cannot produce "faces": only face_detect does');
    assert.equal(unproducible('enroll', 'status', { status: 200 }), undefined);
    assert.match(
      unproducible('verify', 'scoreAtLeast', { scoreAtLeast: 1 }) ?? '',
      /only match, check_icao, check_nfiq do/,
    );
  });
});
