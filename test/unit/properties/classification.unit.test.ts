import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { OPERATION_IDS, type OperationId } from '../../../src/core/contract/operations';
import { createClient } from '../../../src/core/http/client';
import { describeOutcome, type Outcome } from '../../../src/core/http/outcome';

const SEED = 0x5eed_0003;
const KEY = 'k3y5ecret0123456789abcdef0123wxyz';
const LONG_RUN = /[A-Za-z0-9+/]{120,}/;
const IMAGE_B64 = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(600, 9)]).toString('base64');

interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly retryAfter: string | undefined;
  readonly body: string;
}

/** Words that end up in messages, the key and an image among them. */
const messageText = fc
  .array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(KEY, IMAGE_B64, `Bearer ${KEY}`, '\n', '<b>')), {
    maxLength: 6,
  })
  .map((parts) => parts.join(' '));

const validJson = fc.oneof(
  fc.json({ maxDepth: 2 }),
  fc.constantFrom(
    JSON.stringify({ Person: { CustomID: '1234', BioPassID: 'x' } }),
    JSON.stringify({ Success: true, result: 'Ok', spoof: false }),
    JSON.stringify({ Image: IMAGE_B64 }),
  ),
);

const body: fc.Arbitrary<string> = fc.oneof(
  validJson,
  fc.tuple(validJson, fc.nat()).map(([text, cut]) => text.slice(0, cut % Math.max(1, text.length))),
  messageText.map((title) => `<!DOCTYPE html><html><head><title>${title}</title></head><body>${title}</body></html>`),
  fc.constantFrom('', ' ', '\n'),
  messageText,
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .tuple(fc.option(messageText), fc.option(fc.constantFrom('Message', 'result')))
    .map(([message, field]) =>
      JSON.stringify(message === null || field === null ? { Success: false } : { Success: false, [field]: message }),
    ),
  fc
    .tuple(fc.integer({ min: 100, max: 599 }), messageText)
    .map(([statusCode, message]) => JSON.stringify({ statusCode, message })),
);

const answer: fc.Arbitrary<Answer> = fc.record({
  status: fc.oneof(
    fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 407, 429, 500, 502, 503),
    fc.integer({ min: 200, max: 599 }),
  ),
  contentType: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'text/html; charset=utf-8', undefined),
  retryAfter: fc.option(fc.constantFrom('0', '1', '120', '-3', 'soon', 'Wed, 21 Oct 2015 07:28:00 GMT'), {
    nil: undefined,
  }),
  body,
});

function expectedKinds(status: number): readonly Outcome['kind'][] {
  if (status >= 200 && status <= 299) return ['success', 'logical-failure', 'malformed-response'];
  if (status === 400) return ['bad-request'];
  // A 407 comes from a proxy, not the service: classifyResponse reports it as a network error, and
  // Node's fetch (undici) rejects it before the client sees a response at all.
  if (status === 407) return ['network-error'];
  return ['gateway-error'];
}

describe('properties: response classification over a loopback server', () => {
  let server: http.Server;
  let baseUrl: string;
  let current: Answer = { status: 500, contentType: undefined, retryAfter: undefined, body: '' };

  before(async () => {
    server = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const headers: http.OutgoingHttpHeaders = {};
        if (current.contentType) headers['Content-Type'] = current.contentType;
        if (current.retryAfter) headers['Retry-After'] = current.retryAfter;
        response.writeHead(current.status, headers);
        response.end(current.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('always resolves an outcome whose kind fits the status, with safe non-empty texts', async function () {
    this.timeout(60_000);
    const client = createClient({
      fetch,
      baseUrl,
      key: KEY,
      timeoutMs: 2000,
      // A 429 is sent again after a wait; the property needs the classification, not the wait.
      sleep: async () => {},
    });
    await fc.assert(
      fc.asyncProperty(answer, fc.constantFrom<OperationId>(...OPERATION_IDS), async (generated, operation) => {
        current = generated;
        const outcome = await client.send(operation, { Person: { CustomID: '1234' } });
        const line = describeOutcome(outcome);
        assert.ok(expectedKinds(generated.status).includes(outcome.kind), `${generated.status}: ${line}`);
        // Node's fetch turns a 407 into a rejection, so that network error carries no status.
        if (outcome.kind !== 'network-error') assert.equal(outcome.status, generated.status, line);
        for (const text of [outcome.summary, outcome.explanation, outcome.nextStep]) {
          assert.equal(typeof text, 'string');
          assert.notEqual(text.trim(), '', `an empty text in ${line}`);
          assert.ok(!text.includes(KEY), `the key leaked into: ${text}`);
          assert.ok(!LONG_RUN.test(text), `a base64 run leaked into: ${text}`);
        }
      }),
      { numRuns: 150, seed: SEED },
    );
  });
});
