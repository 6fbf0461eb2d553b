import * as assert from 'node:assert/strict';
import type { OutgoingHttpHeaders } from 'node:http';
import { describeOutcome, type Outcome } from '../../../../src/core/http/outcome';
import { HttpLoopback } from './loopback';
import { BODIES, FACE_B64, KEY, testClient } from './support';

describe('HTTP client: log lines and secrets', () => {
  let server: HttpLoopback;
  before(async () => {
    server = await HttpLoopback.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('describes an outcome on one line: operation, status, reason, summary, next step, timing', async () => {
    server.replyJson(401, {
      statusCode: 401,
      message:
        'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
    });
    const line = describeOutcome(await testClient(server.baseUrl).send('enroll', BODIES.enroll));
    assert.match(
      line,
      /^enroll 401 invalid-key: Access denied due to invalid subscription key\. .* — Set a valid subscription key for this environment .*\(\d+ ms\)$/,
    );
  });

  it('leaves the next step out of a plain success, and counts attempts when there were several', async () => {
    server.handler = (_request, response) => {
      const limited = server.requests.length === 1;
      response.writeHead(limited ? 429 : 200, { 'Content-Type': 'application/json', 'Retry-After': '1' });
      response.end(JSON.stringify(limited ? { statusCode: 429 } : { Person: { CustomID: '1234', Match: true } }));
    };
    const line = describeOutcome(await testClient(server.baseUrl).send('verify', BODIES.verify));
    assert.match(line, /^verify 200 success: Verify answered 200 \(\d+ ms, 2 attempts\)$/);
  });

  it('describes a network failure without a status', async () => {
    const line = describeOutcome(await testClient('http://no-such-host.invalid').send('verify', BODIES.verify));
    assert.match(line, /^verify dns: Host no-such-host\.invalid not found — Check the base URL/);
  });

  it('never shows the key or an image, even when the server echoes them back in every place', async () => {
    const echoes: Array<[number, string, OutgoingHttpHeaders]> = [
      [400, `Bad key ${KEY} for image ${FACE_B64}`, { 'Content-Type': 'text/plain' }],
      [401, JSON.stringify({ statusCode: 401, message: `Access denied due to invalid subscription key ${KEY}.` }), {}],
      [403, JSON.stringify({ statusCode: 403, message: `Quota of ${KEY} exceeded` }), {}],
      [500, `<html><title>Error for ${KEY}</title></html>`, { 'Content-Type': 'text/html' }],
      [200, JSON.stringify({ Success: false, Message: `Key ${KEY} image ${FACE_B64}` }), {}],
      [200, `not json ${KEY} ${FACE_B64}`, { 'Content-Type': 'text/plain' }],
      [200, JSON.stringify({ Person: { [KEY]: FACE_B64 } }), {}],
      [302, '', { Location: `https://elsewhere.test/?key=${KEY}` }],
    ];
    const outcomes: Outcome[] = [];
    for (const [status, body, headers] of echoes) {
      server.reply(status, body, { 'Content-Type': 'application/json', ...headers });
      // testClient checks every text of every outcome with assertSafe.
      outcomes.push(await testClient(server.baseUrl).send('enroll', BODIES.enroll));
    }
    assert.deepEqual(
      outcomes.map((outcome) => outcome.kind),
      [
        'bad-request',
        'gateway-error',
        'gateway-error',
        'gateway-error',
        'logical-failure',
        'malformed-response',
        'success',
        'gateway-error',
      ],
    );
    for (const outcome of outcomes) {
      const { body: _body, ...texts } = outcome as Outcome & { body?: unknown };
      assert.ok(!JSON.stringify(texts).includes(KEY), describeOutcome(outcome));
    }
    assert.ok(outcomes.some((outcome) => describeOutcome(outcome).includes('••••wxyz')));
  });
});
