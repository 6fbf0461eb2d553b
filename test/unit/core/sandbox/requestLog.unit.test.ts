import * as assert from 'node:assert/strict';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../../../src/core/sandbox';
import { b64, call, callOk, person, send } from './client';

const face = sampleFaceJpeg(0);
const finger = sampleFingerprintTiff(0);

describe('sandbox request log', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ keys: ['first-key-0123456789', 'second-key-0123456789'] });
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.reset());

  it('records every request, 401s, 404s and faults included', async () => {
    await callOk(sandbox, 'enroll', person('log-1', { face }));
    await call(sandbox, 'verify', person('log-1', { face }), { key: null });
    await send(sandbox, 'POST', '/nowhere', {});
    sandbox.injectFault({ kind: 'status', status: 503 });
    await call(sandbox, 'check_nfiq', { Check: { Image: b64(finger) } });

    const log = sandbox.requestLog;
    assert.deepEqual(
      log.map(({ method, path, operation, status, customId, faults }) => ({
        method,
        path,
        operation,
        status,
        customId,
        faults,
      })),
      [
        {
          method: 'POST',
          path: '/multibiometrics/enroll',
          operation: 'enroll',
          status: 200,
          customId: 'log-1',
          faults: undefined,
        },
        {
          method: 'POST',
          path: '/multibiometrics/verify',
          operation: 'verify',
          status: 401,
          customId: undefined,
          faults: undefined,
        },
        { method: 'POST', path: '/nowhere', operation: undefined, status: 404, customId: undefined, faults: undefined },
        {
          method: 'POST',
          path: '/quality/check_nfiq',
          operation: 'check_nfiq',
          status: 503,
          customId: undefined,
          faults: ['status'],
        },
      ],
    );
    for (const entry of log) {
      assert.ok(!Number.isNaN(Date.parse(entry.time)));
      assert.ok(entry.requestBytes > 0);
      assert.ok(entry.latencyMs >= 0);
    }
    assert.ok((log[0]?.requestBytes ?? 0) > face.length, 'the size of the base64 body');
  });

  it('holds no base64 and no key', async () => {
    const faceBase64 = b64(face);
    await callOk(sandbox, 'enroll', person('log-2', { face, fingers: { 1: finger } }));
    await call(sandbox, 'verify', person('log-2', { face }), { key: 'second-key-0123456789' });
    await call(sandbox, 'verify', person('log-2', { face }), { key: 'a-wrong-key-0123456789' });
    await callOk(sandbox, 'wsq_encode', { Encode: { Image: b64(finger), Compression: 0.75, PPI: 500 } });
    await send(sandbox, 'POST', `/multibiometrics/enroll?subscription-key=${sandbox.key}`, {});

    const text = JSON.stringify(sandbox.requestLog);
    assert.equal(sandbox.requestLog.length, 5);
    for (const secret of [
      faceBase64.slice(200, 240),
      b64(finger).slice(200, 240),
      sandbox.key,
      'second-key',
      'wrong-key',
    ]) {
      assert.ok(!text.includes(secret), `the log holds ${secret}`);
    }
  });

  it('is a snapshot that the caller cannot change, emptied by reset', async () => {
    await callOk(sandbox, 'face_detect', { Check: { Image: b64(face) } });
    const snapshot = sandbox.requestLog;
    (snapshot as unknown[]).length = 0;
    assert.equal(sandbox.requestLog.length, 1);
    sandbox.reset();
    assert.equal(sandbox.requestLog.length, 0);
  });

  it('cuts a CustomID that is too long to be one', async () => {
    await call(sandbox, 'enroll', person('x'.repeat(500), { face }));
    assert.equal(sandbox.requestLog[0]?.customId, `${'x'.repeat(64)}…`);
  });
});
