import * as assert from 'node:assert/strict';
import { decodeStrictBase64, isBase64Alphabet, scanBase64Text } from '../../../src/core/base64';

describe('strict base64', () => {
  it('knows the 64 characters of the standard alphabet, and nothing else', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const accepted = Array.from({ length: 0x10000 }, (_, code) => code).filter(isBase64Alphabet);
    assert.equal(String.fromCharCode(...accepted), [...alphabet].sort().join(''));
  });

  it('decodes what the scan passes, padded or not, and refuses a lone last character or wrong padding', () => {
    assert.deepEqual(decodeStrictBase64('QUJDRA=='), Buffer.from('ABCD'));
    assert.deepEqual(decodeStrictBase64('QUJDRA'), Buffer.from('ABCD'));
    for (const text of ['QUJDR', 'QUJDRA=', 'QUJDRA===', '==', 'QUJD-A==', 'QUJD_A', 'QUJDRA==QQ==']) {
      assert.equal(decodeStrictBase64(text), undefined, text);
    }
  });

  it('refuses a character beyond Latin-1 whose low byte is in the alphabet (U+0141 is not "A")', () => {
    assert.deepEqual(scanBase64Text('QUJD\u0141QUI'), { kind: 'invalid', at: 4 });
    assert.equal(decodeStrictBase64('QUJD\u0141QUI'), undefined);
    assert.equal(decodeStrictBase64('QU\u0141D'), undefined);
  });
});
