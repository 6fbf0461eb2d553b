import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Redactor } from '../../../src/core/redact';

const SEED = 0x5eed_0002;
const LONG_RUN = /[A-Za-z0-9+/]{120,}/;

/**
 * Keys like the real ones (hex, alphanumeric), and keys over a two-letter alphabet, which often
 * repeat their own beginning and end: the case where a mask could join its neighbours into the key.
 */
const key = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{32}$/),
  fc.stringMatching(/^[A-Za-z0-9]{12,40}$/),
  fc.stringMatching(/^[ab]{12,16}$/),
);

/** A long base64 run: a real image's worth, or just the alphabet. */
const longRun = fc.oneof(
  fc.uint8Array({ minLength: 90, maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  fc.stringMatching(/^[A-Za-z0-9+/]{120,300}={0,3}$/),
);

/** Text mixing prose, the key, pieces of the key and long base64 runs. */
function mixedText(secret: string): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 10 }),
    fc.constant(secret),
    fc.integer({ min: 1, max: secret.length - 1 }).map((n) => secret.slice(n)),
    fc.integer({ min: 1, max: secret.length - 1 }).map((n) => secret.slice(0, n)),
    longRun,
    fc.constantFrom('=', '==', ' ', '"', '\n', '•'),
  );
  return fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
}

const keyAndText = key.chain((secret) => fc.tuple(fc.constant(secret), mixedText(secret)));

function redactorFor(secret: string): Redactor {
  const redactor = new Redactor();
  redactor.remember(secret);
  return redactor;
}

function assertNothingLeaks(text: string, secret: string): void {
  assert.ok(!text.includes(secret), `the key ${secret} is still in ${JSON.stringify(text)}`);
  assert.ok(!LONG_RUN.test(text), `a base64 run is still in ${JSON.stringify(text)}`);
}

describe('properties: redaction', () => {
  it('is idempotent on text mixing the key and long base64 runs', () => {
    fc.assert(
      fc.property(keyAndText, ([secret, text]) => {
        const redactor = redactorFor(secret);
        const once = redactor.text(text);
        assert.equal(redactor.text(once), once);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('leaves neither the key nor a base64 run of 120 characters', () => {
    fc.assert(
      fc.property(keyAndText, ([secret, text]) => {
        assertNothingLeaks(redactorFor(secret).text(text), secret);
      }),
      { numRuns: 1000, seed: SEED + 1 },
    );
  });

  it('redacts any JSON value without throwing, keys included', () => {
    const valueWithSecrets = key.chain((secret) =>
      fc.tuple(
        fc.constant(secret),
        fc.letrec<{ value: unknown }>((tie) => ({
          value: fc.oneof(
            { depthSize: 'small', withCrossShrink: true },
            mixedText(secret),
            fc.jsonValue({ maxDepth: 2 }),
            fc.array(tie('value'), { maxLength: 4 }),
            fc.dictionary(mixedText(secret), tie('value'), { maxKeys: 4 }),
          ),
        })).value,
      ),
    );
    fc.assert(
      fc.property(valueWithSecrets, ([secret, value]) => {
        const redacted = redactorFor(secret).value(value);
        assertNothingLeaks(JSON.stringify(redacted) ?? '', secret);
      }),
      { numRuns: 500, seed: SEED + 2 },
    );
  });

  it('leaves text without a key or a long run unchanged', () => {
    const shortText = fc.string({ maxLength: 200 }).filter((text) => !/[A-Za-z0-9+/]{120}/.test(text));
    fc.assert(
      fc.property(key, shortText, (secret, text) => {
        fc.pre(!text.includes(secret));
        assert.equal(redactorFor(secret).text(text), text);
        assert.equal(new Redactor().text(text), text);
      }),
      { numRuns: 1000, seed: SEED + 3 },
    );
  });
});
