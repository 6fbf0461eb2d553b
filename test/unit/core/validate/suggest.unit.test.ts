import * as assert from 'node:assert/strict';
import { closestMatch, editDistance } from '../../../../src/core/validate/suggest';

describe('closestMatch', () => {
  const PERSON = ['CustomID', 'Face', 'Fingers'];

  it('prefers a case-insensitive match, then one ignoring punctuation', () => {
    assert.equal(closestMatch('customid', PERSON), 'CustomID');
    assert.equal(closestMatch('custom_id', PERSON), 'CustomID');
    assert.equal(closestMatch('artifact-a', ['Artifact_A', 'Artifact_B']), 'Artifact_A');
  });

  it('finds typos within a third of the length, a transposition counting once', () => {
    assert.equal(editDistance('fcae', 'face'), 1);
    assert.equal(closestMatch('Fcae', PERSON), 'Face');
    assert.equal(closestMatch('CostumID', PERSON), 'CustomID');
    assert.equal(closestMatch('Fingerz', PERSON), 'Fingers');
  });

  it('gives nothing when no candidate is close, or two are equally close', () => {
    assert.equal(closestMatch('Nickname', PERSON), undefined);
    assert.equal(closestMatch('Artifact_C', ['Artifact_A', 'Artifact_B']), undefined);
    assert.equal(closestMatch('x'.repeat(10_000), PERSON), undefined);
  });
});
