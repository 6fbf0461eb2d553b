import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type * as net from 'node:net';
import { Agent } from 'undici';
import { dispatcherFetch, proxiedFetch } from '../../../src/cli/transport';
import type { FetchLike } from '../../../src/core/http';
import type { Outcome } from '../../../src/core/http/outcome';
import { closedPort, HttpLoopback, RawLoopback, startSelfSignedHttps } from '../core/http/loopback';
import { BODIES, testClient } from '../core/http/support';

/**
 * The CLI's transport (undici's `request` under the client) against real loopback servers: every
 * answer and every failure must reach the user as it does over Node's fetch, which the editor's
 * client runs on and which the client's own tests cover in full.
 */

/** The parts of an outcome a user reads: what happened, whether it was sent, whether to retry. */
function gist(outcome: Outcome): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    kind: outcome.kind,
    status: outcome.status,
    retryable: outcome.retryable,
    summary: outcome.summary,
    attempts: outcome.attempts,
  };
  if (outcome.kind === 'network-error') {
    fields.cause = outcome.cause;
    fields.sentRequest = outcome.sentRequest;
  }
  if (outcome.kind === 'malformed-response') fields.problem = outcome.problem;
  if (outcome.kind === 'success' || outcome.kind === 'logical-failure') fields.body = outcome.body;
  if (outcome.kind === 'bad-request') fields.text = outcome.text;
  if (outcome.kind === 'gateway-error') fields.reason = outcome.reason;
  return fields;
}

const cli = () => dispatcherFetch(new Agent());

describe('CLI transport: undici request under the client', () => {
  let server: HttpLoopback;
  const raws: RawLoopback[] = [];
  before(async () => {
    server = await HttpLoopback.start();
  });
  after(() => server.close());
  afterEach(async () => {
    server.reset();
    await Promise.all(raws.splice(0).map((raw) => raw.close()));
  });

  /** The same call over Node's fetch and over the CLI's transport: their outcomes, in that order. */
  async function both(
    baseUrl: string,
    operation: 'verify' | 'enroll',
    options: { timeoutMs?: number; maxResponseBytes?: number } = {},
  ): Promise<[Outcome, Outcome, { waits: number[] }[]]> {
    const node = testClient(baseUrl, { fetch: fetch as FetchLike, ...options });
    const ours = testClient(baseUrl, { fetch: cli(), ...options });
    const body = operation === 'verify' ? BODIES.verify : BODIES.enroll;
    return [await node.send(operation, body), await ours.send(operation, body), [node, ours]];
  }

  const answers: Array<[string, (response: http.ServerResponse) => void, 'verify' | 'enroll']> = [
    [
      'a success',
      (response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ Success: true, Person: { CustomID: '1234', Match: true } }));
      },
      'verify',
    ],
    [
      'a 200 saying Success: false',
      (response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ Success: false, Message: 'Imagem não processada' }));
      },
      'enroll',
    ],
    [
      'a 400 with its message',
      (response) => {
        response.writeHead(400, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ Message: 'Invalid JSON format' }));
      },
      'enroll',
    ],
    [
      'a 401 from the gateway',
      (response) => {
        response.writeHead(401, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ statusCode: 401, message: 'Access denied due to invalid subscription key.' }));
      },
      'verify',
    ],
    [
      'a redirect (not followed)',
      (response) => {
        response.writeHead(302, { Location: 'https://login.example.test/' });
        response.end();
      },
      'verify',
    ],
    [
      'an HTML error page',
      (response) => {
        response.writeHead(503, { 'Content-Type': 'text/html' });
        response.end('<html><title>Service Unavailable</title></html>');
      },
      'enroll',
    ],
  ];
  for (const [what, answer, operation] of answers) {
    it(`reads ${what} as Node's fetch does`, async () => {
      server.handler = (_request, response) => answer(response);
      const [node, ours] = await both(server.baseUrl, operation);
      assert.deepEqual(gist(ours), gist(node));
    });
  }

  it('sends the same request line, headers and body as the client asks for', async () => {
    server.replyJson(200, { Success: true, Person: { CustomID: '1234', Match: true } });
    await testClient(server.baseUrl, { fetch: cli() }).send('verify', BODIES.verify);
    const [request] = server.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url, '/multibiometrics/verify');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.match(request?.headers['user-agent'] ?? '', /^biopassid-cli\/\S+$/);
    assert.equal(request?.headers['content-length'], String(Buffer.byteLength(request?.body ?? '')));
    assert.deepEqual(JSON.parse(request?.body ?? ''), BODIES.verify);
  });

  it("waits a 429's Retry-After, then sends again, as over Node's fetch", async () => {
    let calls = 0;
    server.handler = (_request, response) => {
      calls++;
      if (calls % 2 === 1) {
        response.writeHead(429, { 'Retry-After': '2', 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ statusCode: 429, message: 'Rate limit is exceeded.' }));
      } else {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ Success: true, Person: { CustomID: '1234', Match: true } }));
      }
    };
    const [node, ours, clients] = await both(server.baseUrl, 'verify');
    assert.equal(ours.kind, 'success');
    assert.equal(ours.attempts, 2);
    assert.deepEqual(gist(ours), gist(node));
    assert.deepEqual(clients[1]?.waits, [2000]);
    assert.deepEqual(clients[1]?.waits, clients[0]?.waits);
  });

  it('reads a repeated header as its values joined, as Headers.get does', async () => {
    server.handler = (_request, response) => {
      response.setHeader('X-Trace', ['a', 'b']);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{}');
    };
    const init = { method: 'POST', headers: {}, body: '{}', signal: new AbortController().signal, redirect: 'manual' };
    const viaNode = await fetch(`${server.baseUrl}/x`, init as RequestInit);
    const viaCli = await cli()(`${server.baseUrl}/x`, init as Parameters<FetchLike>[1]);
    assert.equal(viaCli.headers.get('x-trace'), 'a, b');
    assert.equal(viaCli.headers.get('X-Trace'), viaNode.headers.get('X-Trace'));
    assert.equal(viaCli.headers.get('content-type'), 'application/json');
    assert.equal(viaCli.headers.get('x-absent'), null);
    await viaNode.text();
    await viaCli.text();
  });

  async function raw(onRequest: (socket: net.Socket, head: string) => void): Promise<RawLoopback> {
    const started = await RawLoopback.start(onRequest);
    raws.push(started);
    return started;
  }

  const failures: Array<[string, (socket: net.Socket) => void, 'verify' | 'enroll']> = [
    ['a reset before any answer', (socket) => socket.resetAndDestroy(), 'enroll'],
    [
      'a body cut off before its Content-Length',
      (socket) =>
        socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"Success":'),
      'enroll',
    ],
    ['a reply that is not HTTP', (socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'), 'verify'],
  ];
  for (const [what, reply, operation] of failures) {
    it(`reports ${what} as Node's fetch does`, async () => {
      const peer = await raw((socket) => reply(socket));
      const [node, ours] = await both(peer.baseUrl, operation);
      assert.deepEqual(gist(ours), gist(node));
      assert.equal(peer.hits, 2, 'each side put its request on the wire once');
    });
  }

  it("reports a refused port as 'refused', never sent", async () => {
    const [node, ours] = await both(`http://127.0.0.1:${await closedPort()}`, 'enroll');
    assert.equal(ours.kind === 'network-error' && ours.cause, 'refused');
    assert.deepEqual(gist(ours), gist(node));
  });

  it('ends a stalled body in a timeout', async () => {
    server.handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"Success":');
    };
    const started = Date.now();
    const [node, ours] = await both(server.baseUrl, 'verify', { timeoutMs: 300 });
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.equal(ours.kind === 'network-error' && ours.cause, 'timeout');
    assert.deepEqual(gist(ours), gist(node));
  });

  it("reports the caller's cancellation as 'aborted'", async () => {
    server.handler = () => {
      // Never answers: the caller gives up.
    };
    const controller = new AbortController();
    const sent = testClient(server.baseUrl, { fetch: cli() }).send('verify', BODIES.verify, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const outcome = await sent;
    assert.equal(outcome.kind === 'network-error' && outcome.cause, 'aborted');
  });

  it('stops at the size limit, from the Content-Length or while reading', async () => {
    server.handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(`{"Success":true,"Pad":"${'x'.repeat(3 * 1024 * 1024)}"}`);
    };
    const [node, ours] = await both(server.baseUrl, 'verify', { maxResponseBytes: 1024 * 1024 });
    assert.equal(ours.kind === 'malformed-response' && ours.problem, 'too-large');
    assert.deepEqual(gist(ours), gist(node));
  });

  it("classifies an untrusted certificate as 'tls', never sent", async function () {
    const https = await startSelfSignedHttps((_request, response) => response.end('{}'));
    if (!https) this.skip();
    try {
      const [node, ours] = await both(https.baseUrl, 'enroll');
      assert.equal(ours.kind === 'network-error' && ours.cause, 'tls');
      assert.deepEqual(gist(ours), gist(node));
    } finally {
      await https.close();
    }
  });

  it("reaches a port the Fetch standard blocks (10080): a browser's rule, not a command line's", async function () {
    const blocked = http.createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ Success: true, Person: { CustomID: '1234', Match: true } }));
    });
    const listening = await new Promise<boolean>((resolve) => {
      blocked.once('error', () => resolve(false));
      blocked.listen(10080, '127.0.0.1', () => resolve(true));
    });
    if (!listening) this.skip();
    try {
      const outcome = await testClient('http://127.0.0.1:10080', { fetch: cli() }).send('verify', BODIES.verify);
      assert.equal(outcome.kind, 'success');
    } finally {
      blocked.closeAllConnections();
      await new Promise((resolve) => blocked.close(resolve));
    }
  });

  describe('the proxy from the environment', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('tunnels through HTTPS_PROXY and says so when the proxy refuses', async () => {
      let head = '';
      const proxy = await raw((socket, received) => {
        head = received;
        socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
      });
      process.env.HTTPS_PROXY = proxy.baseUrl;
      const outcome = await testClient('https://api.biopassid.test', { fetch: proxiedFetch() }).send(
        'verify',
        BODIES.verify,
      );
      assert.equal(outcome.kind === 'network-error' && outcome.cause, 'proxy');
      assert.equal(outcome.kind === 'network-error' && outcome.sentRequest, false);
      assert.match(head, /^CONNECT api\.biopassid\.test:443 HTTP\/1\.1\r\n/);
    });

    it('goes straight to a host NO_PROXY names', async () => {
      const proxy = await raw((socket) => socket.destroy());
      process.env.HTTP_PROXY = proxy.baseUrl;
      process.env.NO_PROXY = '127.0.0.1';
      server.replyJson(200, { Success: true, Person: { CustomID: '1234', Match: true } });
      const outcome = await testClient(server.baseUrl, { fetch: proxiedFetch() }).send('verify', BODIES.verify);
      assert.equal(outcome.kind, 'success');
      assert.equal(proxy.hits, 0);
      assert.equal(server.requests.length, 1);
    });
  });
});
