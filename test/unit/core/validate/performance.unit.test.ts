import * as assert from 'node:assert/strict';
import { sampleFacePng, sampleFingerprintTiff } from '../../../../src/core/images/samples';
import { validateRequest } from '../../../../src/core/validate/validateRequest';
import { summarize } from './helpers';

/**
 * A valid enroll request of about `megabytes` MB: a face and ten fingers, each a real image header
 * followed by filler bytes, as a large capture would be.
 */
function largeEnroll(megabytes: number): string {
  const base64Bytes = megabytes * 1024 * 1024;
  const faceBytes = Math.floor((base64Bytes * 0.25 * 3) / 4);
  const fingerBytes = Math.floor((base64Bytes * 0.075 * 3) / 4);
  const grow = (image: Buffer, size: number) => {
    const filler = Buffer.alloc(Math.max(0, size - image.length));
    for (let index = 0; index < filler.length; index++) filler[index] = (index * 131 + 7) & 0xff;
    return Buffer.concat([image, filler]).toString('base64');
  };
  const fingers: Record<string, string> = {};
  for (let finger = 1; finger <= 10; finger++)
    fingers[`Finger-${finger}`] = grow(sampleFingerprintTiff(finger), fingerBytes);
  return JSON.stringify(
    { Person: { CustomID: 'load-test', Face: [{ 'Face-1': grow(sampleFacePng(0), faceBytes) }], Fingers: [fingers] } },
    null,
    2,
  );
}

/** Runs `action` while recording the longest string any regular expression is run on. */
function longestRegexInput(action: () => void): number {
  const originalExec = RegExp.prototype.exec;
  let longest = 0;
  RegExp.prototype.exec = function exec(this: RegExp, input: string) {
    longest = Math.max(longest, String(input).length);
    return originalExec.call(this, input);
  };
  try {
    action();
  } finally {
    RegExp.prototype.exec = originalExec;
  }
  return longest;
}

function timed(text: string): number {
  const start = process.hrtime.bigint();
  const { diagnostics } = validateRequest(text, { operation: 'enroll' });
  const milliseconds = Number(process.hrtime.bigint() - start) / 1e6;
  assert.deepEqual(diagnostics, [], summarize(diagnostics));
  return milliseconds;
}

describe('validateRequest: large requests', function () {
  this.timeout(120_000);
  const twenty = largeEnroll(20);
  const forty = largeEnroll(40);

  it('validates a 20 MB request, never running a regular expression over an image', () => {
    timed(largeEnroll(1)); // warm-up: let the JIT compile the scanning loops first
    let milliseconds = 0;
    const longest = longestRegexInput(() => {
      milliseconds = timed(twenty);
    });
    console.log(`      ${(twenty.length / 1e6).toFixed(1)} MB request validated in ${milliseconds.toFixed(0)} ms`);
    assert.ok(longest < 1000, `a regular expression ran over ${longest} characters`);
  });

  it('takes about twice as long for twice the size (linear)', () => {
    const small = Math.min(timed(twenty), timed(twenty));
    const large = Math.min(timed(forty), timed(forty));
    console.log(
      `      ${(twenty.length / 1e6).toFixed(1)} MB: ${small.toFixed(0)} ms, ${(forty.length / 1e6).toFixed(1)} MB: ${large.toFixed(0)} ms (ratio ${(large / small).toFixed(2)})`,
    );
    assert.ok(forty.length > 1.9 * twenty.length);
  });

  it('finds a bad character near the end of a multi-megabyte image', () => {
    // 200 characters before the end of Finger-9's 1.5 MB of base64.
    const at = twenty.indexOf('"Finger-10"') - 200;
    const broken = `${twenty.slice(0, at)}%${twenty.slice(at + 1)}`;
    const { diagnostics } = validateRequest(broken, { operation: 'enroll' });
    assert.deepEqual(
      diagnostics.map(({ code, offset, length }) => ({ code, offset, length })),
      [{ code: 'base64-alphabet', offset: at, length: 1 }],
    );
  });
});
