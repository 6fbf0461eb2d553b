import * as assert from 'node:assert/strict';
import { MAX_RATE_LIMIT_RETRIES, MAX_RETRY_AFTER_SECONDS } from '../../../../src/core/contract/choices';
import { parseRetryAfter } from '../../../../src/core/http/retryAfter';
import { closedPort, HttpLoopback } from './loopback';
import { BODIES, expectKind, testClient } from './support';

const RATE_LIMITED = { statusCode: 429, message: 'Rate limit is exceeded. Try again in 2 seconds.' };

describe('HTTP client: retries', () => {
  let server: HttpLoopback;
  before(async () => {
    server = await HttpLoopback.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  /** Answers 429 (with these headers) to the first `limited` requests, then a verify success. */
  function rateLimitThenSucceed(limited: number, headers: Record<string, string>, message = RATE_LIMITED): void {
    server.handler = (_request, response) => {
      if (server.requests.length <= limited) {
        response.writeHead(429, { 'Content-Type': 'application/json', ...headers });
        response.end(JSON.stringify(message));
      } else {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ Person: { CustomID: '1234', Match: true } }));
      }
    };
  }

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    assert.equal(parseRetryAfter('7', now), 7);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', now), 5);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:28:04 GMT', now + 500), 4, 'rounded up');
    assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now), 0, 'a date in the past');
    assert.equal(parseRetryAfter('1.5', now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('retries a 429 after the Retry-After seconds, then succeeds', async () => {
    rateLimitThenSucceed(1, { 'Retry-After': '2' });
    const client = testClient(server.baseUrl);
    const outcome = expectKind(await client.send('verify', BODIES.verify), 'success');
    assert.equal(outcome.attempts, 2);
    assert.equal(server.requests.length, 2);
    assert.deepEqual(client.waits, [2000]);
    assert.deepEqual(
      client.attempts.map((info) => [info.attempt, info.status, info.retryInMs]),
      [
        [1, 429, 2000],
        [2, 200, undefined],
      ],
    );
  });

  it('waits until a Retry-After HTTP date', async () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    rateLimitThenSucceed(1, { 'Retry-After': 'Wed, 21 Oct 2026 07:28:09 GMT' });
    const client = testClient(server.baseUrl, { now: () => now });
    expectKind(await client.send('verify', BODIES.verify), 'success');
    assert.deepEqual(client.waits, [9000]);
  });

  it('retries an enroll refused with 429 too: the rate limiter did not process it', async () => {
    server.handler = (_request, response) => {
      if (server.requests.length === 1) {
        response.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '1' });
        response.end(JSON.stringify(RATE_LIMITED));
      } else {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ Person: { CustomID: '1234', BioPassID: 'b-1' } }));
      }
    };
    const outcome = expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'success');
    assert.equal(outcome.attempts, 2);
  });

  it(`backs off 1 s, 2 s, 4 s without Retry-After, and stops after ${MAX_RATE_LIMIT_RETRIES} retries`, async () => {
    server.replyJson(429, { statusCode: 429, message: 'Rate limit is exceeded.' });
    const client = testClient(server.baseUrl);
    const outcome = expectKind(await client.send('verify', BODIES.verify), 'gateway-error');
    assert.equal(outcome.reason, 'rate-limited');
    assert.equal(outcome.attempts, MAX_RATE_LIMIT_RETRIES + 1);
    assert.equal(server.requests.length, MAX_RATE_LIMIT_RETRIES + 1);
    assert.deepEqual(client.waits, [1000, 2000, 4000]);
    assert.equal(outcome.retryAfterSeconds, undefined);
    assert.equal(outcome.retryable, true);
    assert.match(outcome.explanation, new RegExp(`after ${MAX_RATE_LIMIT_RETRIES + 1} attempts`));
  });

  it('takes the wait from the gateway message when a proxy dropped Retry-After', async () => {
    rateLimitThenSucceed(1, {}, { statusCode: 429, message: 'Rate limit is exceeded. Try again in 7 seconds.' });
    const client = testClient(server.baseUrl);
    expectKind(await client.send('verify', BODIES.verify), 'success');
    assert.deepEqual(client.waits, [7000]);
  });

  it(`does not wait longer than ${MAX_RETRY_AFTER_SECONDS} s: returns the 429 with its Retry-After`, async () => {
    server.replyJson(429, RATE_LIMITED, { 'Retry-After': String(MAX_RETRY_AFTER_SECONDS + 90) });
    const client = testClient(server.baseUrl);
    const outcome = expectKind(await client.send('verify', BODIES.verify), 'gateway-error');
    assert.equal(outcome.reason, 'rate-limited');
    assert.equal(outcome.retryAfterSeconds, MAX_RETRY_AFTER_SECONDS + 90);
    assert.equal(outcome.attempts, 1);
    assert.deepEqual(client.waits, []);
    assert.equal(outcome.nextStep, `Wait ${MAX_RETRY_AFTER_SECONDS + 90} s, then try again.`);
    assert.equal(outcome.retryable, true);
  });

  it('stops waiting for Retry-After as soon as the caller cancels', async () => {
    server.replyJson(429, RATE_LIMITED, { 'Retry-After': String(MAX_RETRY_AFTER_SECONDS) });
    // The real, cancellable sleep: the test would take 30 s if cancelling did not cut it short.
    const client = testClient(server.baseUrl, { sleep: undefined });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const outcome = expectKind(
      await client.send('verify', BODIES.verify, { signal: controller.signal }),
      'network-error',
    );
    assert.equal(outcome.cause, 'aborted');
    assert.equal(outcome.sentRequest, false);
    assert.equal(outcome.attempts, 1);
    assert.equal(server.requests.length, 1);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('does not retry a refused connection or a DNS failure, but lets a UI offer it', async () => {
    const client = testClient(`http://127.0.0.1:${await closedPort()}`);
    const refused = expectKind(await client.send('enroll', BODIES.enroll), 'network-error');
    assert.equal(refused.cause, 'refused');
    assert.equal(refused.attempts, 1);
    assert.equal(refused.retryable, true);

    const dnsClient = testClient('http://no-such-host.invalid');
    const dns = expectKind(await dnsClient.send('delete', BODIES.delete), 'network-error');
    assert.equal(dns.cause, 'dns');
    assert.equal(dns.attempts, 1);
    assert.equal(dns.retryable, true);
    assert.deepEqual([...client.waits, ...dnsClient.waits], []);
  });
});
