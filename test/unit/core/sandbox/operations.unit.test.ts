import * as assert from 'node:assert/strict';
import { KNOWN_400_TEXTS, SANDBOX_400_TEXTS } from '../../../../src/core/contract/choices';
import { OPERATION_IDS, type OperationId } from '../../../../src/core/contract/operations';
import { ICAO_REQUIREMENTS } from '../../../../src/core/contract/responses';
import { readImageDimensions } from '../../../../src/core/images/dimensions';
import { encodeJpeg } from '../../../../src/core/images/jpeg';
import { detectImageKind } from '../../../../src/core/images/kind';
import { encodePng } from '../../../../src/core/images/png';
import {
  sampleFaceJpeg,
  sampleFacePng,
  sampleFingerprintPng,
  sampleFingerprintTiff,
} from '../../../../src/core/images/samples';
import { drawSyntheticFace } from '../../../../src/core/images/synthetic';
import { type Sandbox, startSandbox } from '../../../../src/core/sandbox';
import { b64, call, callOk, person } from './client';

const face = sampleFaceJpeg(0);
const finger = sampleFingerprintTiff(0);
const notAnImage = Buffer.from('GIF89a is not a format the API takes');
const check = (bytes: Uint8Array) => ({ Check: { Image: b64(bytes) } });
const spoof = (image: string) => ({ Spoof: { Image: image } });
const decode = (base64: string) => Buffer.from(base64, 'base64');

/** A happy-path body for every operation, so none can be added to the catalog without a test here. */
const HAPPY_BODIES: Record<OperationId, unknown> = {
  enroll: person('ops-1', { face, fingers: { 2: finger } }),
  verify: person('ops-1', { face }),
  update: person('ops-1', { face, fingers: { 7: finger } }),
  delete: { Person: { CustomID: 'ops-1' } },
  match: { Match: { Type: 'FACE', Format: 'BIOPASS', Artifact_A: 'QUJD', Artifact_B: 'QUJD' } },
  extract: { Extract: { Type: 'FINGER', Format: 'ISO_IEC_2011_19794_2', Artifact: b64(finger) } },
  wsq_encode: { Encode: { Image: b64(finger), Compression: 0.75, PPI: 500 } },
  decode: { Decode: { Wsq: 'placeholder, replaced by an encoded blob below' } },
  face_detect: check(face),
  liveness: spoof(b64(face)),
  anonymizer: check(face),
  check_icao: check(face),
  icao_crop: check(face),
  check_nfiq: check(finger),
};

describe('sandbox operations', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());

  it('answers every catalog operation with a body its response schema accepts', async () => {
    for (const operation of OPERATION_IDS) {
      let body = HAPPY_BODIES[operation];
      if (operation === 'decode') {
        const encoded = await callOk(sandbox, 'wsq_encode', HAPPY_BODIES.wsq_encode);
        body = { Decode: { Wsq: encoded.Encode.Image } };
      }
      await callOk(sandbox, operation, body);
    }
  });

  describe('face_detect', () => {
    it('finds one face in a face image, framed from the image dimensions', async () => {
      const result = await callOk(sandbox, 'face_detect', check(sampleFaceJpeg(0, 200)));
      assert.equal(result.DetectedFaces.FaceNumber, 1);
      const [rect] = result.DetectedFaces.FaceRects;
      assert.deepEqual(rect, { x: 36, y: 16, width: 128, height: 168 });
    });

    it('finds no face in an image under 32 pixels, and two in a wide group shot', async () => {
      const tiny = await callOk(sandbox, 'face_detect', check(sampleFacePng(0, 24)));
      assert.deepEqual(tiny.DetectedFaces, { FaceNumber: 0, FaceRects: [] });
      const wide = encodePng(200, 80, new Uint8Array(200 * 80 * 4).fill(200));
      const group = await callOk(sandbox, 'face_detect', check(wide));
      assert.equal(group.DetectedFaces.FaceNumber, 2);
    });

    it('refuses bytes that are not an image', async () => {
      const answer = await call(sandbox, 'face_detect', check(notAnImage));
      assert.deepEqual([answer.status, answer.text], [400, KNOWN_400_TEXTS.noFaceTemplate]);
    });
  });

  describe('liveness', () => {
    it('calls a colour face image live', async () => {
      assert.deepEqual(await callOk(sandbox, 'liveness', spoof(b64(face))), {
        Success: true,
        result: 'Ok',
        spoof: false,
      });
    });

    it('calls a greyscale face image, or one narrower than 64 pixels, a spoof', async () => {
      const grey = sampleFingerprintTiff(3, 128); // stored with one grey channel
      assert.equal((await callOk(sandbox, 'liveness', spoof(b64(grey)))).spoof, true);
      const narrow = await callOk(sandbox, 'liveness', spoof(b64(sampleFaceJpeg(0, 48))));
      assert.deepEqual(narrow, { Success: true, result: 'Ok', spoof: true });
    });

    it('reports unusable input in-band, as a 200 with Success false', async () => {
      const cases: [unknown, string][] = [
        [spoof('data:image/jpeg;base64,AAAA'), 'Invalid base64 string'],
        [spoof(b64(notAnImage)), 'No Faces Detected'],
        [spoof(b64(sampleFacePng(0, 24))), 'No Faces Detected'],
        [spoof(b64(encodePng(200, 80, new Uint8Array(200 * 80 * 4).fill(200)))), 'Multiple Faces Detected'],
        [spoof(''), 'Image (base64) not found'],
        [{ Spoof: {} }, 'Image (base64) not found'],
        [{ Spoof: { Image: b64(face), Extra: 1 } }, 'Invalid JSON format'],
        [{ Check: { Image: b64(face) } }, 'Invalid JSON format'],
      ];
      for (const [body, result] of cases) {
        assert.deepEqual(await callOk(sandbox, 'liveness', body), { Success: false, result });
      }
      const broken = await call(sandbox, 'liveness', undefined, { rawBody: '{"Spoof":' });
      assert.deepEqual(
        [broken.status, JSON.parse(broken.text)],
        [200, { Success: false, result: 'Invalid JSON format' }],
      );
    });
  });

  describe('anonymizer and icao_crop', () => {
    it('anonymizes into a real image of the same format and dimensions', async () => {
      const jpeg = decode((await callOk(sandbox, 'anonymizer', check(sampleFaceJpeg(2, 120)))).FaceAnonymizer.Image);
      assert.equal(detectImageKind(jpeg), 'jpeg');
      assert.deepEqual(readImageDimensions(jpeg), { width: 120, height: 120 });
      const png = decode((await callOk(sandbox, 'anonymizer', check(sampleFacePng(2, 90)))).FaceAnonymizer.Image);
      assert.equal(detectImageKind(png), 'png');
      assert.deepEqual(readImageDimensions(png), { width: 90, height: 90 });
      assert.notDeepEqual(png, sampleFacePng(2, 90), 'the face must not survive anonymizing');
    });

    it('crops to a 3:4 portrait that fits in the input, deterministically', async () => {
      const input = encodeJpeg(300, 200, wide(300, 200));
      const first = (await callOk(sandbox, 'icao_crop', check(input))).IcaoCropedImage.Image;
      const second = (await callOk(sandbox, 'icao_crop', check(input))).IcaoCropedImage.Image;
      assert.equal(first, second);
      const bytes = decode(first);
      assert.equal(detectImageKind(bytes), 'jpeg');
      assert.deepEqual(readImageDimensions(bytes), { width: 150, height: 200 });
    });

    it('refuses an image with no face', async () => {
      for (const operation of ['anonymizer', 'icao_crop', 'check_icao'] as const) {
        const answer = await call(sandbox, operation, check(notAnImage));
        assert.deepEqual([answer.status, answer.text], [400, KNOWN_400_TEXTS.noFaceTemplate], operation);
      }
      const tiny = await call(sandbox, 'icao_crop', check(sampleFacePng(0, 24)));
      assert.deepEqual([tiny.status, tiny.text], [400, KNOWN_400_TEXTS.noFaceTemplate]);
    });
  });

  describe('check_icao', () => {
    it('judges all 23 requirements, and the sample faces mostly conform', async () => {
      for (const variant of [0, 1, 2, 3]) {
        const { ICAO } = await callOk(sandbox, 'check_icao', check(sampleFaceJpeg(variant)));
        assert.deepEqual(Object.keys(ICAO.Requirements), [...ICAO_REQUIREMENTS]);
        const conformed = Object.values(ICAO.Requirements).filter((requirement) => requirement.IsConformed).length;
        assert.equal(ICAO.FaceImageConformed, conformed);
        assert.equal(ICAO.IsAllConformed, conformed === 23);
        assert.ok(conformed >= 18, `variant ${variant}: ${conformed} of 23 conform`);
        for (const requirement of Object.values(ICAO.Requirements)) {
          assert.ok(requirement.Confidence >= 0 && requirement.Confidence <= 100);
        }
      }
    });

    it('gives the same verdict for the same image and fails Pixelation on a small one', async () => {
      const first = await callOk(sandbox, 'check_icao', check(face));
      assert.deepEqual(await callOk(sandbox, 'check_icao', check(face)), first);
      const small = await callOk(sandbox, 'check_icao', check(sampleFaceJpeg(0, 48)));
      assert.equal(small.ICAO.Requirements.Pixelation?.IsConformed, false);
    });
  });

  describe('check_nfiq', () => {
    it('grades a fingerprint 1 to 5, the same every time', async () => {
      const qualities = new Set<number>();
      for (const variant of [0, 1, 2, 3, 4, 5]) {
        const image = check(sampleFingerprintPng(variant));
        const { NFIQ } = await callOk(sandbox, 'check_nfiq', image);
        assert.ok(Number.isInteger(NFIQ.Quality) && NFIQ.Quality >= 1 && NFIQ.Quality <= 5);
        assert.equal((await callOk(sandbox, 'check_nfiq', image)).NFIQ.Quality, NFIQ.Quality);
        qualities.add(NFIQ.Quality);
      }
      assert.ok(qualities.size > 1, 'different fingerprints get different grades');
    });

    it('refuses bytes that are not an image', async () => {
      const answer = await call(sandbox, 'check_nfiq', check(notAnImage));
      assert.deepEqual([answer.status, answer.text], [400, SANDBOX_400_TEXTS.noFingerTemplate]);
    });
  });

  describe('extract and match', () => {
    const extract = async (type: 'FACE' | 'FINGER', image: Uint8Array, format = 'BIOPASS') =>
      (await callOk(sandbox, 'extract', { Extract: { Type: type, Format: format, Artifact: b64(image) } })).Extract
        .Template;
    const match = (a: string, b: string) =>
      callOk(sandbox, 'match', { Match: { Type: 'FACE', Format: 'BIOPASS', Artifact_A: a, Artifact_B: b } });

    it('extracts the same template from the same image, and a genuine match scores 100', async () => {
      const a = await extract('FACE', face);
      assert.equal(await extract('FACE', face), a);
      assert.deepEqual((await match(a, a)).Match, { IsGenuine: true, Score: 100 });
    });

    it('gives different images and formats different templates, which match as impostors with a low score', async () => {
      const a = await extract('FACE', face);
      const b = await extract('FACE', sampleFaceJpeg(1));
      assert.notEqual(await extract('FACE', face, 'ANSI_INCITS_378'), a);
      const impostor = (await match(a, b)).Match;
      assert.equal(impostor.IsGenuine, false);
      assert.ok(impostor.Score >= 0 && impostor.Score < 20);
      assert.deepEqual((await match(b, a)).Match, impostor, 'the score does not depend on the order');
    });

    it('refuses to extract from something that is not an image, naming the modality', async () => {
      const body = (type: string) => ({ Extract: { Type: type, Format: 'BIOPASS', Artifact: b64(notAnImage) } });
      const faceAnswer = await call(sandbox, 'extract', body('FACE'));
      assert.deepEqual([faceAnswer.status, faceAnswer.text], [400, KNOWN_400_TEXTS.noFaceTemplate]);
      const fingerAnswer = await call(sandbox, 'extract', body('FINGER'));
      assert.deepEqual([fingerAnswer.status, fingerAnswer.text], [400, SANDBOX_400_TEXTS.noFingerTemplate]);
    });
  });

  describe('wsq_encode and decode', () => {
    it('encodes to a WSQ-looking blob whose header carries the dimensions, and decodes it back', async () => {
      const encoded = await callOk(sandbox, 'wsq_encode', {
        Encode: { Image: b64(finger), Compression: 0.75, PPI: 500 },
      });
      assert.equal(encoded.Encode.Success, true);
      const wsq = decode(encoded.Encode.Image);
      assert.deepEqual([...wsq.subarray(0, 4)], [0xff, 0xa0, 0xff, 0xa8]);
      assert.equal(detectImageKind(wsq), 'wsq');
      assert.deepEqual(readImageDimensions(wsq), { width: 128, height: 128 });

      const decoded = await callOk(sandbox, 'decode', { Decode: { Wsq: encoded.Encode.Image } });
      assert.deepEqual(decoded.Decode, { Success: true, Image: b64(finger) });
    });

    it('reports bytes it cannot encode or decode with Success false', async () => {
      const encode = await callOk(sandbox, 'wsq_encode', {
        Encode: { Image: b64(notAnImage), Compression: 1, PPI: 500 },
      });
      assert.deepEqual(encode.Encode, { Success: false, Image: '' });
      const realLookingWsq = Buffer.from([0xff, 0xa0, 0xff, 0xa8, 0x00, 0x04, 0x41, 0x42, 0xff, 0xa1]);
      for (const wsq of [b64(finger), b64(realLookingWsq), '!!!']) {
        const result = await callOk(sandbox, 'decode', { Decode: { Wsq: wsq } });
        assert.deepEqual(result.Decode, { Success: false, Image: '' });
      }
    });
  });
});

/** A 3:2 landscape with a face-sized oval in the middle. */
function wide(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4).fill(220);
  const face = drawSyntheticFace({ size: height });
  const left = Math.floor((width - height) / 2);
  for (let y = 0; y < height; y++) {
    rgba.set(face.subarray(y * height * 4, (y + 1) * height * 4), (y * width + left) * 4);
  }
  return rgba;
}
