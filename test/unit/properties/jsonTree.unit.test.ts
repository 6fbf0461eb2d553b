import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { type ParseError, parseTree } from 'jsonc-parser';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { parseJsonTree, readStrictJson } from '../../../src/core/validate/jsonTree';
import { clearLongStringCaches } from '../../../src/core/validate/scanCache';
import { validateRequest } from '../../../src/core/validate/validateRequest';
import { treeShape } from '../core/validate/treeShape';
import { base64ish, type JsonTree, requestTree, serialize } from './requestArbitraries';

/** Fixed seeds: a failure in CI reproduces locally with the same counterexample. */
const SEED = 0x5eed_0200;

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** Base64 past the scan cache's threshold, so that path is exercised too. */
const LONG_IMAGE = Buffer.concat([sampleFaceJpeg(0, 24), Buffer.alloc(15_000, 7)]).toString('base64');

/** A value people paste into an image field, sometimes megabytes long, here tens of kilobytes. */
const image: fc.Arbitrary<string> = fc.oneof(
  base64ish,
  fc.constant(LONG_IMAGE),
  fc
    .tuple(fc.nat(LONG_IMAGE.length - 1), fc.constantFrom('%', '-', 'é', '"', '\\', '\n', '=', '😀'))
    .map(([at, bad]) => LONG_IMAGE.slice(0, at) + bad + LONG_IMAGE.slice(at + 1)),
);

/** Where an envelope's body takes an image. */
function withImage(envelope: string, body: JsonTree, face: string): JsonTree {
  if (!('object' in body)) return body;
  const value: JsonTree = { scalar: face };
  const entry =
    envelope === 'Person'
      ? (['Face', { array: [{ object: [['Face-1', value]] }] }] as const)
      : ([envelope === 'Match' ? 'Artifact_A' : 'Image', value] as const);
  return { object: [...body.object, entry] };
}

/** Requests from requestArbitraries, often holding a long image, and now and then a key given twice. */
const tree: fc.Arbitrary<JsonTree> = fc
  .tuple(requestTree, fc.option(image), fc.boolean())
  .map(([request, face, twice]) => {
    if (!('object' in request)) return request;
    const entries = request.object.map(
      ([key, body]) => [key, face === null ? body : withImage(key, body, face)] as const,
    );
    const first = entries[0];
    return { object: twice && first ? [...entries, first] : entries };
  });

const WHITESPACE = ['', ' ', '\n  ', '\t', '\r\n'] as const;

/** Strict JSON texts: requests and any JSON, any whitespace, slashes and some letters written as escapes. */
const strictText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .tuple(tree, fc.array(fc.constantFrom(...WHITESPACE), { minLength: 1, maxLength: 8 }))
          .map(([request, spacing]) => serialize(request, spacing)),
      },
      fc.tuple(fc.json(), fc.nat(3)).map(([json, indent]) => JSON.stringify(JSON.parse(json), null, indent)),
    ),
    fc.nat(3),
  )
  .map(([text, escapes]) => {
    // Outside strings, strict JSON holds no slash and no "A" or "Q": these only change string contents.
    if (escapes === 1) return text.replaceAll('/', '\\/');
    if (escapes === 2) return text.replaceAll('A', '\\u0041').replaceAll('Q', '\\u0051');
    return text;
  });

type Edit = (text: string) => string;

/**
 * Where an edit lands: `where` (0..1) picks one of the text's positions, or, when `nearToken`,
 * one of those at a quote, a bracket, a comma, a colon or the start of a number, where edits change the most.
 */
const position = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.boolean());
function at(text: string, [where, nearToken]: [number, boolean]): number {
  if (!nearToken) return Math.floor(where * (text.length + 1));
  const tokens = [...text.matchAll(/["{}[\],:]|(?<=[:[,\s])[-\d]/g)].map((match) => match.index);
  return tokens[Math.floor(where * tokens.length)] ?? Math.floor(where * (text.length + 1));
}

/** What turns strict JSON into something else: a BOM, comments, trailing commas, typing anywhere. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant<Edit>((text) => `\ufeff${text}`),
  fc.tuple(position, fc.constantFrom('/* note */', '// note\n', '/*', '//')).map(
    ([where, comment]): Edit =>
      (text) =>
        text.slice(0, at(text, where)) + comment + text.slice(at(text, where)),
  ),
  position.map(
    (where): Edit =>
      (text) => {
        const closing = text.slice(at(text, where)).search(/[}\]]/);
        const index = closing === -1 ? -1 : at(text, where) + closing;
        return index === -1 ? text : `${text.slice(0, index)},${text.slice(index)}`;
      },
  ),
  fc
    .tuple(
      position,
      fc.constantFrom(
        ',',
        ':',
        '"',
        '\\',
        '{',
        '}',
        '[',
        ']',
        '0',
        '-',
        '.',
        'e',
        'x',
        ' ',
        '\n',
        '\t',
        '\u0001',
        '\ufeff',
        '\u00a0',
      ),
    )
    .map(
      ([where, character]): Edit =>
        (text) =>
          text.slice(0, at(text, where)) + character + text.slice(at(text, where)),
    ),
  position.map(
    (where): Edit =>
      (text) =>
        text.slice(0, at(text, where)) + text.slice(at(text, where) + 1),
  ),
);

const editedText = fc
  .tuple(strictText, fc.array(edit, { minLength: 1, maxLength: 3 }))
  .map(([text, edits]) => edits.reduce((result, apply) => apply(result), text));

/** Every character a string may meet, escapes and their mistakes included. */
const stringPiece = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('\\"', '\\\\', '\\/', '\\u00e9', '\\u12', '\\x', '\\', '\ufeff', '\u2028', 'é', '😀', '\ud800'),
);

/** Strings, short and long, with a character or an escape put anywhere, as a value and as a key. */
const stringText = fc
  .tuple(fc.oneof(fc.string({ maxLength: 30 }), fc.constant(LONG_IMAGE)), fc.nat(), stringPiece)
  .chain(([content, where, piece]) => {
    const index = where % (content.length + 1);
    const raw = content.slice(0, index) + piece + content.slice(index);
    return fc.constantFrom(`{"k": "${raw}"}`, `{"${raw}": 1}`, `["${raw}", "${raw}"]`);
  });

/** Number-like words, JSON numbers and not. */
const numberText = fc
  .stringMatching(/^-?(0|[1-9][0-9]{0,3}|0[0-9])?(\.[0-9]{0,2})?([eE][+-]?[0-9]{0,2})?$/)
  .chain((number) => fc.constantFrom(number, `[${number}]`, `{"n": ${number}}`, `[${number}, -${number}]`));

function assertSameTree(text: string): void {
  const errors: ParseError[] = [];
  const expectedErrors: ParseError[] = [];
  const root = parseJsonTree(text, errors, STRICT);
  assert.deepStrictEqual(treeShape(root), treeShape(parseTree(text, expectedErrors, STRICT)));
  assert.deepStrictEqual(errors, expectedErrors);
}

describe('properties: the strict JSON reader against jsonc-parser', () => {
  it('reads every strict request itself, into the tree jsonc-parser builds', () => {
    fc.assert(
      fc.property(strictText, (text) => {
        assert.notEqual(readStrictJson(text), undefined, 'a strict text was left to jsonc-parser');
        assertSameTree(text);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('gives the tree and the errors jsonc-parser gives on texts with BOMs, comments, trailing commas and typos', () => {
    let readItself = 0;
    fc.assert(
      fc.property(editedText, (text) => {
        if (readStrictJson(text) !== undefined) readItself++;
        assertSameTree(text);
      }),
      { numRuns: 600, seed: SEED + 1 },
    );
    // Some edits leave strict JSON (a BOM, a space, a digit inside a string): that path is checked too.
    assert.ok(readItself > 30, `only ${readItself} edited texts were strict JSON`);
  });

  it('reads strings and numbers as jsonc-parser does, whatever they hold', () => {
    fc.assert(fc.property(fc.oneof(stringText, numberText), assertSameTree), { numRuns: 1000, seed: SEED + 3 });
  });

  it('validates an edited text as it would from scratch, whatever was validated before', () => {
    fc.assert(
      fc.property(strictText, fc.array(edit, { minLength: 1, maxLength: 2 }), (text, edits) => {
        const edited = edits.reduce((result, apply) => apply(result), text);
        validateRequest(text);
        const after = validateRequest(edited);
        clearLongStringCaches();
        assert.deepEqual(after, validateRequest(edited));
      }),
      { numRuns: 300, seed: SEED + 2 },
    );
  });
});
