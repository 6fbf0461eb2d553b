import * as assert from 'node:assert/strict';
import { decodedLength, decodePrefix, scanBase64 } from '../../../../src/core/validate/base64';

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
