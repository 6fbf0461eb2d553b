import * as assert from 'node:assert/strict';
import { KNOWN_400_TEXTS, SANDBOX_400_TEXTS } from '../../../../src/core/contract/choices';
import { FINGER_KEYS } from '../../../../src/core/contract/fields';
import { sampleFaceJpeg, sampleFacePng, sampleFingerprintTiff } from '../../../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../../../src/core/sandbox';
import { call, callOk, person } from './client';

const face = sampleFaceJpeg(0);
const otherFace = sampleFaceJpeg(1);
const thumb = sampleFingerprintTiff(0);
const index = sampleFingerprintTiff(1);
const otherFinger = sampleFingerprintTiff(2);

describe('sandbox persons', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.reset());

  it('enrolls a person and answers with the client, the CustomID and a stable BioPassID', async () => {
    const body = person('doc-1', { face, fingers: { 1: thumb } });
    const enrolled = await callOk(sandbox, 'enroll', body);
    assert.equal(enrolled.Person.ClientID, 'sandbox');
    assert.equal(enrolled.Person.CustomID, 'doc-1');
    assert.match(enrolled.Person.BioPassID, /^[0-9a-f]{12}$/);

    sandbox.reset();
    const again = await callOk(sandbox, 'enroll', body);
    assert.equal(again.Person.BioPassID, enrolled.Person.BioPassID, 'derived from CustomID and templates, not random');
  });

  it('matches the exact enrolled face and rejects another face', async () => {
    await callOk(sandbox, 'enroll', person('doc-2', { face }));
    const same = await callOk(sandbox, 'verify', person('doc-2', { face }));
    assert.equal(same.Person.Match, true);
    assert.equal(same.Person.MatchDetails?.FaceMatched, true);

    const other = await callOk(sandbox, 'verify', person('doc-2', { face: otherFace }));
    assert.equal(other.Person.Match, false);
    assert.equal(other.Person.MatchDetails?.FaceMatched, false);

    // Templates come from the pixels, not the bytes: the same picture re-encoded as PNG still matches.
    const reencoded = await callOk(sandbox, 'verify', person('doc-2', { face: sampleFacePng(0) }));
    assert.equal(reencoded.Person.Match, true);
  });

  it('lists every finger that did not match, fingers not sent included', async () => {
    await callOk(sandbox, 'enroll', person('doc-3', { face, fingers: { 1: thumb, 2: index } }));
    const result = await callOk(sandbox, 'verify', person('doc-3', { fingers: { 1: thumb } }));
    assert.equal(result.Person.Match, true, 'every biometric sent matched');
    assert.equal(result.Person.MatchDetails?.FaceMatched, false, 'no face was sent');
    assert.deepEqual(
      result.Person.MatchDetails?.NonMatchedFingers,
      FINGER_KEYS.filter((key) => key !== 'Finger-1'),
    );

    const mixed = await callOk(sandbox, 'verify', person('doc-3', { face, fingers: { 1: thumb, 2: otherFinger } }));
    assert.equal(mixed.Person.Match, false, 'one sent finger did not match');
    assert.equal(mixed.Person.MatchDetails?.FaceMatched, true);
    assert.deepEqual(
      mixed.Person.MatchDetails?.NonMatchedFingers,
      FINGER_KEYS.filter((key) => key !== 'Finger-1'),
    );

    const unenrolledFinger = await callOk(sandbox, 'verify', person('doc-3', { fingers: { 5: thumb } }));
    assert.equal(unenrolledFinger.Person.Match, false, 'a finger is compared only with the same finger');
    assert.equal(unenrolledFinger.Person.MatchDetails?.NonMatchedFingers?.length, 10);
  });

  it('replaces every template on update, keeping the BioPassID', async () => {
    const enrolled = await callOk(sandbox, 'enroll', person('doc-4', { face, fingers: { 1: thumb } }));
    const updated = await callOk(sandbox, 'update', person('doc-4', { face: otherFace }));
    assert.deepEqual(updated.Person, enrolled.Person);

    assert.equal((await callOk(sandbox, 'verify', person('doc-4', { face: otherFace }))).Person.Match, true);
    assert.equal((await callOk(sandbox, 'verify', person('doc-4', { face }))).Person.Match, false);
    const finger = await callOk(sandbox, 'verify', person('doc-4', { fingers: { 1: thumb } }));
    assert.equal(finger.Person.Match, false, 'the finger left out of the update is no longer enrolled');
  });

  it('deletes a person, after which verify does not know the CustomID', async () => {
    await callOk(sandbox, 'enroll', person('doc-5', { face }));
    const deleted = await callOk(sandbox, 'delete', { Person: { CustomID: 'doc-5' } });
    assert.deepEqual(deleted, { Person: { CustomID: 'doc-5' } });

    const verify = await call(sandbox, 'verify', person('doc-5', { face }));
    assert.deepEqual([verify.status, verify.text], [400, SANDBOX_400_TEXTS.unknownCustomId]);
    assert.match(verify.contentType, /^text\/plain/);
  });

  it('refuses a duplicate CustomID on enroll with a plain-text 400', async () => {
    await callOk(sandbox, 'enroll', person('doc-6', { face }));
    const duplicate = await call(sandbox, 'enroll', person('doc-6', { face: otherFace }));
    assert.deepEqual([duplicate.status, duplicate.text], [400, SANDBOX_400_TEXTS.duplicateCustomId]);
    assert.match(duplicate.contentType, /^text\/plain/);
  });

  it('refuses verify, update and delete of an unknown CustomID with a plain-text 400', async () => {
    for (const answer of [
      await call(sandbox, 'verify', person('nobody', { face })),
      await call(sandbox, 'update', person('nobody', { face })),
      await call(sandbox, 'delete', { Person: { CustomID: 'nobody' } }),
    ]) {
      assert.deepEqual([answer.status, answer.text], [400, SANDBOX_400_TEXTS.unknownCustomId]);
      assert.match(answer.contentType, /^text\/plain/);
    }
  });

  it('refuses a face or finger that is not an image, naming the modality', async () => {
    const pdf = Buffer.from('%PDF-1.7 not an image at all');
    const badFace = await call(sandbox, 'enroll', person('doc-7', { face: pdf }));
    assert.deepEqual([badFace.status, badFace.text], [400, KNOWN_400_TEXTS.noFaceTemplate]);
    const badFinger = await call(sandbox, 'enroll', person('doc-7', { fingers: { 3: pdf } }));
    assert.deepEqual([badFinger.status, badFinger.text], [400, SANDBOX_400_TEXTS.noFingerTemplate]);
    const tinyFace = await call(sandbox, 'enroll', person('doc-7', { face: sampleFaceJpeg(0, 16) }));
    assert.deepEqual([tinyFace.status, tinyFace.text], [400, KNOWN_400_TEXTS.noFaceTemplate], 'no face in 16 px');
    const verify = await call(sandbox, 'verify', person('doc-7', { face }));
    assert.equal(verify.text, SANDBOX_400_TEXTS.unknownCustomId, 'nothing was enrolled by the refused calls');
  });

  it('refuses a Person with no biometric with the service plain-text 400', async () => {
    for (const operation of ['enroll', 'verify', 'update'] as const) {
      const answer = await call(sandbox, operation, { Person: { CustomID: 'doc-8' } });
      assert.deepEqual([answer.status, answer.text], [400, KNOWN_400_TEXTS.invalidJson], operation);
      assert.match(answer.contentType, /^text\/plain/);
    }
  });
});
