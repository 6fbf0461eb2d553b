import * as assert from 'node:assert/strict';
import { ICAO_REQUIREMENTS } from '../../../src/core/contract/responses';
import { syntheticFacePng } from '../../../src/core/images/synthetic';
import { verdict } from '../../../src/core/verdict';

describe('verdict lines', () => {
  it('enroll and update name the CustomID and the BioPassID', () => {
    const body = { Person: { ClientID: 'c', CustomID: '1234', BioPassID: '1648' } };
    assert.equal(verdict('enroll', body), 'Enrolled 1234 -> BioPassID 1648');
    assert.equal(verdict('update', body), 'Updated 1234 -> BioPassID 1648');
  });

  it('verify says match or no match, and why, without claiming fingers that were not sent', () => {
    const all = ['Finger-1', 'Finger-2', 'Finger-3', 'Finger-4', 'Finger-5'];
    const matched = {
      Person: { CustomID: '1234', Match: true, MatchDetails: { FaceMatched: true, NonMatchedFingers: all } },
    };
    assert.equal(
      verdict('verify', matched, { sentFace: true, sentFingers: [] }),
      'Verify 1234: match (face matched; fingers not sent)',
    );
    const mixed = {
      Person: {
        CustomID: '7',
        Match: false,
        MatchDetails: { FaceMatched: false, NonMatchedFingers: ['Finger-2', 'Finger-3'] },
      },
    };
    assert.equal(
      verdict('verify', mixed, { sentFace: false, sentFingers: ['Finger-1', 'Finger-2'] }),
      'Verify 7: no match (no face sent; fingers matched: Finger-1; fingers not matched: Finger-2)',
    );
  });

  it('liveness, NFIQ, match and delete read at a glance', () => {
    assert.equal(verdict('liveness', { Success: true, result: 'Ok', spoof: false }), 'Liveness: live');
    assert.equal(verdict('liveness', { Success: true, result: 'Ok', spoof: true }), 'Liveness: spoof');
    assert.equal(verdict('check_nfiq', { NFIQ: { Quality: 2 } }), 'NFIQ quality: 2');
    assert.equal(verdict('match', { Match: { IsGenuine: true, Score: 97.5 } }), 'Match: genuine (score 97.5)');
    assert.equal(verdict('delete', { Person: { CustomID: '1234' } }), 'Deleted 1234');
  });

  it('ICAO lists the requirements that failed', () => {
    const requirements = Object.fromEntries(
      ICAO_REQUIREMENTS.map((name) => [
        name,
        { IsConformed: !['EyesClosed', 'Blurred'].includes(name), Confidence: 80 },
      ]),
    );
    const body = { ICAO: { FaceImageConformed: 21, IsAllConformed: false, Requirements: requirements } };
    assert.equal(verdict('check_icao', body), 'ICAO: 21/23 requirements met: Blurred, EyesClosed failed');
  });

  it('describes returned images without printing them', () => {
    const png = syntheticFacePng({ size: 64 }).toString('base64');
    const line = verdict('anonymizer', { FaceAnonymizer: { Image: png } });
    assert.match(line, /^Anonymized image: <png \d+ (B|KB) sha256:[0-9a-f]{8}>$/);
    assert.equal(
      verdict('face_detect', { DetectedFaces: { FaceNumber: 1, FaceRects: [{ x: 4, y: 5, width: 50, height: 60 }] } }),
      'Faces detected: 1 (50x60 at 4,5)',
    );
  });
});
