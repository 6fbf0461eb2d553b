import * as assert from 'node:assert/strict';
import { detectImageKind } from '../../../../src/core/images/kind';

describe('detectImageKind', () => {
  it('tells the API image formats apart by their first bytes', () => {
    assert.equal(detectImageKind(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0)), 'jpeg');
    assert.equal(detectImageKind(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)), 'png');
    assert.equal(detectImageKind(Uint8Array.of(0x49, 0x49, 0x2a, 0x00)), 'tiff');
    assert.equal(detectImageKind(Uint8Array.of(0x4d, 0x4d, 0x00, 0x2a)), 'tiff');
    assert.equal(detectImageKind(Uint8Array.of(0xff, 0xa0, 0xff, 0xa8)), 'wsq');
  });

  it('returns undefined for anything else, including truncated headers', () => {
    assert.equal(detectImageKind(Buffer.from('%PDF-1.7')), undefined);
    assert.equal(detectImageKind(Uint8Array.of(0xff, 0xd8)), undefined);
    assert.equal(detectImageKind(new Uint8Array()), undefined);
  });
});
