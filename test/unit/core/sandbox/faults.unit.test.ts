import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { sampleFaceJpeg } from '../../../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../../../src/core/sandbox';
import { b64, call, callOk } from './client';

const detect = { Check: { Image: b64(sampleFaceJpeg(0)) } };

/** Sends one request on a fresh connection and reports what the client saw, error included. */
function rawPost(sandbox: Sandbox, path: string): Promise<{ error?: NodeJS.ErrnoException; status?: number }> {
  return new Promise((resolve) => {
    const body = JSON.stringify(detect);
    const req = request(`${sandbox.url}${path}`, {
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': sandbox.key },
    });
    req.on('error', (error) => resolve({ error }));
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.end(body);
  });
}

describe('sandbox faults', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  it('delays a response by the latency, then answers normally', async () => {
    sandbox.injectFault({ kind: 'latency', ms: 150 });
    const started = performance.now();
    await callOk(sandbox, 'face_detect', detect);
    assert.ok(performance.now() - started >= 140);
    const again = performance.now();
    await callOk(sandbox, 'face_detect', detect);
    assert.ok(performance.now() - again < 140, 'a fault is used once by default');
  });

  it('answers a status fault with the gateway JSON, Retry-After included', async () => {
    sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const answer = await call(sandbox, 'face_detect', detect);
    assert.equal(answer.status, 429);
    assert.equal(answer.headers.get('retry-after'), '7');
    assert.deepEqual(JSON.parse(answer.text), {
      statusCode: 429,
      message: 'Rate limit is exceeded. Try again in 7 seconds.',
    });
  });

  it('sends a given body with its content type, such as a proxy HTML page on a 502', async () => {
    sandbox.injectFault({ kind: 'status', status: 502, body: '<html><body>Bad Gateway</body></html>' });
    sandbox.injectFault({ kind: 'status', status: 503, body: 'busy', contentType: 'text/plain' });
    const html = await call(sandbox, 'face_detect', detect);
    assert.deepEqual([html.status, html.text], [502, '<html><body>Bad Gateway</body></html>']);
    assert.match(html.contentType, /^text\/html/);
    const busy = await call(sandbox, 'face_detect', detect);
    assert.deepEqual([busy.status, busy.contentType, busy.text], [503, 'text/plain', 'busy']);
  });

  it('defaults to a gateway message for quota and server errors', async () => {
    sandbox.injectFault({ kind: 'status', status: 403 });
    sandbox.injectFault({ kind: 'status', status: 500 });
    const quota = JSON.parse((await call(sandbox, 'face_detect', detect)).text);
    assert.equal(quota.statusCode, 403);
    assert.match(quota.message, /quota/);
    assert.deepEqual(JSON.parse((await call(sandbox, 'face_detect', detect)).text), {
      statusCode: 500,
      message: 'Internal Server Error',
    });
  });

  it('resets the connection without a response', async () => {
    sandbox.injectFault({ kind: 'reset' });
    const seen = await rawPost(sandbox, '/multibiometrics/face_detect');
    assert.equal(seen.status, undefined);
    assert.equal(seen.error?.code, 'ECONNRESET');
    assert.equal(sandbox.requestLog.at(-1)?.status, 0);
  });

  it('truncates a body shorter than its Content-Length', async () => {
    sandbox.injectFault({ kind: 'truncate' });
    const response = await fetch(`${sandbox.url}/multibiometrics/face_detect`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': sandbox.key },
      body: JSON.stringify(detect),
    });
    assert.equal(response.status, 200);
    assert.ok(Number(response.headers.get('content-length')) > 0);
    await assert.rejects(response.text(), TypeError);
  });

  it('stalls mid-body until the client gives up', async () => {
    sandbox.injectFault({ kind: 'stall' });
    const response = await fetch(`${sandbox.url}/multibiometrics/face_detect`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': sandbox.key },
      body: JSON.stringify(detect),
      signal: AbortSignal.timeout(300),
    });
    assert.equal(response.status, 200);
    await assert.rejects(response.text(), (error: Error) => error.name === 'TimeoutError');
  });

  it('answers 200 with a body that is not JSON', async () => {
    sandbox.injectFault({ kind: 'malformed' });
    const answer = await call(sandbox, 'face_detect', detect);
    assert.equal(answer.status, 200);
    assert.throws(() => JSON.parse(answer.text), SyntaxError);
  });

  it('answers 200 with Success false and the message for a logical failure', async () => {
    sandbox.injectFault({ kind: 'logical-failure', message: 'Person is blocked' });
    const answer = await call(sandbox, 'face_detect', detect);
    assert.deepEqual([answer.status, JSON.parse(answer.text)], [200, { Success: false, Message: 'Person is blocked' }]);
  });

  it('applies faults in injection order, each as many times as asked, only to the matching operation', async () => {
    sandbox.injectFault({ kind: 'status', status: 503, match: { operation: 'check_icao' }, times: 2 });
    sandbox.injectFault({ kind: 'status', status: 500, times: 1 });
    sandbox.injectFault({ kind: 'status', status: 502 });
    const statuses = [];
    for (const operation of ['face_detect', 'check_icao', 'face_detect', 'check_icao', 'check_icao'] as const) {
      statuses.push((await call(sandbox, operation, detect)).status);
    }
    assert.deepEqual(statuses, [500, 503, 502, 503, 200]);
  });

  it('adds a latency to the next fault, so a slow failure can be staged', async () => {
    sandbox.injectFault({ kind: 'latency', ms: 100 });
    sandbox.injectFault({ kind: 'status', status: 503 });
    const started = performance.now();
    assert.equal((await call(sandbox, 'face_detect', detect)).status, 503);
    assert.ok(performance.now() - started >= 90);
    assert.deepEqual(sandbox.requestLog.at(-1)?.faults, ['latency', 'status']);
  });

  it('applies a fault forever with times Infinity, until cleared', async () => {
    sandbox.injectFault({ kind: 'status', status: 503, times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) assert.equal((await call(sandbox, 'face_detect', detect)).status, 503);
    sandbox.clearFaults();
    assert.equal((await call(sandbox, 'face_detect', detect)).status, 200);
  });

  it('refuses a fault that could never apply', () => {
    assert.throws(() => sandbox.injectFault({ kind: 'status', status: 42 }), RangeError);
    assert.throws(() => sandbox.injectFault({ kind: 'latency', ms: -1 }), RangeError);
    assert.throws(() => sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1.5 }), RangeError);
    assert.throws(() => sandbox.injectFault({ kind: 'reset', times: 0 }), RangeError);
    // @ts-expect-error: an operation the catalog does not have
    assert.throws(() => sandbox.injectFault({ kind: 'reset', match: { operation: 'identify' } }), TypeError);
  });
});
