import fc from 'fast-check';
import { CUSTOM_ID_MAX_LENGTH } from '../../../src/core/contract/choices';
import {
  sampleFaceJpeg,
  sampleFacePng,
  sampleFingerprintPng,
  sampleFingerprintTiff,
} from '../../../src/core/images/samples';

/**
 * Generators of request files the way people write them: the envelopes of the contract with
 * their real keys and misspelt ones, CustomIDs of every kind, images as valid base64 and as the
 * usual mistakes (data: prefixes, stray characters, wrong padding), serialized with any whitespace.
 */

/** A JSON text to be: objects keep their entries in order, duplicates included. */
export type JsonTree =
  | { readonly object: ReadonlyArray<readonly [string, JsonTree]> }
  | { readonly array: readonly JsonTree[] }
  | { readonly scalar: string | number | boolean | null };

const scalar = (value: string | number | boolean | null): JsonTree => ({ scalar: value });
const object = (...entries: ReadonlyArray<readonly [string, JsonTree] | null>): JsonTree => ({
  object: entries.filter((entry): entry is readonly [string, JsonTree] => entry !== null),
});

/** Real images, tiny so that each run stays fast. */
const IMAGES = [
  sampleFaceJpeg(0, 24),
  sampleFacePng(1, 24),
  sampleFingerprintTiff(0, 24),
  sampleFingerprintPng(1, 24),
  // A WSQ header: SOI, then a frame header.
  Buffer.from([0xff, 0xa0, 0xff, 0xa2, 0x00, 0x0e, 0x00, 0xff, 0x01, 0xa0, 0x01, 0x80, 0x00, 0x00, 0x00, 0x00]),
].map((bytes) => bytes.toString('base64'));

const validBase64 = fc.oneof(
  fc.constantFrom(...IMAGES),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64')),
);

/** Inserts `insert` at a position chosen by `at` (0..1). */
function insertAt(text: string, at: number, insert: string): string {
  const index = Math.floor(at * (text.length + 1));
  return text.slice(0, index) + insert + text.slice(index);
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** Valid base64 and the mistakes people make with it. */
export const base64ish: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: validBase64 },
  fc
    .tuple(
      fc.constantFrom('data:image/jpeg;base64,', 'data:image/png;base64,', 'data:,', 'data:', 'data:image/'),
      validBase64,
    )
    .map(([prefix, data]) => prefix + data),
  fc
    .tuple(validBase64, fraction, fc.constantFrom('-', '_', ' ', '\n', '.', '%', 'é', '\u0000', '"', '\\', '=', '=='))
    .map(([data, at, bad]) => insertAt(data, at, bad)),
  fc.tuple(validBase64, fc.integer({ min: 1, max: 4 })).map(([data, n]) => data + '='.repeat(n)),
  validBase64.map((data) => data.replace(/=+$/, '')),
  validBase64.map((data) => data.slice(0, Math.max(0, data.length - 1))),
  fc.constant(''),
  fc.string({ maxLength: 40 }),
);

/** A value for an image field: mostly text, sometimes a `$file` reference or the wrong type. */
const imageValue: fc.Arbitrary<JsonTree> = fc.oneof(
  { weight: 6, arbitrary: base64ish.map(scalar) },
  fc.constantFrom('./face.jpg', '', '   ', '../finger.tiff').map((path) => object(['$file', scalar(path)])),
  fc.constantFrom<JsonTree>(scalar(null), scalar(42), scalar(true), { array: [] }, object()),
);

const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

const controlCharacter = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));

/**
 * CustomIDs: plain, empty, blank, padded, with control characters, non-ASCII, printable ASCII
 * around the length limit, long, not a string.
 */
const customId: fc.Arbitrary<JsonTree> = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/).map(scalar) },
  fc.constantFrom('', ' ', '\t', ' 1234', '1234 ', '12\n34', '\u00a0', '\u200b').map(scalar),
  fc
    .integer({ min: CUSTOM_ID_MAX_LENGTH - 2, max: CUSTOM_ID_MAX_LENGTH + 2 })
    .chain((length) => fc.string({ unit: printableAscii, minLength: length, maxLength: length }))
    .map(scalar),
  fc
    .tuple(fc.string({ maxLength: 10 }), controlCharacter, fc.string({ maxLength: 10 }))
    .map(([a, c, b]) => scalar(a + c + b)),
  fc.string({ unit: 'binary', maxLength: 30 }).map(scalar),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 600 }).map(scalar),
  fc.constantFrom<JsonTree>(scalar(1234), scalar(null), scalar(false), { array: [scalar('1234')] }),
);

/** A key as the contract spells it, most of the time, else a misspelling or anything at all. */
function keyOf(correct: string, misspellings: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(correct) },
    { weight: 2, arbitrary: fc.constantFrom(...misspellings) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
}

/** An entry present or absent: null drops it from the object. */
function maybe<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.option(arbitrary, { freq: 4 });
}

const extraEntry = maybe(
  fc.tuple(
    fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('$schema', 'ClientID', 'BioPassID')),
    fc.oneof(fc.string().map(scalar), fc.integer().map(scalar)),
  ),
);

const FINGER_KEYS = Array.from({ length: 10 }, (_, i) => `Finger-${i + 1}`);

const fingersObject: fc.Arbitrary<JsonTree> = fc
  .array(fc.tuple(keyOf('Finger-1', ['Finger-0', 'Finger-11', 'finger-1', 'Finger1', ...FINGER_KEYS]), imageValue), {
    maxLength: 4,
  })
  .map((entries) => ({ object: entries }));

const person: fc.Arbitrary<JsonTree> = fc
  .tuple(
    maybe(fc.tuple(keyOf('CustomID', ['customID', 'CustomId', 'Custom ID', 'CustomID ', 'ID']), customId)),
    maybe(
      fc.tuple(
        keyOf('Face', ['face', 'Faces', 'Face-1']),
        fc.oneof(
          {
            weight: 4,
            arbitrary: fc
              .tuple(keyOf('Face-1', ['Face-2', 'face-1', 'Face1', 'Face']))
              .chain(([key]) => imageValue.map((image): JsonTree => ({ array: [object([key, image])] }))),
          },
          fc
            .array(
              imageValue.map((image): JsonTree => object(['Face-1', image])),
              { maxLength: 3 },
            )
            .map((items) => ({ array: items })),
          imageValue,
        ),
      ),
    ),
    maybe(
      fc.tuple(
        keyOf('Fingers', ['fingers', 'Finger', 'Fingerprints']),
        fc.oneof(
          { weight: 4, arbitrary: fingersObject.map((fingers): JsonTree => ({ array: [fingers] })) },
          fc.array(fingersObject, { maxLength: 3 }).map((items) => ({ array: items })),
          fingersObject,
        ),
      ),
    ),
    extraEntry,
  )
  .map((entries) => object(...entries));

const imageOnly = (key: string): fc.Arbitrary<JsonTree> =>
  fc
    .tuple(maybe(fc.tuple(keyOf(key, ['image', 'Img', 'Images', 'Artifact']), imageValue)), extraEntry)
    .map((entries) => object(...entries));

const match: fc.Arbitrary<JsonTree> = fc
  .tuple(
    maybe(fc.tuple(keyOf('Type', ['type']), fc.constantFrom('face', 'finger', 'iris', '', 'Face').map(scalar))),
    maybe(fc.tuple(keyOf('Format', ['format']), fc.constantFrom('ISO', 'ANSI', 'BioPass', 'iso', '').map(scalar))),
    maybe(fc.tuple(keyOf('Artifact_A', ['Artifact_a', 'ArtifactA']), imageValue)),
    maybe(fc.tuple(keyOf('Artifact_B', ['Artifact_b', 'ArtifactB']), imageValue)),
    extraEntry,
  )
  .map((entries) => object(...entries));

/** A whole request: one envelope (sometimes misspelt, sometimes two), maybe a $schema. */
export const requestTree: fc.Arbitrary<JsonTree> = fc
  .tuple(
    fc.oneof(
      fc.tuple(keyOf('Person', ['person', 'Persons', 'Pesron']), person),
      fc.tuple(keyOf('Check', ['check', 'Checks']), imageOnly('Image')),
      fc.tuple(keyOf('Spoof', ['spoof', 'Liveness']), imageOnly('Image')),
      fc.tuple(keyOf('Match', ['match', 'Matches']), match),
    ),
    maybe(fc.tuple(fc.constantFrom('$schema', 'Check', 'Person'), fc.oneof(person, fc.string().map(scalar)))),
  )
  .map(([envelope, second]) => object(envelope, second));

const WHITESPACE = ['', ' ', '  ', '\n', '\t', '\r\n', '\n    '] as const;

/** Serializes the tree as JSON with the whitespace between tokens drawn from `spacing`, in turn. */
export function serialize(tree: JsonTree, spacing: readonly string[]): string {
  let turn = 0;
  const ws = () => (spacing.length === 0 ? '' : (spacing[turn++ % spacing.length] ?? ''));
  const write = (node: JsonTree): string => {
    if ('scalar' in node) return JSON.stringify(node.scalar);
    if ('array' in node) return `[${ws()}${node.array.map((item) => write(item)).join(`${ws()},${ws()}`)}${ws()}]`;
    const entries = node.object.map(([key, value]) => `${JSON.stringify(key)}${ws()}:${ws()}${write(value)}`);
    return `{${ws()}${entries.join(`${ws()},${ws()}`)}${ws()}}`;
  };
  return `${ws()}${write(tree)}${ws()}`;
}

/** The text of a request file, with random whitespace. */
export const requestText: fc.Arbitrary<string> = fc
  .tuple(requestTree, fc.array(fc.constantFrom(...WHITESPACE), { minLength: 1, maxLength: 16 }))
  .map(([tree, spacing]) => serialize(tree, spacing));
