import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { ProxyAgent, fetch as undiciFetch } from 'undici';
import type { FetchLike } from '../../../../src/core/http/client';
import { classifyFailure } from '../../../../src/core/http/networkError';
import type { Outcome } from '../../../../src/core/http/outcome';
import { closedPort, HttpLoopback, RawLoopback, startSelfSignedHttps } from './loopback';
import { BODIES, expectKind, testClient } from './support';

/** What an enroll that never left this machine says: not sent, safe to send again, Retry offered. */
function assertNotSent(outcome: Outcome): void {
  const network = expectKind(outcome, 'network-error');
  assert.equal(network.sentRequest, false);
  assert.equal(network.retryable, true, 'nothing was processed, even for an enroll');
  assert.match(network.explanation, /not sent, so sending it again is safe\.$/);
  assert.doesNotMatch(`${network.explanation} ${network.nextStep}`, /may have been processed|Run Verify/);
}

/** A listener on a port fetch blocks, when this machine lets us take it: it must see no connection. */
async function listenOn(port: number): Promise<{ connections(): number; close(): Promise<void> } | undefined> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (!listening) return undefined;
  return { connections: () => connections, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const NOT_AWAITED = { callerAborted: false, timedOut: false, responded: false };

function coded(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('HTTP client: network failures', () => {
  const raws: RawLoopback[] = [];
  afterEach(async () => {
    await Promise.all(raws.splice(0).map((raw) => raw.close()));
  });
  async function raw(onRequest: Parameters<typeof RawLoopback.start>[0]): Promise<RawLoopback> {
    const server = await RawLoopback.start(onRequest);
    raws.push(server);
    return server;
  }

  it("classifies a host under .invalid as 'dns', never sent", async () => {
    const outcome = expectKind(
      await testClient('http://no-such-host.invalid').send('verify', BODIES.verify),
      'network-error',
    );
    assert.equal(outcome.cause, 'dns');
    assert.equal(outcome.sentRequest, false);
    assert.match(outcome.code ?? '', /^(ENOTFOUND|EAI_AGAIN)$/);
    assert.equal(outcome.summary, 'Host no-such-host.invalid not found');
  });

  it('tells an enroll to a host under .invalid that it was not sent and is safe to retry', async () => {
    assertNotSent(await testClient('http://biopassid-enroll.invalid').send('enroll', BODIES.enroll));
  });

  for (const [label, fetchOf] of [
    ['Node', fetch],
    ["undici's fetch", undiciFetch],
  ] as Array<[string, FetchLike]>) {
    it(`classifies a port fetch blocks (10080, 6000) as 'blocked-port', never sent (${label})`, async () => {
      const listener = await listenOn(10080);
      try {
        for (const port of [10080, 6000]) {
          const outcome = expectKind(
            await testClient(`http://127.0.0.1:${port}`, { fetch: fetchOf }).send('enroll', BODIES.enroll),
            'network-error',
          );
          assert.equal(outcome.cause, 'blocked-port');
          assert.equal(outcome.summary, `Port ${port} is blocked by fetch`);
          assert.match(outcome.explanation, /bad port/);
          assertNotSent(outcome);
        }
        assert.equal(listener?.connections() ?? 0, 0, 'fetch never connected');
      } finally {
        await listener?.close();
      }
    });
  }

  it("classifies a closed port as 'refused', never sent", async () => {
    const port = await closedPort();
    const outcome = expectKind(
      await testClient(`http://127.0.0.1:${port}`).send('enroll', BODIES.enroll),
      'network-error',
    );
    assert.equal(outcome.cause, 'refused');
    assert.equal(outcome.code, 'ECONNREFUSED');
    assert.equal(outcome.sentRequest, false);
    assert.equal(outcome.retryable, true, 'nothing was processed, even for an enroll');
    assert.match(outcome.nextStep, /start it/);
    assertNotSent(outcome);
  });

  it("says the same of a refused port through undici's fetch", async () => {
    const port = await closedPort();
    const outcome = await testClient(`http://127.0.0.1:${port}`, { fetch: undiciFetch }).send('enroll', BODIES.enroll);
    assert.equal(expectKind(outcome, 'network-error').cause, 'refused');
    assertNotSent(outcome);
  });

  it('never re-sends an enroll after a reset, and says it may have been processed', async () => {
    const server = await raw((socket) => socket.resetAndDestroy());
    const outcome = expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'network-error');
    assert.equal(outcome.cause, 'reset');
    assert.equal(outcome.code, 'ECONNRESET');
    assert.equal(outcome.sentRequest, 'unknown');
    assert.equal(outcome.retryable, false);
    assert.match(outcome.explanation, /may have been processed/);
    assert.doesNotMatch(outcome.explanation, /not sent/);
    assert.match(outcome.nextStep, /^Run Verify with the same CustomID/);
    assert.equal(server.hits, 1);
  });

  it('offers a retry for a read-only call after a connection closed without an answer', async () => {
    const server = await raw((socket) => socket.destroy());
    const outcome = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'network-error');
    assert.equal(outcome.cause, 'reset');
    assert.equal(outcome.code, 'UND_ERR_SOCKET');
    assert.equal(outcome.retryable, true);
    assert.equal(outcome.attempts, 1);
    assert.equal(server.hits, 1);
  });

  it('never re-sends a delete or an enroll after a timeout', async () => {
    const server = await raw(() => {
      // Read the request, answer nothing.
    });
    for (const operation of ['enroll', 'delete'] as const) {
      const outcome = expectKind(
        await testClient(server.baseUrl, { timeoutMs: 300 }).send(operation, BODIES[operation]),
        'network-error',
      );
      assert.equal(outcome.cause, 'timeout');
      assert.equal(outcome.sentRequest, 'unknown');
      assert.equal(outcome.retryable, false);
      assert.match(outcome.explanation, /may have been processed/);
    }
    assert.equal(server.hits, 2);
  });

  it('ends in a timeout, promptly, when the headers arrive and the body stalls', async () => {
    const server = await HttpLoopback.start();
    try {
      server.handler = (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.write('{"Person":{"CustomID":');
      };
      const started = Date.now();
      const outcome = expectKind(
        await testClient(server.baseUrl, { timeoutMs: 300 }).send('verify', BODIES.verify),
        'network-error',
      );
      const elapsed = Date.now() - started;
      assert.equal(outcome.cause, 'timeout');
      assert.equal(outcome.status, 200);
      assert.equal(outcome.sentRequest, true);
      assert.equal(outcome.retryable, true);
      assert.match(outcome.summary, /within 300 ms/);
      assert.ok(elapsed >= 250 && elapsed < 2000, `took ${elapsed} ms`);
    } finally {
      await server.close();
    }
  });

  it("reports the caller's cancellation as 'aborted', not as a timeout", async () => {
    const server = await raw(() => {
      // Never answers: only the caller's signal can end this.
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const outcome = expectKind(
      await testClient(server.baseUrl, { timeoutMs: 10_000 }).send('verify', BODIES.verify, {
        signal: controller.signal,
      }),
      'network-error',
    );
    assert.equal(outcome.cause, 'aborted');
    assert.equal(outcome.sentRequest, 'unknown');
    assert.equal(outcome.summary, 'Cancelled');
    assert.ok(Date.now() - started < 2000);
  });

  it('sends nothing when the caller cancelled before the call', async () => {
    const server = await raw((socket) => socket.destroy());
    const outcome = expectKind(
      await testClient(server.baseUrl).send('enroll', BODIES.enroll, { signal: AbortSignal.abort() }),
      'network-error',
    );
    assert.equal(outcome.cause, 'aborted');
    assert.equal(outcome.sentRequest, false);
    assert.equal(outcome.attempts, 0);
    assert.equal(outcome.retryable, true);
    assert.equal(server.hits, 0);
  });

  it('recognises a reply that is not HTTP', async () => {
    const server = await raw((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const outcome = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'network-error');
    assert.equal(outcome.cause, 'other');
    assert.match(outcome.summary, /did not answer in HTTP/);
    assert.match(outcome.nextStep, /http:\/\/ versus https:\/\//);
  });

  it("classifies an untrusted certificate as 'tls', never sent", async function () {
    const server = await startSelfSignedHttps((_request, response) => response.end('{}'));
    if (!server) {
      this.skip();
      return;
    }
    try {
      const outcome = expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'network-error');
      assert.equal(outcome.cause, 'tls');
      assert.equal(outcome.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      assertNotSent(outcome);
    } finally {
      await server.close();
    }
  });

  it("classifies a 407 answer as 'proxy' where the fetch surfaces it", async () => {
    // Node's and undici's fetch turn a 407 into an opaque "fetch failed" (the fetch spec's
    // no-window rule), so only a fetch that returns it, such as a browser-like one, shows the status.
    const outcome = expectKind(
      await testClient('http://127.0.0.1:9', {
        fetch: async () =>
          new Response('Proxy Authentication Required', {
            status: 407,
            headers: { 'Proxy-Authenticate': 'Basic realm="corp"', 'Content-Type': 'text/plain' },
          }),
      }).send('verify', BODIES.verify),
      'network-error',
    );
    assert.equal(outcome.cause, 'proxy');
    assert.equal(outcome.status, 407);
    assert.equal(outcome.sentRequest, false);
    assert.match(outcome.explanation, /HTTP 407 Proxy Authentication Required/);
    assert.match(outcome.nextStep, /proxy settings/);
  });

  it("classifies a proxy that refuses the tunnel as 'proxy' (undici's fetch with a ProxyAgent)", async () => {
    let received = '';
    const proxy = await raw((socket, head) => {
      received = head;
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
    });
    const agent = new ProxyAgent(proxy.baseUrl);
    try {
      const outcome = expectKind(
        await testClient('https://api.biopassid.test', {
          fetch: (url, init) => undiciFetch(url, { ...init, dispatcher: agent }),
        }).send('verify', BODIES.verify),
        'network-error',
      );
      assert.equal(outcome.cause, 'proxy');
      assert.equal(outcome.sentRequest, false);
      assert.equal(outcome.retryable, true);
      assert.match(outcome.explanation, /did not reach the service, so sending it again is safe\.$/);
      assert.equal(proxy.hits, 1);
      assert.match(received, /^CONNECT api\.biopassid\.test:443 HTTP\/1\.1\r\n/);
    } finally {
      await agent.close();
    }
  });

  describe('reading the cause chain', () => {
    it('finds codes behind an AggregateError, as happy eyeballs reports them', () => {
      const error = new TypeError('fetch failed', {
        cause: new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'connect failed'),
      });
      assert.equal(classifyFailure(error, NOT_AWAITED).cause, 'refused');
    });

    it('maps the documented codes', () => {
      const table: Array<[string, string, boolean | 'unknown']> = [
        ['EAI_AGAIN', 'dns', false],
        ['ECONNRESET', 'reset', 'unknown'],
        ['EPIPE', 'reset', 'unknown'],
        ['UND_ERR_CONNECT_TIMEOUT', 'timeout', false],
        ['ETIMEDOUT', 'timeout', 'unknown'],
        ['CERT_HAS_EXPIRED', 'tls', false],
        ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', false],
        ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', false],
        ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', false],
        ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', false],
        ['EHOSTUNREACH', 'unreachable', false],
        ['ENETUNREACH', 'unreachable', false],
        ['EADDRNOTAVAIL', 'unreachable', false],
        ['EAI_FAIL', 'dns', false],
        ['UND_ERR_HEADERS_TIMEOUT', 'timeout', 'unknown'],
        ['UND_ERR_SOCKET', 'reset', 'unknown'],
      ];
      for (const [code, cause, sentRequest] of table) {
        const failure = classifyFailure(new TypeError('fetch failed', { cause: coded(code) }), NOT_AWAITED);
        assert.deepEqual([code, failure.cause, failure.sentRequest], [code, cause, sentRequest]);
      }
    });

    it("reads a failed connect() as never sent, and undici's 'bad port' as a blocked port", () => {
      const connect = (code: string) =>
        new TypeError('fetch failed', {
          cause: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code, syscall: 'connect' }),
        });
      assert.deepEqual(
        ['EACCES', 'EPERM', 'ETIMEDOUT'].map((code) => {
          const failure = classifyFailure(connect(code), NOT_AWAITED);
          return [code, failure.cause, failure.sentRequest];
        }),
        [
          ['EACCES', 'unreachable', false],
          ['EPERM', 'unreachable', false],
          ['ETIMEDOUT', 'timeout', false],
        ],
      );
      const badPort = classifyFailure(new TypeError('fetch failed', { cause: new Error('bad port') }), NOT_AWAITED);
      assert.deepEqual([badPort.cause, badPort.sentRequest], ['blocked-port', false]);
      // A reset while reading is not a connect failure: it may have been processed.
      const read = new TypeError('fetch failed', {
        cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' }),
      });
      assert.deepEqual(classifyFailure(read, NOT_AWAITED).sentRequest, 'unknown');
    });

    it('recognises undici proxy errors by code or message', () => {
      const tunnel = coded('UND_ERR_ABORTED', 'Proxy response (407) !== 200 when HTTP Tunneling');
      assert.equal(classifyFailure(new TypeError('fetch failed', { cause: tunnel }), NOT_AWAITED).cause, 'proxy');
      assert.equal(classifyFailure(coded('UND_ERR_PRX_TLS', 'TLS to the proxy failed'), NOT_AWAITED).cause, 'proxy');
    });

    it('prefers the signals over the error: the caller first, then the timeout', () => {
      const error = new DOMException('This operation was aborted', 'AbortError');
      assert.equal(classifyFailure(error, { ...NOT_AWAITED, callerAborted: true, timedOut: true }).cause, 'aborted');
      assert.equal(classifyFailure(error, { ...NOT_AWAITED, timedOut: true }).cause, 'timeout');
      assert.equal(classifyFailure(error, NOT_AWAITED).cause, 'other');
    });

    it('survives a cause chain that loops and causes that are not errors', () => {
      const first = new Error('first') as Error & { cause?: unknown };
      const second = new Error('second', { cause: first });
      first.cause = second;
      assert.equal(classifyFailure(first, NOT_AWAITED).cause, 'other');
      assert.equal(classifyFailure('a string', NOT_AWAITED).message, 'a string');
      assert.equal(classifyFailure(undefined, NOT_AWAITED).cause, 'other');
    });
  });
});
