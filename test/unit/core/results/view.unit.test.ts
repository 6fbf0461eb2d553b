import * as assert from 'node:assert/strict';
import { ICAO_REQUIREMENTS } from '../../../../src/core/contract/responses';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../../src/core/images/samples';
import type { Section } from '../../../../src/core/results/types';
import { buildResultView } from '../../../../src/core/results/view';
import { type Sandbox, startSandbox } from '../../../../src/core/sandbox';
import { answer, redactorFor } from './support';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function find<K extends Section['kind']>(sections: Section[], kind: K): Extract<Section, { kind: K }> {
  const found = sections.find((section) => section.kind === kind);
  assert.ok(found, `a ${kind} section`);
  return found as Extract<Section, { kind: K }>;
}

describe('result views (answers from the sandbox over loopback)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());
  const redact = () => (text: string) => redactorFor(sandbox).text(text);

  it('face detect: the sent image with every FaceRect numbered, the count, a warning unless exactly one', async () => {
    const face = sampleFaceJpeg(3);
    const input = await answer(sandbox, 'face_detect', { Check: { Image: b64(face) } }, { source: 'face.jpg' });
    const view = buildResultView(input, redact());
    const faces = find(view.sections, 'faces');
    assert.equal(faces.count, 1);
    assert.equal(faces.boxes.length, 1);
    assert.equal(faces.boxes[0]?.number, 1);
    assert.equal(faces.warning, undefined);
    assert.equal(faces.image?.width, 160);
    assert.equal(faces.image?.source?.mime, 'image/jpeg');
    assert.match(faces.image?.source?.base64 ?? '', /^\/9j\//);
    assert.equal(view.tone, 'good');
    assert.equal(view.header, `Detect Faces · face.jpg · sandbox (${sandbox.url})`);
    assert.match(view.headline, /^Faces detected: 1 \(\d+x\d+ at \d+,\d+\)$/);

    const none = buildResultView(
      {
        ...input,
        outcome: { ...input.outcome, body: { DetectedFaces: { FaceNumber: 0, FaceRects: [] } } },
      } as typeof input,
      redact(),
    );
    assert.equal(find(none.sections, 'faces').warning, 'No face found: enroll, verify and ICAO need exactly one.');
    assert.equal(none.tone, 'warning');
    const two = buildResultView(
      {
        ...input,
        outcome: {
          ...input.outcome,
          body: {
            DetectedFaces: {
              FaceNumber: 2,
              FaceRects: [
                { x: 1, y: 2, width: 30, height: 40 },
                { x: 50, y: 2, width: 30, height: 40 },
              ],
            },
          },
        },
      } as typeof input,
      redact(),
    );
    assert.deepEqual(
      find(two.sections, 'faces').boxes.map((box) => box.number),
      [1, 2],
    );
    assert.match(find(two.sections, 'faces').warning ?? '', /^2 faces found/);
  });

  it('ICAO: all 23 requirements in five groups, failures first, FaceImageConformed, confidences', async () => {
    const input = await answer(sandbox, 'check_icao', { Check: { Image: b64(sampleFaceJpeg(5)) } });
    const icao = find(buildResultView(input, redact()).sections, 'icao');
    const names = icao.groups.flatMap((group) => group.items.map((item) => item.name));
    assert.deepEqual([...names].sort(), [...ICAO_REQUIREMENTS].sort());
    assert.deepEqual([...icao.groups.map((group) => group.name)].sort(), [
      'Accessories',
      'Background',
      'Image quality',
      'Lighting',
      'Pose and expression',
    ]);
    for (const group of icao.groups) {
      const states = group.items.map((item) => item.conformed);
      assert.deepEqual(states, [...states].sort(), `${group.name}: failures first`);
      for (const item of group.items) assert.equal(typeof item.confidence, 'number');
    }
    // Groups holding a failure come before groups that pass.
    const passing = icao.groups.map((group) => group.items.every((item) => item.conformed));
    assert.deepEqual(passing, [...passing].sort());
    const body = (input.outcome as { body: { ICAO: { FaceImageConformed: number } } }).body;
    assert.equal(icao.faceImageConformed, String(body.ICAO.FaceImageConformed));
    assert.equal(icao.failures.length, 23 - body.ICAO.FaceImageConformed);
    assert.ok(icao.image?.source);
  });

  it('anonymizer and ICAO crop: before and after, side by side', async () => {
    for (const operation of ['anonymizer', 'icao_crop'] as const) {
      const input = await answer(sandbox, operation, { Check: { Image: b64(sampleFaceJpeg(2)) } });
      const images = find(buildResultView(input, redact()).sections, 'images');
      assert.equal(images.title, 'Before and after');
      assert.deepEqual(
        images.images.map((image) => image.label),
        ['Sent', operation === 'anonymizer' ? 'Anonymized' : 'Cropped'],
      );
      for (const image of images.images) assert.match(image.source?.mime ?? '', /^image\/(jpeg|png)$/);
    }
  });

  it('liveness: live or spoof with the result text', async () => {
    const live = buildResultView(
      await answer(sandbox, 'liveness', { Spoof: { Image: b64(sampleFaceJpeg(1)) } }),
      redact(),
    );
    const facts = find(live.sections, 'facts');
    assert.equal(facts.rows[0]?.value, 'live');
    assert.equal(facts.rows[1]?.label, 'result');
    assert.notEqual(facts.rows[1]?.value, '-');
    // An image narrower than 64 px is a spoof to the sandbox (choices.ts).
    const spoof = buildResultView(
      await answer(sandbox, 'liveness', { Spoof: { Image: b64(sampleFaceJpeg(1, 48)) } }),
      redact(),
    );
    assert.equal(find(spoof.sections, 'facts').rows[0]?.value, 'spoof');
    assert.equal(spoof.tone, 'warning');
  });

  it('enroll, verify with fingers, delete: the person card, the probe, MatchDetails and both hands', async () => {
    const face = b64(sampleFaceJpeg(7));
    const finger = b64(sampleFingerprintTiff(2));
    const person = { CustomID: 'card-1', Face: [{ 'Face-1': face }], Fingers: [{ 'Finger-2': finger }] };
    const enrolled = buildResultView(
      await answer(sandbox, 'enroll', { Person: person }, { customId: 'card-1' }),
      redact(),
    );
    const card = find(enrolled.sections, 'facts');
    assert.deepEqual(
      card.rows.map((row) => row.label),
      ['CustomID', 'BioPassID', 'ClientID', 'Environment'].filter((label) =>
        card.rows.some((row) => row.label === label),
      ),
    );
    assert.equal(card.rows[0]?.value, 'card-1');
    assert.ok(card.rows.find((row) => row.label === 'BioPassID')?.copy);

    const verified = buildResultView(
      await answer(
        sandbox,
        'verify',
        { Person: { ...person, Fingers: [{ 'Finger-2': finger, 'Finger-3': b64(sampleFingerprintTiff(9)) }] } },
        { customId: 'card-1', context: { sentFace: true, sentFingers: ['Finger-2', 'Finger-3'] } },
      ),
      redact(),
    );
    const probe = find(verified.sections, 'images');
    assert.deepEqual(
      probe.images.map((image) => image.label),
      ['Face', 'Finger-2 (right index)', 'Finger-3 (right middle)'],
    );
    // TIFF is described, not shown: a browser cannot draw it.
    assert.equal(probe.images[1]?.source, undefined);
    assert.match(probe.images[1]?.description ?? '', /^tiff \d+ KB, 128 × 128$/);
    const hands = find(verified.sections, 'hands');
    assert.equal(hands.fingers.length, 10);
    assert.equal(hands.fingers[1]?.state, 'matched');
    assert.equal(hands.fingers[2]?.state, 'not-matched');
    assert.equal(hands.fingers.filter((item) => item.state === 'not-sent').length, 8);
    const details = find(verified.sections, 'facts');
    assert.deepEqual(
      details.rows.map((row) => [row.label, row.value]),
      [
        ['CustomID', 'card-1'],
        // One finger did not match, so the person did not.
        ['Match', 'no match'],
        ['Face', 'matched'],
      ],
    );

    const deleted = buildResultView(
      await answer(sandbox, 'delete', { Person: { CustomID: 'card-1' } }, { customId: 'card-1' }),
      redact(),
    );
    assert.equal(find(deleted.sections, 'facts').rows[0]?.value, 'card-1');
    assert.equal(deleted.headline, 'Deleted card-1');
  });

  it('NFIQ, extract, match, WSQ encode and decode', async () => {
    const tiff = b64(sampleFingerprintTiff(4));
    const nfiq = buildResultView(await answer(sandbox, 'check_nfiq', { Check: { Image: tiff } }), redact());
    assert.match(find(nfiq.sections, 'facts').rows[0]?.value ?? '', /^[1-5]$/);

    const extractInput = await answer(sandbox, 'extract', {
      Extract: { Type: 'FINGER', Format: 'ISO_IEC_2005_19794_2', Artifact: tiff },
    });
    const extract = find(buildResultView(extractInput, redact()).sections, 'facts');
    assert.equal(extract.rows[0]?.value, 'ISO_IEC_2005_19794_2');
    assert.match(extract.rows[2]?.value ?? '', /^[\d,]+ bytes$/);

    const template = (extractInput.outcome as { body: { Extract: { Template: string } } }).body.Extract.Template;
    const match = buildResultView(
      await answer(sandbox, 'match', {
        Match: { Type: 'FINGER', Format: 'ISO_IEC_2005_19794_2', Artifact_A: template, Artifact_B: template },
      }),
      redact(),
    );
    assert.deepEqual(
      find(match.sections, 'facts').rows.map((row) => [row.label, row.value]),
      [
        ['Score', '100'],
        ['IsGenuine', 'true'],
      ],
    );

    const encodedInput = await answer(sandbox, 'wsq_encode', { Encode: { Image: tiff, Compression: 15, PPI: 500 } });
    assert.equal(encodedInput.outcome.kind, 'success');
    const wsq = (encodedInput.outcome as { body: { Encode: { Image: string } } }).body.Encode.Image;
    const decoded = buildResultView(await answer(sandbox, 'decode', { Decode: { Wsq: wsq } }), redact());
    const images = find(decoded.sections, 'images');
    assert.equal(images.images[0]?.label, 'Decoded');
    assert.ok(images.images[0]?.width);
  });

  it('failures: the explanation, the next step, Set API Key on a 401, Retry only where safe, View Logs', async () => {
    const input = await answer(
      sandbox,
      'liveness',
      { Spoof: { Image: b64(sampleFaceJpeg(1)) } },
      {},
      'wrong-key-0000000000000000',
    );
    const view = buildResultView(input, redact());
    const failure = find(view.sections, 'failure');
    assert.equal(failure.explanation, (input.outcome as { explanation: string }).explanation);
    assert.equal(failure.nextStep, (input.outcome as { nextStep: string }).nextStep);
    assert.deepEqual(
      view.actions.map((action) => action.id),
      ['setKey', 'viewLogs'],
    );
    assert.equal(view.tone, 'bad');
    assert.match(view.statusLine, /^HTTP 401 · invalid-key · \d+ ms$/);

    sandbox.injectFault({ kind: 'status', status: 503 });
    const retry = buildResultView(
      await answer(sandbox, 'liveness', { Spoof: { Image: b64(sampleFaceJpeg(1)) } }),
      redact(),
    );
    assert.ok(retry.actions.some((action) => action.id === 'retry'));
    sandbox.injectFault({ kind: 'status', status: 503 });
    const enroll = buildResultView(
      await answer(sandbox, 'enroll', { Person: { CustomID: 'x', Face: [{ 'Face-1': b64(sampleFaceJpeg(1)) }] } }),
      redact(),
    );
    assert.ok(
      !enroll.actions.some((action) => action.id === 'retry'),
      'an enroll that may have been stored is not re-sent',
    );
  });

  it('everything the Output block says is in the view; the key and images are redacted out of its texts', async () => {
    const face = b64(sampleFaceJpeg(6));
    const input = await answer(sandbox, 'anonymizer', { Check: { Image: face } }, { source: `${sandbox.key}.jpg` });
    const view = buildResultView(input, redact());
    assert.ok(!view.header.includes(sandbox.key), 'the key typed into a file name is masked');
    assert.match(view.header, /^Anonymize Face · ••••[0-9a-f]{4}\.jpg · sandbox/);
    assert.ok(view.responseJson?.includes('"FaceAnonymizer"'));
    assert.match(view.responseJson ?? '', /<(jpeg|png) \d+ KB sha256:[0-9a-f]{8}>/);
    assert.ok(!(view.responseJson ?? '').includes(face.slice(0, 200)));
    assert.match(view.statusLine, /^HTTP 200 · success · \d+ ms$/);
    assert.deepEqual(
      view.actions.map((action) => action.id),
      ['openJson', 'saveResponse', 'viewLogs'],
    );
  });
});
