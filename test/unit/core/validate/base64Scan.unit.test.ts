import * as assert from 'node:assert/strict';
import { decodedLength, decodePrefix, scanBase64, scanString } from '../../../../src/core/validate/base64';

describe('scanBase64', () => {
  it('finds a bad character at every position, whatever the length (the loop steps four bytes at a time)', () => {
    for (let length = 1; length <= 13; length++) {
      for (let at = 0; at < length; at++) {
        const text = `${'A'.repeat(at)}%${'A'.repeat(length - at - 1)}`;
        assert.deepEqual(scanBase64(text), { kind: 'invalid', at }, text);
      }
    }
  });

  it('accepts the whole alphabet and counts trailing padding', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    assert.deepEqual(scanBase64(alphabet), { kind: 'ok', padding: 0 });
    assert.deepEqual(scanBase64('QQ=='), { kind: 'ok', padding: 2 });
    assert.deepEqual(scanBase64('QUI='), { kind: 'ok', padding: 1 });
    assert.deepEqual(scanBase64(''), { kind: 'ok', padding: 0 });
  });

  it('tells padding inside the data, too much padding and a bad character after padding apart', () => {
    assert.deepEqual(scanBase64('QQ==QUJD'), { kind: 'padding-inside', at: 2, length: 2 });
    assert.deepEqual(scanBase64('QQ===='), { kind: 'too-much-padding', at: 4, length: 2 });
    assert.deepEqual(scanBase64('QQ==%'), { kind: 'invalid', at: 4 });
  });

  it('reports a non-ASCII character at its character index', () => {
    assert.deepEqual(scanBase64('QUJDQUJDé'), { kind: 'invalid', at: 8 });
    assert.deepEqual(scanBase64('QUJD\u0141'), { kind: 'invalid', at: 4 });
  });
});

describe('scanString on texts longer than one scanned chunk', () => {
  const CHUNK = 64 * 1024;
  const long = (length: number) => 'QUJD'.repeat(Math.ceil(length / 4)).slice(0, length);
  const withAt = (text: string, at: number, insert: string) => text.slice(0, at) + insert + text.slice(at + 1);
  const hasControlCharacter = (text: string) => scanString(text).control;

  it('finds a bad character on either side of a chunk boundary', () => {
    const text = long(3 * CHUNK + 8);
    for (const at of [CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK - 3, 3 * CHUNK + 7]) {
      assert.deepEqual(scanBase64(withAt(text, at, '%')), { kind: 'invalid', at }, `at ${at}`);
      assert.deepEqual(scanBase64(withAt(text, at, 'é')), { kind: 'invalid', at }, `é at ${at}`);
    }
    assert.deepEqual(scanBase64(text), { kind: 'ok', padding: 0 });
  });

  it('finds a character outside the BMP whose two UTF-16 units straddle a chunk boundary', () => {
    const text = long(2 * CHUNK);
    const split = `${text.slice(0, CHUNK - 1)}😀${text.slice(CHUNK + 1)}`;
    assert.deepEqual(scanBase64(split), { kind: 'invalid', at: CHUNK - 1 });
  });

  it('reads padding and what follows it at the end of a long text', () => {
    const text = long(2 * CHUNK);
    assert.deepEqual(scanBase64(`${text.slice(0, -2)}==`), { kind: 'ok', padding: 2 });
    assert.deepEqual(scanBase64(`${text.slice(0, CHUNK)}==${text.slice(CHUNK + 2)}`), {
      kind: 'padding-inside',
      at: CHUNK,
      length: 2,
    });
  });

  it('finds a control character anywhere after the base64 stops, in any chunk', () => {
    const text = long(3 * CHUNK);
    assert.equal(hasControlCharacter(text), false);
    assert.equal(hasControlCharacter(withAt(text, 2 * CHUNK + 5, '\u0001')), true);
    // The base64 stops at the "-", the control character comes two chunks later.
    assert.equal(hasControlCharacter(withAt(withAt(text, 10, '-'), 2 * CHUNK + 5, '\n')), true);
    assert.equal(hasControlCharacter(withAt(withAt(text, 10, 'é'), 3 * CHUNK - 1, '\t')), true);
  });

  it('finds a backslash after the base64 stops, and tells it from a character ending in its byte', () => {
    const text = long(2 * CHUNK);
    assert.equal(scanString(text).backslash, false);
    assert.equal(scanString(withAt(text, CHUNK + 3, '\\')).backslash, true);
    assert.equal(scanString(withAt(withAt(text, 5, '%'), 2 * CHUNK - 1, '\\')).backslash, true);
    // U+015C ends in the byte of a backslash.
    assert.equal(scanString(withAt(text, CHUNK + 3, '\u015c')).backslash, false);
  });

  it('does not take a character above U+00FF for the control character its low byte would be', () => {
    // U+0109 and U+010A end in the bytes of a tab and a line feed.
    const text = long(2 * CHUNK);
    assert.equal(hasControlCharacter(withAt(withAt(text, 3, '\u0109'), CHUNK + 1, '\u010a')), false);
    assert.equal(hasControlCharacter('short \u0109 text'), false);
    assert.equal(hasControlCharacter('short \u0009 text'), true);
  });
});

describe('decodedLength and decodePrefix', () => {
  it('computes the decoded size from the length and padding alone', () => {
    assert.equal(decodedLength(4, 2), 1);
    assert.equal(decodedLength(8, 0), 6);
    assert.equal(decodedLength(Buffer.alloc(1000).toString('base64').length, 2), 1000);
  });

  it('decodes whole four-character groups of a bounded prefix only', () => {
    const text = Buffer.from('0123456789').toString('base64');
    assert.equal(decodePrefix(text, 6).toString(), '012');
    assert.equal(decodePrefix(text, 1000).toString(), '0123456789');
  });
});
