import * as assert from 'node:assert/strict';
import { KNOWN_400_TEXTS, SANDBOX_400_TEXTS } from '../../../../src/core/contract/choices';
import { MAX_SHOWN_TEXT } from '../../../../src/core/http/text';
import { HttpLoopback, RawLoopback } from './loopback';
import { BODIES, expectKind, FACE_B64, KEY, testClient } from './support';

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
const TEXT_TYPE = { 'Content-Type': 'text/plain; charset=utf-8' };

describe('HTTP client: outcomes', () => {
  let server: HttpLoopback;
  before(async () => {
    server = await HttpLoopback.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  describe('2xx', () => {
    it('is a success with the parsed body and no warnings when the body matches the contract', async () => {
      const body = {
        Person: { CustomID: '1234', Match: true, MatchDetails: { FaceMatched: true, NonMatchedFingers: [] } },
      };
      server.replyJson(200, body);
      const outcome = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'success');
      assert.equal(outcome.status, 200);
      assert.deepEqual(outcome.body, body);
      assert.deepEqual(outcome.schemaWarnings, []);
      assert.equal(outcome.attempts, 1);
      assert.equal(outcome.retryable, false);
      assert.ok(outcome.latencyMs >= 0);
    });

    it('is still a success, with schema warnings, when the body differs from the contract', async () => {
      server.replyJson(200, { Person: { CustomID: '1234', ClientID: 7 } });
      const outcome = expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'success');
      assert.ok(
        outcome.schemaWarnings.some((warning) => warning.startsWith('Person.BioPassID:')),
        `${outcome.schemaWarnings}`,
      );
      assert.ok(outcome.schemaWarnings.some((warning) => warning.startsWith('Person.ClientID:')));
      assert.match(outcome.summary, /unexpected shape/);
    });

    it('is a logical failure when the body says Success: false, with its Message', async () => {
      server.replyJson(200, { Success: false, Message: 'Person not found' });
      const outcome = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'logical-failure');
      assert.equal(outcome.message, 'Person not found');
      assert.equal(outcome.summary, 'Verify failed: Person not found');
      assert.equal(outcome.retryable, false);
    });

    it("uses liveness's lower-case result as the message, and leaves a spoof verdict a success", async () => {
      server.replyJson(200, { Success: false, result: 'No Faces Detected' });
      const failure = expectKind(await testClient(server.baseUrl).send('liveness', BODIES.liveness), 'logical-failure');
      assert.equal(failure.message, 'No Faces Detected');
      server.replyJson(200, { Success: true, result: 'Ok', spoof: true });
      const success = expectKind(await testClient(server.baseUrl).send('liveness', BODIES.liveness), 'success');
      assert.deepEqual(success.schemaWarnings, []);
    });

    it('treats Success: false inside the Encode envelope as a logical failure', async () => {
      server.replyJson(200, { Encode: { Success: false, Image: '' } });
      const outcome = expectKind(
        await testClient(server.baseUrl).send('wsq_encode', BODIES.wsq_encode),
        'logical-failure',
      );
      assert.equal(outcome.message, 'Encode.Success is false');
    });
  });

  describe('400', () => {
    const advice = [
      ['invalidJson', KNOWN_400_TEXTS.invalidJson, /validator/, /field name/],
      ['noFaceTemplate', KNOWN_400_TEXTS.noFaceTemplate, /frontal/, /no usable face/],
      ['duplicateCustomId', SANDBOX_400_TEXTS.duplicateCustomId, /Update/, /already enrolled/],
      ['unknownCustomId', SANDBOX_400_TEXTS.unknownCustomId, /enroll the person/, /No person/],
      ['noFingerTemplate', SANDBOX_400_TEXTS.noFingerTemplate, /fingerprint/, /no usable fingerprint/],
    ] as const;

    for (const [known, text, nextStep, explanation] of advice) {
      it(`maps "${text}" to its explanation and next step`, async () => {
        server.reply(400, text, TEXT_TYPE);
        const outcome = expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'bad-request');
        assert.equal(outcome.known, known);
        assert.equal(outcome.text, text);
        assert.equal(outcome.summary, `Bad request: ${text}`);
        assert.match(outcome.nextStep, nextStep);
        assert.match(outcome.explanation, explanation);
        assert.equal(outcome.retryable, false);
      });
    }

    it('recognises a known text quoted as a JSON string or with a final period', async () => {
      server.reply(400, '"Invalid JSON format"', JSON_TYPE);
      assert.equal(
        expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'bad-request').known,
        'invalidJson',
      );
      server.reply(400, 'Failed to extract face template.\n', TEXT_TYPE);
      assert.equal(
        expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'bad-request').known,
        'noFaceTemplate',
      );
    });

    it('shows any other text as it is, on one line, redacted and truncated', async () => {
      const text = `Rejected\nkey ${KEY} image ${FACE_B64} ${'more words '.repeat(50)}`;
      server.reply(400, text, TEXT_TYPE);
      const outcome = expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'bad-request');
      assert.equal(outcome.known, undefined);
      assert.ok(outcome.text.length <= MAX_SHOWN_TEXT, `${outcome.text.length}`);
      assert.match(outcome.text, /^Rejected key ••••wxyz image <jpeg 3 KB sha256:[0-9a-f]{8}> more words more words /);
      assert.ok(outcome.text.endsWith('…'));
      assert.match(outcome.nextStep, /validator/);
    });

    it('says so when a 400 has no body at all', async () => {
      server.reply(400);
      const outcome = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'bad-request');
      assert.equal(outcome.text, '');
      assert.equal(outcome.summary, 'Bad request: (empty body)');
    });
  });

  describe('gateway errors', () => {
    it('tells a missing key from an invalid one by the gateway message', async () => {
      server.replyJson(401, {
        statusCode: 401,
        message:
          'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
      });
      const missing = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'gateway-error');
      assert.equal(missing.reason, 'missing-key');
      assert.match(missing.nextStep, /Set the subscription key/);

      server.replyJson(401, {
        statusCode: 401,
        message:
          'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
      });
      const invalid = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'gateway-error');
      assert.equal(invalid.reason, 'invalid-key');
      assert.match(invalid.message ?? '', /^Access denied due to invalid subscription key/);
      assert.match(invalid.nextStep, /Set a valid subscription key/);
      assert.equal(invalid.retryable, false);
    });

    it('falls back on whether a key was sent when a 401 says neither', async () => {
      server.reply(401, 'Unauthorized', TEXT_TYPE);
      const withKey = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'gateway-error');
      assert.equal(withKey.reason, 'invalid-key');
      const withoutKey = expectKind(
        await testClient(server.baseUrl, { key: undefined }).send('verify', BODIES.verify),
        'gateway-error',
      );
      assert.equal(withoutKey.reason, 'missing-key');
      assert.match(withoutKey.explanation, /No subscription key is set/);
    });

    it('classifies 403 as forbidden-or-quota and 404 as not-found', async () => {
      server.replyJson(403, {
        statusCode: 403,
        message: 'Out of call volume quota. Quota will be replenished in 00:10:00.',
      });
      const quota = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'gateway-error');
      assert.equal(quota.reason, 'forbidden-or-quota');
      assert.match(quota.summary, /Out of call volume quota/);

      server.replyJson(404, { statusCode: 404, message: 'Resource not found' });
      const notFound = expectKind(await testClient(server.baseUrl).send('delete', BODIES.delete), 'gateway-error');
      assert.equal(notFound.reason, 'not-found');
      assert.match(notFound.explanation, /CustomID/);
      assert.equal(notFound.retryable, false);
    });

    it('classifies a 5xx whatever its body: gateway JSON, an HTML page, or nothing', async () => {
      server.replyJson(500, { statusCode: 500, message: 'Internal server error' });
      const json = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'gateway-error');
      assert.equal(json.reason, 'server-error');
      assert.equal(json.message, 'Internal server error');

      server.reply(502, '<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>', {
        'Content-Type': 'text/html',
      });
      const html = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'gateway-error');
      assert.equal(html.reason, 'server-error');
      assert.equal(html.message, '502 Bad Gateway');

      server.reply(503);
      const empty = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'gateway-error');
      assert.equal(empty.reason, 'server-error');
      assert.equal(empty.message, undefined);
      assert.equal(empty.summary, 'Server error 503');
      assert.equal(empty.retryable, true, 'a read-only call may be retried by hand');
    });

    it('never offers to re-send an enroll after a 5xx, and says to verify first', async () => {
      server.replyJson(504, { statusCode: 504, message: 'Gateway timeout' });
      const outcome = expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'gateway-error');
      assert.equal(outcome.reason, 'server-error');
      assert.equal(outcome.retryable, false);
      assert.match(outcome.explanation, /may have been processed/);
      assert.match(outcome.nextStep, /Verify/);
      assert.equal(server.requests.length, 1);
    });

    it("classifies statuses the contract does not describe as 'other'", async () => {
      server.replyJson(413, { statusCode: 413, message: 'Request entity too large' });
      const outcome = expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'gateway-error');
      assert.equal(outcome.reason, 'other');
      assert.match(outcome.nextStep, /smaller images/);
      server.reply(405, 'Method Not Allowed', TEXT_TYPE);
      const other = expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'gateway-error');
      assert.equal(other.summary, 'HTTP 405: Method Not Allowed');
    });
  });

  describe('malformed 2xx', () => {
    it('reports a 2xx HTML page as not JSON, naming it by its title', async () => {
      server.reply(200, '<!doctype html><html><title>Sign in to the Wi-Fi</title></html>', {
        'Content-Type': 'text/html',
      });
      const outcome = expectKind(await testClient(server.baseUrl).send('verify', BODIES.verify), 'malformed-response');
      assert.equal(outcome.problem, 'not-json');
      assert.equal(outcome.contentType, 'text/html');
      assert.match(outcome.explanation, /Sign in to the Wi-Fi/);
      assert.equal(outcome.retryable, true);
    });

    it('reports JSON that stops early as truncated', async () => {
      server.reply(200, `{"Person":{"CustomID":"1234","BioPassID":"ab`, JSON_TYPE);
      const outcome = expectKind(await testClient(server.baseUrl).send('enroll', BODIES.enroll), 'malformed-response');
      assert.equal(outcome.problem, 'truncated-json');
      assert.equal(outcome.retryable, false, 'an enroll that answered 200 was processed');
      assert.match(outcome.explanation, /may have been processed/);
    });

    it('reports an empty 2xx body', async () => {
      server.reply(200, '', JSON_TYPE);
      const outcome = expectKind(await testClient(server.baseUrl).send('delete', BODIES.delete), 'malformed-response');
      assert.equal(outcome.problem, 'empty');
    });

    it('reports a body cut off mid-stream (fewer bytes than Content-Length, then close)', async () => {
      const raw = await RawLoopback.start((socket) => {
        socket.end(
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"Person":{"CustomID":"12',
        );
      });
      try {
        const outcome = expectKind(await testClient(raw.baseUrl).send('enroll', BODIES.enroll), 'malformed-response');
        assert.equal(outcome.problem, 'cut-off');
        assert.equal(outcome.status, 200);
        assert.equal(outcome.retryable, false);
        assert.equal(raw.hits, 1);
      } finally {
        await raw.close();
      }
    });
  });
});
