import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { Agent, fetch as undiciFetch } from 'undici';
import { dispatcherFetch } from '../../../../src/cli/transport';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../../../src/core/contract/choices';
import type { FetchLike } from '../../../../src/core/http/client';
import { HttpLoopback } from './loopback';
import { BODIES, expectKind, testClient } from './support';

const MB = 1024 * 1024;
const LIMIT_SENTENCE =
  'The answer is larger than the 1 MB limit (biopassid.maxResponseSizeMB / --max-response-mb); nothing more was read.';

/** Writes `total` bytes in 64 KB writes, honouring backpressure, until done or the client leaves. */
function stream(response: ServerResponse, total: number, written: { bytes: number }): void {
  const chunk = Buffer.alloc(64 * 1024, 'A');
  let closed = false;
  response.once('close', () => {
    closed = true;
  });
  const pump = () => {
    while (!closed && written.bytes < total) {
      written.bytes += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!closed) response.end();
  };
  pump();
}

/** A valid verify answer of exactly `bytes` bytes (padded with spaces inside the JSON). */
function verifyAnswerOf(bytes: number): Buffer {
  const json = JSON.stringify({ Success: true, Person: { CustomID: '1234', Match: true } });
  return Buffer.from(`${json.slice(0, -1)}${' '.repeat(bytes - json.length)}}`);
}

describe('HTTP client: answer size limit', () => {
  let server: HttpLoopback;
  before(async () => {
    server = await HttpLoopback.start();
  });
  after(() => server.close());
  afterEach(() => server.reset());

  it('defaults to 64 MiB', () => {
    assert.equal(DEFAULT_MAX_RESPONSE_BYTES, 64 * MB);
  });

  for (const [label, fetchOf] of [
    ["Node's fetch", fetch],
    ["undici's fetch", undiciFetch],
    ["the CLI's transport (undici's request)", dispatcherFetch(new Agent())],
  ] as Array<[string, FetchLike]>) {
    describe(`over ${label}`, () => {
      it('fails early on a Content-Length over the limit, reading nothing (the body never arrives)', async () => {
        server.handler = (_request, response) => {
          response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 10 * MB });
          response.write('{"Person":');
          // …and nothing more: reading would wait for the timeout.
        };
        const started = Date.now();
        const outcome = expectKind(
          await testClient(server.baseUrl, { fetch: fetchOf, maxResponseBytes: MB, timeoutMs: 10_000 }).send(
            'enroll',
            BODIES.enroll,
          ),
          'malformed-response',
        );
        assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
        assert.equal(outcome.problem, 'too-large');
        assert.equal(outcome.status, 200);
        assert.equal(outcome.summary, 'Answer 200 too large');
        assert.ok(outcome.explanation.includes(LIMIT_SENTENCE), outcome.explanation);
      });

      it('stops reading a chunked answer at the limit, and the server sees the client leave', async () => {
        const written = { bytes: 0 };
        server.handler = (_request, response) => {
          response.writeHead(200, { 'Content-Type': 'application/json' });
          stream(response, 200 * MB, written);
        };
        const outcome = expectKind(
          await testClient(server.baseUrl, { fetch: fetchOf, maxResponseBytes: MB }).send('verify', BODIES.verify),
          'malformed-response',
        );
        assert.equal(outcome.problem, 'too-large');
        // Socket buffers hold a few MB; the 200 MB were never sent.
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.ok(written.bytes < 32 * MB, `the server wrote ${written.bytes / MB} MB`);
      });
    });
  }

  it('reads an answer of exactly the limit', async () => {
    const body = verifyAnswerOf(MB);
    assert.equal(body.length, MB);
    server.reply(200, body.toString(), { 'Content-Type': 'application/json' });
    const outcome = expectKind(
      await testClient(server.baseUrl, { maxResponseBytes: MB }).send('verify', BODIES.verify),
      'success',
    );
    assert.deepEqual(outcome.body, { Success: true, Person: { CustomID: '1234', Match: true } });
  });

  it('decodes UTF-8 characters split across chunks, as text() does', async () => {
    const bytes = Buffer.from(JSON.stringify({ Success: false, Message: 'Imagem não processada: ção 😀' }));
    const split = bytes.indexOf(Buffer.from('ã')) + 1;
    server.handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write(bytes.subarray(0, split));
      setTimeout(() => response.end(bytes.subarray(split)), 30);
    };
    const outcome = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'logical-failure');
    assert.equal(outcome.message, 'Imagem não processada: ção 😀');
  });

  it('never re-sends an enroll whose answer was too large: it was processed', async () => {
    server.handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      stream(response, 4 * MB, { bytes: 0 });
    };
    const outcome = expectKind(
      await testClient(server.baseUrl, { maxResponseBytes: MB }).send('enroll', BODIES.enroll),
      'malformed-response',
    );
    assert.equal(outcome.problem, 'too-large');
    assert.equal(outcome.retryable, false);
    assert.equal(outcome.attempts, 1);
    assert.match(outcome.explanation, /may have been processed: the biometrics may already be stored/);
    assert.match(outcome.nextStep, /^Run Verify with the same CustomID/);
    assert.equal(server.requests.length, 1);
  });

  it('offers no Retry for a read-only call either: the same answer would meet the same limit', async () => {
    server.reply(200, 'x'.repeat(2 * MB), { 'Content-Type': 'application/json' });
    const outcome = expectKind(
      await testClient(server.baseUrl, { maxResponseBytes: MB }).send('verify', BODIES.verify),
      'malformed-response',
    );
    assert.equal(outcome.problem, 'too-large');
    assert.equal(outcome.retryable, false);
    assert.match(outcome.nextStep, /raise the limit/);
  });

  it('classifies an error answer over the limit by its status alone', async () => {
    server.handler = (_request, response) => {
      response.writeHead(503, { 'Content-Type': 'text/html' });
      stream(response, 4 * MB, { bytes: 0 });
    };
    const outcome = expectKind(
      await testClient(server.baseUrl, { maxResponseBytes: MB }).send('verify', BODIES.verify),
      'gateway-error',
    );
    assert.equal(outcome.reason, 'server-error');
    assert.equal(outcome.status, 503);
  });

  it('still times out on an answer that streams too slowly to reach the limit', async () => {
    server.handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 20);
      response.once('close', () => clearInterval(timer));
    };
    const outcome = expectKind(
      await testClient(server.baseUrl, { maxResponseBytes: MB, timeoutMs: 300 }).send('verify', BODIES.verify),
      'network-error',
    );
    assert.equal(outcome.cause, 'timeout');
    assert.equal(outcome.sentRequest, true);
  });

  describe('a FetchLike whose response has no body stream', () => {
    const bodiless =
      (text: string, headers: Record<string, string> = {}): FetchLike =>
      async () => ({
        status: 200,
        headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
        text: async () => text,
      });

    it('reads it with text() and still applies the limit', async () => {
      const small = expectKind(
        await testClient('http://127.0.0.1:9', {
          fetch: bodiless(JSON.stringify({ Success: true, Person: { CustomID: '1234', Match: true } })),
          maxResponseBytes: MB,
        }).send('verify', BODIES.verify),
        'success',
      );
      assert.equal(small.status, 200);
      const large = expectKind(
        await testClient('http://127.0.0.1:9', { fetch: bodiless('x'.repeat(MB + 1)), maxResponseBytes: MB }).send(
          'verify',
          BODIES.verify,
        ),
        'malformed-response',
      );
      assert.equal(large.problem, 'too-large');
    });

    it('fails early on its Content-Length, never calling text()', async () => {
      let read = false;
      const outcome = expectKind(
        await testClient('http://127.0.0.1:9', {
          fetch: async () => ({
            status: 200,
            headers: { get: (name: string) => (name.toLowerCase() === 'content-length' ? String(2 * MB) : null) },
            text: async () => {
              read = true;
              return '';
            },
          }),
          maxResponseBytes: MB,
        }).send('verify', BODIES.verify),
        'malformed-response',
      );
      assert.equal(outcome.problem, 'too-large');
      assert.equal(read, false);
    });
  });
});
