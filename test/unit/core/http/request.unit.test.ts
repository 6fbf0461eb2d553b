import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { createClient } from '../../../../src/core/http/client';
import { JsonText } from '../../../../src/core/http/jsonText';
import { HttpLoopback } from './loopback';
import { BODIES, expectKind, KEY, testClient } from './support';

describe('HTTP client: requests', () => {
  let server: HttpLoopback;
  before(async () => {
    server = await HttpLoopback.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const cases = [
    { operation: 'enroll', method: 'POST', path: '/multibiometrics/enroll' },
    { operation: 'update', method: 'PUT', path: '/multibiometrics/update' },
    { operation: 'delete', method: 'DELETE', path: '/multibiometrics/delete' },
  ] as const;

  for (const { operation, method, path } of cases) {
    it(`sends ${operation} as ${method} ${path} with the key and a JSON body`, async () => {
      server.replyJson(200, { Person: { CustomID: '1234', BioPassID: 'b-1' } });
      await testClient(server.baseUrl).send(operation, BODIES[operation]);
      assert.equal(server.requests.length, 1);
      const [request] = server.requests;
      assert.equal(request?.method, method);
      assert.equal(request?.url, path);
      assert.equal(request?.headers['ocp-apim-subscription-key'], KEY);
      assert.equal(request?.headers['content-type'], 'application/json');
      assert.equal(request?.headers.accept, 'application/json, text/plain');
      assert.deepEqual(JSON.parse(request?.body ?? ''), BODIES[operation]);
    });
  }

  it('sends a body already written as JSON text exactly as written', async () => {
    server.replyJson(200, { Match: { IsGenuine: true, Score: 90 } });
    const text = '{"Match":{"Type":"FACE","Format":"BIOPASS","Artifact_A":"QUJD","Artifact_B":"REVG"}}';
    const outcome = await testClient(server.baseUrl).send('match', new JsonText(text));
    expectKind(outcome, 'success');
    assert.equal(server.requests[0]?.url, '/multibiometrics/match');
    assert.equal(server.requests[0]?.body, text);
  });

  it("keeps no listener on the caller's signal once a request is over: a batch of 50 under one Cancel warns of no leak", async () => {
    server.replyJson(200, { Person: { CustomID: '1234', BioPassID: 'b-1' } });
    const controller = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const client = testClient(server.baseUrl);
      for (let index = 0; index < 50; index++) {
        expectKind(await client.send('enroll', BODIES.enroll, { signal: controller.signal }), 'success');
      }
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    assert.equal(server.requests.length, 50);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    assert.deepEqual(
      warnings.map((warning) => warning.name),
      [],
    );
  });

  it('sends no key header when no key is set, or only blanks', async () => {
    server.replyJson(200, { Person: { CustomID: '1234' } });
    await testClient(server.baseUrl, { key: undefined }).send('delete', BODIES.delete);
    await testClient(server.baseUrl, { key: '  ' }).send('delete', BODIES.delete);
    assert.equal(server.requests.length, 2);
    for (const request of server.requests) assert.equal(request.headers['ocp-apim-subscription-key'], undefined);
  });

  it('appends the operation path to a base URL with a path prefix and a trailing slash', async () => {
    server.replyJson(200, { Person: { CustomID: '1234', Match: true } });
    const outcome = await testClient(`${server.baseUrl}/gateway/`).send('verify', BODIES.verify);
    expectKind(outcome, 'success');
    assert.equal(server.requests[0]?.url, '/gateway/multibiometrics/verify');
  });

  it('does not follow a redirect, so the key never goes to another address', async () => {
    const elsewhere = await HttpLoopback.start();
    try {
      elsewhere.replyJson(200, { Person: { CustomID: '1234', Match: true } });
      server.reply(307, '', { Location: `${elsewhere.baseUrl}/multibiometrics/verify` });
      const outcome = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'gateway-error');
      assert.equal(outcome.reason, 'other');
      assert.equal(outcome.status, 307);
      assert.equal(elsewhere.requests.length, 0);
      assert.match(outcome.summary, /^Redirected to http:\/\/127\.0\.0\.1:\d+\/multibiometrics\/verify$/);
      assert.equal(outcome.retryable, false);
    } finally {
      await elsewhere.close();
    }
  });

  it('reports each attempt to onAttempt with the URL but not the key', async () => {
    server.replyJson(200, { Person: { CustomID: '1234', Match: false } });
    const client = testClient(server.baseUrl);
    await client.send('verify', BODIES.verify);
    assert.equal(client.attempts.length, 1);
    const [info] = client.attempts;
    assert.equal(info?.attempt, 1);
    assert.equal(info?.method, 'POST');
    assert.equal(info?.url, `${server.baseUrl}/multibiometrics/verify`);
    assert.equal(info?.status, 200);
    assert.equal(info?.kind, 'success');
    assert.ok(!JSON.stringify(info).includes(KEY));
  });

  it('refuses a base URL that is not absolute http(s), and an unknown operation', async () => {
    assert.throws(() => createClient({ fetch, baseUrl: 'ftp://example.test' }), /http or https/);
    assert.throws(() => createClient({ fetch, baseUrl: 'api.biopassid.com' }), /absolute/);
    const client = createClient({ fetch, baseUrl: server.baseUrl });
    await assert.rejects(client.send('identify' as never, {}), /Unknown operation: identify/);
    assert.equal(server.requests.length, 0);
  });
});
