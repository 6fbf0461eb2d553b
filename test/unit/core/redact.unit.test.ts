import * as assert from 'node:assert/strict';
import { describeBase64, formatSize, maskSecret, Redactor } from '../../../src/core/redact';

const KEY = 'c0ffee00c0ffee00c0ffee00c0ffabcd';
const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 7)]);

describe('redaction', () => {
  it('masks a remembered key as •••• plus its last four characters, wherever it appears', () => {
    const redactor = new Redactor();
    redactor.remember(KEY);
    const text = redactor.text(`Ocp-Apim-Subscription-Key: ${KEY} (again ${KEY})`);
    assert.equal(text, 'Ocp-Apim-Subscription-Key: ••••abcd (again ••••abcd)');
  });

  it('never shows part of a short secret', () => {
    assert.equal(maskSecret('abc123'), '••••');
  });

  it('replaces long base64 runs with a description of what they hold', () => {
    const base64 = fakeJpeg.toString('base64');
    const text = new Redactor().text(`{"Face-1":"${base64}"}`);
    assert.match(text, /^\{"Face-1":"<jpeg 3 KB sha256:[0-9a-f]{8}>"\}$/);
    assert.ok(!text.includes(base64.slice(0, 40)));
  });

  it('describes a data: URL payload and unknown bytes too', () => {
    const text = new Redactor().text(`data:image/png;base64,${Buffer.alloc(500, 1).toString('base64')}`);
    assert.match(text, /^data:image\/png;base64,<base64 500 B sha256:[0-9a-f]{8}>$/);
  });

  it('leaves short tokens alone (ids, hashes in prose)', () => {
    const text = 'Enrolled 1234 -> BioPassID 5f2c9a';
    assert.equal(new Redactor().text(text), text);
  });

  it('redacts every string of an object, nested in arrays', () => {
    const redactor = new Redactor();
    redactor.remember(KEY);
    const value = redactor.value({
      headers: { 'Ocp-Apim-Subscription-Key': KEY },
      Person: { CustomID: '42', Face: [{ 'Face-1': fakeJpeg.toString('base64') }] },
    }) as { headers: Record<string, string>; Person: { CustomID: string; Face: Record<string, string>[] } };
    assert.equal(value.headers['Ocp-Apim-Subscription-Key'], '••••abcd');
    assert.equal(value.Person.CustomID, '42');
    assert.match(value.Person.Face[0]?.['Face-1'] ?? '', /^<jpeg 3 KB sha256:/);
  });

  it('is idempotent', () => {
    const redactor = new Redactor();
    redactor.remember(KEY);
    const once = redactor.text(`${KEY} ${fakeJpeg.toString('base64')}`);
    assert.equal(redactor.text(once), once);
  });

  it('stops masking a forgotten key', () => {
    const redactor = new Redactor();
    redactor.remember(KEY);
    redactor.forget(KEY);
    assert.equal(redactor.text(KEY), KEY);
  });

  it('formats sizes the way the Output channel shows them', () => {
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatSize(182 * 1024), '182 KB');
    assert.equal(formatSize(5 * 1024 * 1024), '5.0 MB');
    assert.match(describeBase64(fakeJpeg.toString('base64')), /^<jpeg 3 KB sha256:[0-9a-f]{8}>$/);
  });
});
