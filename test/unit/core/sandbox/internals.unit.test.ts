import * as assert from 'node:assert/strict';
import { decodeStrictBase64 } from '../../../../src/core/base64';
import { encodeJpeg } from '../../../../src/core/images/jpeg';
import { encodePng } from '../../../../src/core/images/png';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../../src/core/images/samples';
import { encodeTiff } from '../../../../src/core/images/tiff';
import { isGrayscaleEncoded } from '../../../../src/core/sandbox/colour';
import { FaultQueue } from '../../../../src/core/sandbox/faults';
import { decodeFakeWsq, encodeFakeWsq } from '../../../../src/core/sandbox/wsq';

describe('sandbox internals', () => {
  it('decodes only strict base64, so a data: prefix is refused as the API refuses it', () => {
    assert.deepEqual(decodeStrictBase64('QUJD'), Buffer.from('ABC'));
    assert.deepEqual(decodeStrictBase64('QUI='), Buffer.from('AB'));
    assert.deepEqual(decodeStrictBase64('QUI'), Buffer.from('AB'), 'padding may be left out');
    for (const text of ['data:image/jpeg;base64,QUJD', 'QU JD', 'Q', 'QUJD=', '=', '', 'QU=D']) {
      assert.equal(decodeStrictBase64(text), undefined, JSON.stringify(text));
    }
  });

  it('tells greyscale images from colour ones by their headers', () => {
    const rgba = new Uint8Array(16 * 16 * 4).fill(128);
    assert.equal(isGrayscaleEncoded(sampleFaceJpeg(0), 'jpeg'), false);
    assert.equal(isGrayscaleEncoded(encodePng(16, 16, rgba), 'png'), false);
    assert.equal(isGrayscaleEncoded(sampleFingerprintTiff(0), 'tiff'), true);
    assert.equal(isGrayscaleEncoded(encodeTiff(16, 16, rgba), 'tiff'), false);
    const greyPng = encodePng(16, 16, rgba);
    greyPng[25] = 0;
    assert.equal(isGrayscaleEncoded(greyPng, 'png'), true);
    const greyJpeg = Buffer.from(encodeJpeg(16, 16, rgba));
    const frame = greyJpeg.indexOf(Buffer.from([0xff, 0xc0]));
    greyJpeg[frame + 9] = 1;
    assert.equal(isGrayscaleEncoded(greyJpeg, 'jpeg'), true);
  });

  it('round-trips an image through the fake WSQ container and refuses anything else', () => {
    const image = sampleFingerprintTiff(4);
    const wsq = encodeFakeWsq(image, 128, 128, 500, 0.75);
    assert.deepEqual(decodeFakeWsq(wsq), image);
    assert.ok(wsq.toString('latin1').includes('not a WSQ codestream'), 'the container says what it is');
    assert.equal(decodeFakeWsq(wsq.subarray(0, wsq.length - 1)), undefined);
    assert.equal(decodeFakeWsq(Buffer.concat([wsq, Buffer.from([0])])), undefined);
    const otherComment = Buffer.from(wsq);
    otherComment[10] = (otherComment[10] ?? 0) ^ 0xff;
    assert.equal(decodeFakeWsq(otherComment), undefined);
    assert.equal(decodeFakeWsq(image), undefined);
  });

  it('queues faults: latencies add up to the first other fault, and used ones drop out', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'latency', ms: 10, times: 2 });
    queue.add({ kind: 'latency', ms: 5, match: { operation: 'enroll' } });
    queue.add({ kind: 'reset' });
    queue.add({ kind: 'malformed' });
    assert.deepEqual(queue.take('enroll'), {
      kinds: ['latency', 'latency', 'reset'],
      delayMs: 15,
      terminal: { kind: 'reset' },
    });
    assert.deepEqual(queue.take(undefined), {
      kinds: ['latency', 'malformed'],
      delayMs: 10,
      terminal: { kind: 'malformed' },
    });
    assert.deepEqual(queue.take('enroll'), { kinds: [], delayMs: 0, terminal: undefined });
  });

  it('keeps its own copy of an injected fault', () => {
    const queue = new FaultQueue();
    const fault = { kind: 'logical-failure' as const, message: 'first' };
    queue.add(fault);
    fault.message = 'changed';
    assert.deepEqual(queue.take('verify').terminal, { kind: 'logical-failure', message: 'first' });
  });
});
