import * as assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../../src/core/images/samples';
import { describeBase64 } from '../../../../src/core/redact';
import { viewFromHistory } from '../../../../src/core/results/fromHistory';
import { responseWithDescriptors, responseWithImageFiles } from '../../../../src/core/results/responseJson';

describe('response documents', () => {
  const face = Buffer.from(sampleFaceJpeg(4)).toString('base64');
  const body = { Success: true, FaceAnonymizer: { Image: face }, Note: 'short text stays', Nested: [{ Wsq: face }] };

  it('Open Response as JSON: valid JSON where every image is its descriptor', () => {
    const text = responseWithDescriptors(body);
    const parsed = JSON.parse(text);
    assert.equal(parsed.FaceAnonymizer.Image, describeBase64(face));
    assert.match(parsed.FaceAnonymizer.Image, /^<jpeg \d+ KB sha256:[0-9a-f]{8}>$/);
    assert.equal(parsed.Nested[0].Wsq, describeBase64(face));
    assert.equal(parsed.Note, 'short text stays');
    assert.ok(!text.includes(face.slice(0, 120)));
    assert.equal(parseTree(text)?.type, 'object');
  });

  it('Save Response with images: the full JSON, and each image as a file named after its field', () => {
    const tiff = Buffer.from(sampleFingerprintTiff(1)).toString('base64');
    const saved = responseWithImageFiles({ ...body, Decode: { Image: tiff } }, 'face.anonymizer');
    assert.equal(JSON.parse(saved.json).FaceAnonymizer.Image, face);
    assert.deepEqual(
      saved.files.map((file) => file.name),
      [
        'face.anonymizer.FaceAnonymizer.Image.jpg',
        'face.anonymizer.Nested.0.Wsq.jpg',
        'face.anonymizer.Decode.Image.tif',
      ],
    );
    assert.deepEqual(Buffer.from(saved.files[0]?.bytes ?? []), Buffer.from(face, 'base64'));
  });

  it('a history entry re-opens as a panel from its metadata, saying images are not kept', () => {
    const view = viewFromHistory(
      {
        id: '1',
        time: '2026-01-02T03:04:05.000Z',
        operation: 'enroll',
        environment: 'sandbox',
        customId: '<b>bold</b>',
        source: 'alice.jpg',
        status: 200,
        outcome: 'success',
        latencyMs: 12.4,
        bioPassId: 'bp-1',
        verdict: 'Enrolled <b>bold</b> -> BioPassID bp-1',
      },
      (text) => text,
    );
    assert.equal(view.header, 'Enroll · CustomID <b>bold</b> · alice.jpg · sandbox');
    assert.equal(view.statusLine, 'HTTP 200 · success · 12 ms');
    assert.match((view.sections[0] as { text: string }).text, /images and the response are not kept/);
    assert.deepEqual(
      (view.sections[1] as { rows: { label: string }[] }).rows.map((row) => row.label),
      ['CustomID', 'BioPassID', 'Environment'],
    );
    assert.deepEqual(
      view.actions.map((action) => action.id),
      ['viewLogs'],
    );
  });
});
