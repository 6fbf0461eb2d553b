import { randomBytes } from 'node:crypto';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { personRequest } from '../../src/core/request/build';
import { MB } from './table';

export /** An image of about `bytes` bytes: a real JPEG header, then random filler. */
function imageOfSize(bytes: number): Buffer {
  const head = sampleFaceJpeg(0);
  return Buffer.concat([head, randomBytes(Math.max(0, bytes - head.length))]);
}

/** An enroll request of about `megabytes` MB: a face and ten fingers of equal size. */
export function requestOfSize(megabytes: number): string {
  const each = imageOfSize(Math.floor((megabytes * MB * 3) / 4 / 11)).toString('base64');
  const fingers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`Finger-${i + 1}`, each]));
  return JSON.stringify(personRequest('bench-0001', { face: each, fingers }), null, 2);
}
