import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { MAX_RATE_LIMIT_RETRIES, MAX_RETRY_AFTER_SECONDS } from '../../src/core/contract/choices';
import type { OutcomeKind } from '../../src/core/http/outcome';
import { rateLimitBackoffSeconds } from '../../src/core/http/retryAfter';
import { type Fault, GATEWAY_MESSAGES, startSandbox } from '../../src/core/sandbox';
import { closedPort, HttpLoopback, startSelfSignedHttps } from '../unit/core/http/loopback';

/**
 * The fault matrix: every way the service or the network can fail one enroll, each with the server
 * that fails that way and what the user must be told. Shared by the extension suite
 * (test/integration/faults.integration.test.ts) and the CLI suite (test/unit/cli/faults.unit.test.ts).
 * Nothing here imports vscode.
 */

/** The key every fault server accepts: made up, like every key in the tests. */
export const FAULT_KEY = 'k3y5ecret-fm-0123456789abcdef';
const WRONG_KEY = 'wr0ngk3y-fm-fedcba9876543210';

const ENROLL_PATH = '/multibiometrics/enroll';

/** Time allowed beyond the case's own budget, for a loaded machine; far below the 30 s default timeout. */
export const MARGIN_MS = 8_000;

/** Whatever misbehaves, listening (or not) where the client is pointed. */
export interface FaultServer {
  readonly baseUrl: string;
  /** Enroll requests that reached the server. */
  enrollsReceived(): number;
  close(): Promise<void>;
}

export interface FaultExpectation {
  readonly kind: OutcomeKind;
  /** What the history records as the outcome, and the output line shows after the status. */
  readonly label: string;
  readonly status?: number;
  /** The cause, as the one-line summary (or the verdict, for a success) words it. */
  readonly cause: RegExp;
  /** The next step; undefined for a success, which needs none. */
  readonly nextStep?: RegExp;
  /** The enroll put on the wire: once, or again only where the client's retry rule allows it (a 429). */
  readonly sent: number;
  /** The notification's buttons: Retry only where sending the same enroll again is safe. */
  readonly actions: readonly string[];
  /** Something else the printed response must show. */
  readonly shows?: RegExp;
}

export interface FaultCase {
  readonly name: string;
  /** The key the client sends. */
  readonly key: string;
  /** The request timeout the client is given. */
  readonly timeoutSeconds: number;
  /** Retry-After waits the client may add on top of one timeout per request sent. */
  readonly waitSeconds: number;
  start(): Promise<FaultServer>;
  readonly expected: FaultExpectation;
  /** What the CLI reports where it differs from the editor: its transport is undici's request, not fetch. */
  readonly cli?: Partial<FaultExpectation>;
}

/** The longest a command may take for this case: each attempt (at least one) may use the whole timeout. */
export function budgetMs(fault: FaultCase): number {
  const attempts = Math.max(1, fault.expected.sent);
  return attempts * fault.timeoutSeconds * 1000 + fault.waitSeconds * 1000 + MARGIN_MS;
}

/** The local sandbox with the faults injected, in order. */
async function sandboxWith(...faults: Fault[]): Promise<FaultServer> {
  const sandbox = await startSandbox({ keys: [FAULT_KEY] });
  for (const fault of faults) sandbox.injectFault(fault);
  return {
    baseUrl: sandbox.url,
    enrollsReceived: () => sandbox.requestLog.filter((entry) => entry.operation === 'enroll').length,
    close: () => sandbox.close(),
  };
}

/** A loopback server answering each request with handle (which may also never answer). */
async function loopbackServer(handle: (response: ServerResponse) => void): Promise<FaultServer> {
  const server = await HttpLoopback.start();
  server.handler = (_request, response) => handle(response);
  return {
    baseUrl: server.baseUrl,
    enrollsReceived: () => server.requests.filter((request) => request.url === ENROLL_PATH).length,
    close: () => server.close(),
  };
}

/** Nothing connects: the request can never reach anything. */
function unreachable(baseUrl: string): FaultServer {
  return { baseUrl, enrollsReceived: () => 0, close: async () => {} };
}

async function selfSignedServer(): Promise<FaultServer> {
  let received = 0;
  const server = await startSelfSignedHttps((request, response) => {
    if (request.url === ENROLL_PATH) received++;
    response.writeHead(500).end();
  });
  assert.ok(server, 'openssl is needed to make the self-signed certificate');
  return { baseUrl: server.baseUrl, enrollsReceived: () => received, close: () => server.close() };
}

/** 50 MB of JSON: an enroll answer that also echoes a (fake) 37.5 MB image back. */
const HUGE_BODY_BYTES = 50 * 1024 * 1024;
let hugeBody: Buffer | undefined;
function hugeEnrollAnswer(): Buffer {
  if (!hugeBody) {
    const head = '{"Person":{"ClientID":"fault-client","CustomID":"huge","BioPassID":"bp-huge","Face":[{"Face-1":"';
    const tail = '"}]}}';
    const imageLength = HUGE_BODY_BYTES - head.length - tail.length;
    hugeBody = Buffer.from(`${head}${'QUJD'.repeat(Math.ceil(imageLength / 4)).slice(0, imageLength)}${tail}`);
  }
  return hugeBody;
}

/** Larger than the client reads by default (64 MB): a base URL or proxy that streams without end. */
const OVER_LIMIT_BYTES = 100 * 1024 * 1024;

/**
 * Streams a 200 of `total` bytes of JSON-looking text in 1 MB writes, as fast as the client reads
 * and no further: it stops when the client stops reading and closes the connection. `announce`
 * sends a Content-Length; without it the body is chunked and only counting tells its size.
 */
function streamLargeAnswer(response: ServerResponse, total: number, announce: boolean): void {
  const chunk = Buffer.alloc(1024 * 1024, 'A');
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    ...(announce ? { 'Content-Length': total } : {}),
  });
  let sent = 0;
  let closed = false;
  response.once('close', () => {
    closed = true;
  });
  const pump = () => {
    while (!closed && sent < total) {
      sent += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!closed) response.end();
  };
  pump();
}

/** A wait the gateway asks for that is longer than the client waits on its own. */
const LONG_RETRY_AFTER = MAX_RETRY_AFTER_SECONDS * 4;
/** Every retry the client allows itself after a 429 without Retry-After, and the backoff before each. */
const RETRIES = Array.from({ length: MAX_RATE_LIMIT_RETRIES }, (_, index) => index + 1);
const BACKOFF_SECONDS = RETRIES.reduce((sum, retry) => sum + rateLimitBackoffSeconds(retry), 0);

/** What an enroll that may have been stored tells the user to do before sending it again. */
const VERIFY_FIRST = /Run Verify with the same CustomID to see whether the change was stored before sending it again/;
const LOGS = ['View Logs'];
const RETRY = ['Retry', 'View Logs'];

/** What an answer over the limit says: it was processed, so an enroll is never sent again. */
const OVER_LIMIT_EXPECTED: FaultExpectation = {
  kind: 'malformed-response',
  label: 'malformed-response (too-large)',
  status: 200,
  cause: /^Answer 200 too large$/,
  nextStep: VERIFY_FIRST,
  sent: 1,
  actions: LOGS,
};

const defaults = { key: FAULT_KEY, timeoutSeconds: 10, waitSeconds: 0 };

export const FAULT_CASES: readonly FaultCase[] = [
  {
    ...defaults,
    name: '401 missing key (the gateway did not get the header)',
    start: () =>
      sandboxWith({
        kind: 'status',
        status: 401,
        body: JSON.stringify({ statusCode: 401, message: GATEWAY_MESSAGES.missingKey }),
      }),
    expected: {
      kind: 'gateway-error',
      label: 'missing-key',
      status: 401,
      cause: /^Access denied due to missing subscription key/,
      nextStep: /^Set the subscription key for this environment/,
      sent: 1,
      actions: ['Set API Key', 'View Logs'],
    },
  },
  {
    ...defaults,
    name: '401 invalid key',
    key: WRONG_KEY,
    start: () => sandboxWith(),
    expected: {
      kind: 'gateway-error',
      label: 'invalid-key',
      status: 401,
      cause: /^Access denied due to invalid subscription key/,
      nextStep: /^Set a valid subscription key for this environment/,
      sent: 1,
      actions: ['Set API Key', 'View Logs'],
    },
  },
  {
    ...defaults,
    name: '403 quota',
    start: () => sandboxWith({ kind: 'status', status: 403 }),
    expected: {
      kind: 'gateway-error',
      label: 'forbidden-or-quota',
      status: 403,
      cause: /^Forbidden: Out of call volume quota/,
      nextStep: /quota on the BioPass ID panel/,
      sent: 1,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: '429 with Retry-After: 1 s, once (sent again after the wait, as the retry rule allows)',
    waitSeconds: 1,
    start: () => sandboxWith({ kind: 'status', status: 429, retryAfterSeconds: 1 }),
    expected: {
      kind: 'success',
      label: 'success',
      status: 200,
      cause: /^Enrolled \S+ -> BioPassID \S+$/,
      sent: 2,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: '429 with a Retry-After longer than the client waits on its own',
    start: () => sandboxWith({ kind: 'status', status: 429, retryAfterSeconds: LONG_RETRY_AFTER }),
    expected: {
      kind: 'gateway-error',
      label: 'rate-limited',
      status: 429,
      cause: new RegExp(`^Rate limited: Rate limit is exceeded\\. Try again in ${LONG_RETRY_AFTER} seconds\\.`),
      nextStep: new RegExp(`^Wait ${LONG_RETRY_AFTER} s, then try again\\.`),
      sent: 1,
      actions: RETRY,
    },
  },
  {
    ...defaults,
    name: '429 without Retry-After, every time (retried with backoff, then it gives up)',
    waitSeconds: BACKOFF_SECONDS,
    start: () => sandboxWith({ kind: 'status', status: 429, times: Number.POSITIVE_INFINITY }),
    expected: {
      kind: 'gateway-error',
      label: 'rate-limited',
      status: 429,
      cause: /^Rate limited: Rate limit is exceeded\. Try again later\./,
      nextStep: /^Wait a little, then try again\./,
      sent: 1 + MAX_RATE_LIMIT_RETRIES,
      actions: RETRY,
    },
  },
  {
    ...defaults,
    name: '500',
    start: () => sandboxWith({ kind: 'status', status: 500 }),
    expected: {
      kind: 'gateway-error',
      label: 'server-error',
      status: 500,
      cause: /^Server error 500: Internal Server Error/,
      nextStep: VERIFY_FIRST,
      sent: 1,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: '502 with an HTML body',
    start: () =>
      sandboxWith({
        kind: 'status',
        status: 502,
        body: '<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>',
      }),
    expected: {
      kind: 'gateway-error',
      label: 'server-error',
      status: 502,
      cause: /^Server error 502: 502 Bad Gateway$/,
      nextStep: VERIFY_FIRST,
      sent: 1,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: '503',
    start: () => sandboxWith({ kind: 'status', status: 503 }),
    expected: {
      kind: 'gateway-error',
      label: 'server-error',
      status: 503,
      cause: /^Server error 503: Service Unavailable/,
      nextStep: VERIFY_FIRST,
      sent: 1,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: 'timeout (no answer at all)',
    timeoutSeconds: 2,
    start: () =>
      loopbackServer(() => {
        // Never answers.
      }),
    expected: {
      kind: 'network-error',
      label: 'timeout',
      cause: /^No complete answer from 127\.0\.0\.1:\d+ within 2000 ms$/,
      nextStep: VERIFY_FIRST,
      sent: 1,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: 'a body that stalls (headers and half the body, then nothing)',
    timeoutSeconds: 2,
    start: () => sandboxWith({ kind: 'stall' }),
    expected: {
      kind: 'network-error',
      label: 'timeout',
      status: 200,
      cause: /^No complete answer from 127\.0\.0\.1:\d+ within 2000 ms$/,
      nextStep: VERIFY_FIRST,
      sent: 1,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: 'connection reset',
    start: () => sandboxWith({ kind: 'reset' }),
    expected: {
      kind: 'network-error',
      label: 'reset',
      cause: /^Connection to 127\.0\.0\.1:\d+ closed before an answer$/,
      nextStep: VERIFY_FIRST,
      sent: 1,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: 'connection refused',
    start: async () => unreachable(`http://127.0.0.1:${await closedPort()}`),
    expected: {
      kind: 'network-error',
      label: 'refused',
      cause: /^Connection refused by 127\.0\.0\.1:\d+$/,
      nextStep: /^Check the base URL and port; if it points to a local server \(the sandbox\), start it\.$/,
      sent: 0,
      actions: RETRY,
    },
  },
  {
    ...defaults,
    name: 'a port fetch blocks (10080: refused by fetch itself, before connecting)',
    start: async () => unreachable('http://127.0.0.1:10080'),
    expected: {
      kind: 'network-error',
      label: 'blocked-port',
      cause: /^Port 10080 is blocked by fetch$/,
      nextStep: /^Serve the API on another port/,
      sent: 0,
      actions: RETRY,
    },
    // The Fetch standard's port blocklist is a browser's rule: the CLI connects, and nothing listens there.
    cli: { label: 'refused', cause: /^Connection refused by 127\.0\.0\.1:10080$/, nextStep: /start it/ },
  },
  {
    ...defaults,
    name: 'DNS failure',
    start: async () => unreachable('http://biopassid-fault-matrix.invalid'),
    expected: {
      kind: 'network-error',
      label: 'dns',
      cause: /^Host biopassid-fault-matrix\.invalid not found$/,
      nextStep: /^Check the base URL for typos/,
      sent: 0,
      actions: RETRY,
    },
  },
  {
    ...defaults,
    name: 'TLS failure (self-signed certificate)',
    start: selfSignedServer,
    expected: {
      kind: 'network-error',
      label: 'tls',
      cause: /^Secure connection to 127\.0\.0\.1:\d+ failed$/,
      nextStep: /trust its CA certificate/,
      sent: 0,
      // Nothing was sent, so sending it again is safe (once the certificate is trusted).
      actions: RETRY,
    },
  },
  {
    ...defaults,
    name: 'truncated JSON (a complete 200 whose JSON stops early)',
    start: () => sandboxWith({ kind: 'status', status: 200, body: '{"Person":{"ClientID":"c","CustomID":"12' }),
    expected: {
      kind: 'malformed-response',
      label: 'malformed-response (truncated-json)',
      status: 200,
      cause: /^Answer 200 with incomplete JSON$/,
      nextStep: VERIFY_FIRST,
      sent: 1,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: 'a 200 cut off mid-body (the connection closes early)',
    start: () => sandboxWith({ kind: 'truncate' }),
    expected: {
      kind: 'malformed-response',
      label: 'malformed-response (cut-off)',
      status: 200,
      cause: /^Answer 200 cut off$/,
      nextStep: VERIFY_FIRST,
      sent: 1,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: 'non-JSON 200',
    start: () => sandboxWith({ kind: 'malformed' }),
    expected: {
      kind: 'malformed-response',
      label: 'malformed-response (not-json)',
      status: 200,
      cause: /^Answer 200 is not JSON$/,
      nextStep: VERIFY_FIRST,
      sent: 1,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: '200 with Success: false',
    start: () => sandboxWith({ kind: 'logical-failure', message: 'Face image quality too low' }),
    expected: {
      kind: 'logical-failure',
      label: 'logical-failure',
      status: 200,
      cause: /^Enroll failed: Face image quality too low$/,
      nextStep: /^Read the message: it usually names the image or field to fix\.$/,
      sent: 1,
      actions: LOGS,
    },
  },
  {
    ...defaults,
    name: 'a 50 MB response (an enroll answer echoing a huge image)',
    start: () =>
      loopbackServer((response) => {
        const body = hugeEnrollAnswer();
        response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
        response.end(body);
      }),
    expected: {
      kind: 'success',
      label: 'success',
      status: 200,
      cause: /^Enrolled huge -> BioPassID bp-huge$/,
      sent: 1,
      actions: LOGS,
      shows: /"Face-1": "<base64 37\.\d MB sha256:[0-9a-f]{8}>"/,
    },
  },
  {
    ...defaults,
    name: 'a 100 MB answer announced by Content-Length (over the 64 MB limit: nothing is read)',
    start: () => loopbackServer((response) => streamLargeAnswer(response, OVER_LIMIT_BYTES, true)),
    expected: OVER_LIMIT_EXPECTED,
  },
  {
    ...defaults,
    name: 'a 100 MB chunked answer (no Content-Length: reading stops at the 64 MB limit)',
    start: () => loopbackServer((response) => streamLargeAnswer(response, OVER_LIMIT_BYTES, false)),
    expected: OVER_LIMIT_EXPECTED,
  },
];

/**
 * Fails when text meant for people holds the key (or a long part of it), the image's base64, or
 * any long base64 run.
 */
export function assertNoSecrets(where: string, text: string, key: string, imageBase64: string): void {
  for (const secret of [key, key.slice(0, 12), key.slice(-12)]) {
    assert.ok(!text.includes(secret), `the key leaked into the ${where}`);
  }
  const middle = Math.floor(imageBase64.length / 2);
  for (const part of [imageBase64.slice(0, 40), imageBase64.slice(middle, middle + 40)]) {
    assert.ok(!text.includes(part), `the image's base64 leaked into the ${where}`);
  }
  assert.ok(!/[A-Za-z0-9+/]{120}/.test(text), `a base64 run leaked into the ${where}`);
}
