import * as assert from 'node:assert/strict';
import type { OperationId } from '../../../../src/core/contract/operations';
import { type ClientOptions, createClient, type SendOptions } from '../../../../src/core/http/client';
import { type AttemptInfo, describeOutcome, type Outcome } from '../../../../src/core/http/outcome';

export const KEY = 'k3y5ecret0123456789abcdef0123wxyz';

/** A JPEG-looking image, base64 like the real ones: long enough that any leak is unmistakable. */
export const FACE_B64 = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 9)]).toString(
  'base64',
);

export const BODIES = {
  enroll: { Person: { CustomID: '1234', Face: [{ 'Face-1': FACE_B64 }] } },
  verify: { Person: { CustomID: '1234', Face: [{ 'Face-1': FACE_B64 }] } },
  update: { Person: { CustomID: '1234', Face: [{ 'Face-1': FACE_B64 }] } },
  delete: { Person: { CustomID: '1234' } },
  liveness: { Spoof: { Image: FACE_B64 } },
  wsq_encode: { Encode: { Image: FACE_B64, Compression: 15, PPI: 500 } },
} satisfies Partial<Record<OperationId, unknown>>;

/** Fails when any text of an outcome meant for people holds the key or a base64 run. */
export function assertSafe(outcome: Outcome): void {
  const texts: string[] = [outcome.summary, outcome.explanation, outcome.nextStep, describeOutcome(outcome)];
  if (outcome.kind === 'bad-request') texts.push(outcome.text);
  if (outcome.kind === 'gateway-error' && outcome.message) texts.push(outcome.message);
  if (outcome.kind === 'logical-failure') texts.push(outcome.message);
  if (outcome.kind === 'success') texts.push(...outcome.schemaWarnings);
  for (const text of texts) {
    assert.ok(!text.includes(KEY), `the key leaked into: ${text}`);
    assert.ok(!text.includes(KEY.slice(0, 12)), `part of the key leaked into: ${text}`);
    assert.ok(!/[A-Za-z0-9+/]{120,}/.test(text), `a base64 run leaked into: ${text.slice(0, 200)}`);
  }
  assert.ok(!/\n/.test(outcome.summary), 'the summary is one line');
  assert.ok(!/\n/.test(describeOutcome(outcome)), 'the log line is one line');
}

export interface TestClient {
  /** Every wait the client asked for, in ms; the recording sleep never really waits. */
  readonly waits: number[];
  readonly attempts: AttemptInfo[];
  send(operation: OperationId, body: unknown, options?: SendOptions): Promise<Outcome>;
}

/** A client on Node's global fetch whose every outcome is checked with assertSafe. */
export function testClient(baseUrl: string, overrides: Partial<ClientOptions> = {}): TestClient {
  const waits: number[] = [];
  const attempts: AttemptInfo[] = [];
  const client = createClient({
    fetch,
    baseUrl,
    key: KEY,
    sleep: async (ms) => {
      waits.push(ms);
    },
    onAttempt: (info) => attempts.push(info),
    ...overrides,
  });
  return {
    waits,
    attempts,
    async send(operation, body, options) {
      const outcome = await client.send(operation, body, options);
      assertSafe(outcome);
      return outcome;
    },
  };
}

/** Narrows an outcome to one kind, failing the test with the outcome's log line otherwise. */
export function expectKind<K extends Outcome['kind']>(outcome: Outcome, kind: K): Extract<Outcome, { kind: K }> {
  assert.equal(outcome.kind, kind, describeOutcome(outcome));
  return outcome as Extract<Outcome, { kind: K }>;
}
