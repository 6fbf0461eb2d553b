import * as assert from 'node:assert/strict';
import { type ParseError, parseTree } from 'jsonc-parser';
import { parseJsonTree, readStrictJson } from '../../../../src/core/validate/jsonTree';
import { FACE_JPEG, pretty } from './helpers';
import { treeShape } from './treeShape';

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** Asserts that parseJsonTree gives jsonc-parser's tree and errors, parent links and all. */
function assertSameAsJsonc(text: string): void {
  const errors: ParseError[] = [];
  const expectedErrors: ParseError[] = [];
  const tree = parseJsonTree(text, errors, STRICT);
  assert.deepStrictEqual(
    treeShape(tree),
    treeShape(parseTree(text, expectedErrors, STRICT)),
    JSON.stringify(text.slice(0, 80)),
  );
  assert.deepStrictEqual(errors, expectedErrors, JSON.stringify(text.slice(0, 80)));
}

/** Base64 longer than the scan cache's threshold, so the remembered-scan path is the one taken. */
const LONG_BASE64 = FACE_JPEG.repeat(Math.ceil(40_000 / FACE_JPEG.length)).replace(/=/g, 'A');

describe('parseJsonTree: the strict JSON reader', () => {
  it('builds the tree of a strict request itself, the same as jsonc-parser, whatever the whitespace', () => {
    const body = { Person: { CustomID: 'x-1', Face: [{ 'Face-1': LONG_BASE64 }], n: [0, -1.5e3, true, false, null] } };
    for (const text of [
      pretty(body),
      JSON.stringify(body),
      JSON.stringify(body, null, '\t'),
      pretty(body).replace(/\n/g, '\r\n'),
      `  \n${JSON.stringify(body)}\n\n`,
      '{}',
      '[]',
      '{ }',
      '"just a string"',
      '-0.25E-7',
      'null',
    ]) {
      assert.notEqual(readStrictJson(text), undefined, text.slice(0, 60));
      assertSameAsJsonc(text);
    }
  });

  it('takes long values as they are in the text, and decodes escapes like jsonc-parser', () => {
    const escaped = LONG_BASE64.replace(/\//g, '\\/');
    const text = `{"a":"${escaped}","b":"quote \\" and \\\\","c":"\\u00e9\\n\\t","d":"ends with a backslash \\\\"}`;
    const root = readStrictJson(text);
    assert.equal(root?.children?.[0]?.children?.[1]?.value, LONG_BASE64);
    assert.equal(root?.children?.[1]?.children?.[1]?.value, 'quote " and \\');
    assert.equal(root?.children?.[2]?.children?.[1]?.value, 'é\n\t');
    assert.equal(root?.children?.[3]?.children?.[1]?.value, 'ends with a backslash \\');
    assertSameAsJsonc(text);
  });

  it('reads a byte order mark as jsonc-parser does: an unknown symbol at 0, offsets counted from it', () => {
    const text = `\ufeff${pretty({ Person: { CustomID: '1' } })}`;
    assert.notEqual(readStrictJson(text), undefined);
    const errors: ParseError[] = [];
    assert.equal(parseJsonTree(text, errors, STRICT)?.offset, 1);
    assert.deepEqual(errors, [{ error: 1, offset: 0, length: 1 }]);
    assertSameAsJsonc(text);
  });

  it('leaves everything that is not strict JSON to jsonc-parser, which reports it', () => {
    const cases = [
      '',
      '   \n',
      '\ufeff',
      '\ufeffx{}',
      '{ "a": 1, }',
      '[1, 2,]',
      '{ "a": 1 } // comment',
      '{ /* c */ "a": 1 }',
      "{ 'a': 1 }",
      '{ "a": 01 }',
      '{ "a": 1. }',
      '{ "a": - }',
      '{ "a": 1e }',
      '{ "a": NaN }',
      '{ "a": truex }',
      '{ "a" 1 }',
      '{ "a": 1 "b": 2 }',
      '{ "a": 1 } x',
      '{ "a": 1 }}',
      '{ "a": "unterminated }',
      '{ "a": "bad \\x escape" }',
      '{ "a": "\\u12G4" }',
      '{ "a": "raw \u0001 control" }',
      '{ "a": "raw \n newline" }',
      `{ "a": "${LONG_BASE64.slice(0, 30_000)}\u0007${LONG_BASE64.slice(30_000)}" }`,
      `{ "a": "${LONG_BASE64}\t" }`,
      '{ "a": 1 }\u00a0',
      `${'['.repeat(300)}${']'.repeat(300)}`,
    ];
    for (const text of cases) {
      assert.equal(readStrictJson(text), undefined, JSON.stringify(text.slice(0, 60)));
      assertSameAsJsonc(text);
    }
  });

  it('reads nesting as deep as any request itself, and leaves deeper nesting to jsonc-parser', () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    assert.notEqual(readStrictJson(nested(200)), undefined);
    assertSameAsJsonc(nested(200));
    assert.equal(readStrictJson(nested(300)), undefined);
    assertSameAsJsonc(nested(300));
  });
});
