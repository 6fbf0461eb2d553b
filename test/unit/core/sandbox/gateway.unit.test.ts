import * as assert from 'node:assert/strict';
import { KNOWN_400_TEXTS } from '../../../../src/core/contract/choices';
import { sampleFaceJpeg } from '../../../../src/core/images/samples';
import { GATEWAY_MESSAGES, type Sandbox, startSandbox } from '../../../../src/core/sandbox';
import { b64, call, callOk, person, send } from './client';

const face = sampleFaceJpeg(0);

describe('sandbox gateway and body checks', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ maxRequestBytes: 64 * 1024 });
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.reset());

  it('answers a missing key with the API Management 401 for a missing key', async () => {
    const answer = await call(sandbox, 'verify', person('a', { face }), { key: null });
    assert.equal(answer.status, 401);
    assert.deepEqual(JSON.parse(answer.text), { statusCode: 401, message: GATEWAY_MESSAGES.missingKey });
    assert.match(answer.contentType, /^application\/json/);
    assert.equal((await call(sandbox, 'verify', person('a', { face }), { key: '' })).status, 401);
  });

  it('answers a wrong key with the API Management 401 for an invalid key', async () => {
    const answer = await call(sandbox, 'verify', person('a', { face }), { key: `${sandbox.key}x` });
    assert.equal(answer.status, 401);
    assert.deepEqual(JSON.parse(answer.text), { statusCode: 401, message: GATEWAY_MESSAGES.invalidKey });
    assert.match(GATEWAY_MESSAGES.missingKey, /missing subscription key/);
    assert.match(GATEWAY_MESSAGES.invalidKey, /invalid subscription key/);
  });

  it('checks the key before routing, then answers unknown paths and methods with a gateway 404', async () => {
    assert.equal((await send(sandbox, 'POST', '/multibiometrics/identify', {}, { key: null })).status, 401);
    for (const [method, path] of [
      ['POST', '/multibiometrics/identify'],
      ['GET', '/multibiometrics/enroll'],
      ['POST', '/multibiometrics/update'],
      ['POST', '/multibiometrics/enroll/'],
      ['POST', '/multibiometrics/wsq_decode'],
    ] as const) {
      const answer = await send(sandbox, method, path, method === 'GET' ? undefined : {});
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.deepEqual(JSON.parse(answer.text), { statusCode: 404, message: 'Resource not found' });
    }
  });

  it('takes application/json-patch+json as well as application/json, and refuses other media types', async () => {
    const patch = await call(sandbox, 'enroll', person('a', { face }), {
      contentType: 'application/json-patch+json; charset=utf-8',
    });
    assert.equal(patch.status, 200);
    const text = await call(sandbox, 'verify', person('a', { face }), { contentType: 'text/plain' });
    assert.equal(text.status, 415);
    assert.equal(JSON.parse(text.text).statusCode, 415);
  });

  it('reads a JSON body on DELETE', async () => {
    await callOk(sandbox, 'enroll', person('a', { face }));
    const deleted = await call(sandbox, 'delete', { Person: { CustomID: 'a' } });
    assert.equal(deleted.status, 200);
    assert.deepEqual(JSON.parse(deleted.text), { Person: { CustomID: 'a' } });
  });

  it('answers broken JSON, an unknown key and a wrong type with the plain-text 400', async () => {
    const broken = await call(sandbox, 'enroll', undefined, { rawBody: '{"Person": {"CustomID": "a",' });
    const unknownKey = await call(sandbox, 'enroll', {
      Person: { CustomID: 'a', Face: [{ 'Face-1': b64(face) }], Nickname: 'al' },
    });
    const wrongType = await call(sandbox, 'enroll', { Person: { CustomID: 42, Face: [{ 'Face-1': b64(face) }] } });
    const faceTwo = await call(sandbox, 'enroll', { Person: { CustomID: 'a', Face: [{ 'Face-2': b64(face) }] } });
    const empty = await call(sandbox, 'check_nfiq', undefined, { rawBody: '' });
    for (const answer of [broken, unknownKey, wrongType, faceTwo, empty]) {
      assert.equal(answer.status, 400);
      assert.equal(answer.text, KNOWN_400_TEXTS.invalidJson);
      assert.match(answer.contentType, /^text\/plain/);
    }
  });

  it('refuses a body over the size limit with a gateway 413', async () => {
    const answer = await call(sandbox, 'enroll', person('big', { face: Buffer.alloc(80 * 1024, 1) }));
    assert.equal(answer.status, 413);
    assert.equal(JSON.parse(answer.text).statusCode, 413);
    assert.equal(sandbox.requestLog.at(-1)?.status, 413);
  });
});
