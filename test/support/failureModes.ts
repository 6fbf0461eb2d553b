import type { OutgoingHttpHeaders } from 'node:http';
import type { OutcomeKind } from '../../src/core/http/outcome';
import type { Fault } from '../../src/core/sandbox';
import { HttpLoopback, type ReceivedRequest } from '../unit/core/http/loopback';

/**
 * The failure modes a leak sweep drives every command through: faults the local sandbox stages,
 * and the harshest server of all, one that answers every request with the request itself (its
 * headers, subscription key included, and its body, images included) in every part of the
 * answer a client might show: a JSON message, plain text, an HTML title, a header, a redirect
 * target, a success body whose every field is the key.
 */

/** A failure the local sandbox stages: a fault, or (401) a sandbox that does not know the key. */
export interface SandboxFailure {
  readonly name: string;
  /** What the client makes of it. */
  readonly kind: OutcomeKind;
  readonly fault?: Fault;
  readonly rejectsKey?: true;
  /** A request timeout short enough to meet the fault (seconds). */
  readonly timeoutSeconds?: number;
}

const EVERY_TIME = Number.POSITIVE_INFINITY;

export const SANDBOX_FAILURES: readonly SandboxFailure[] = [
  { name: '401 invalid key', kind: 'gateway-error', rejectsKey: true },
  {
    name: '429 on every attempt (Retry-After 0)',
    kind: 'gateway-error',
    fault: { kind: 'status', status: 429, retryAfterSeconds: 0, times: EVERY_TIME },
  },
  { name: '500', kind: 'gateway-error', fault: { kind: 'status', status: 500, times: EVERY_TIME } },
  {
    name: '502 HTML page',
    kind: 'gateway-error',
    fault: {
      kind: 'status',
      status: 502,
      body: '<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>',
      contentType: 'text/html',
      times: EVERY_TIME,
    },
  },
  {
    name: 'timeout before any answer',
    kind: 'network-error',
    fault: { kind: 'latency', ms: 5_000, times: EVERY_TIME },
    timeoutSeconds: 1,
  },
  {
    name: 'timeout in the middle of the body',
    kind: 'network-error',
    fault: { kind: 'stall', times: EVERY_TIME },
    timeoutSeconds: 1,
  },
  { name: 'connection reset', kind: 'network-error', fault: { kind: 'reset', times: EVERY_TIME } },
  { name: 'answer cut off', kind: 'malformed-response', fault: { kind: 'truncate', times: EVERY_TIME } },
  {
    name: 'truncated JSON',
    kind: 'malformed-response',
    fault: {
      kind: 'status',
      status: 200,
      body: '{"Success": true, "Person": {"CustomID": "',
      contentType: 'application/json',
      times: EVERY_TIME,
    },
  },
  { name: 'not JSON', kind: 'malformed-response', fault: { kind: 'malformed', times: EVERY_TIME } },
  {
    name: 'Success: false',
    kind: 'logical-failure',
    fault: { kind: 'logical-failure', message: 'The image could not be processed.', times: EVERY_TIME },
  },
];

/** One way of echoing the request back. */
export interface EchoReply {
  readonly name: string;
  /** What the client makes of it. */
  readonly kind: OutcomeKind;
  reply(
    request: ReceivedRequest,
    echo: string,
    key: string,
  ): { status: number; headers: OutgoingHttpHeaders; body: string };
}

const json = (value: unknown) => ({ 'Content-Type': 'application/json; charset=utf-8', body: JSON.stringify(value) });

function answer(status: number, content: { 'Content-Type': string; body: string }, headers: OutgoingHttpHeaders = {}) {
  const { body, ...type } = content;
  return { status, headers: { ...type, ...headers }, body };
}

const text = (body: string) => ({ 'Content-Type': 'text/plain; charset=utf-8', body });

/** A success of every operation at once, each field a verdict reads set to the key. */
function successEchoing(key: string, echo: string): unknown {
  return {
    Success: true,
    Message: echo,
    Person: {
      CustomID: key,
      BioPassID: key,
      Match: true,
      MatchDetails: { FaceMatched: true, NonMatchedFingers: [key] },
    },
    DetectedFaces: { FaceNumber: key, FaceRects: [{ x: key, y: key, width: key, height: key }] },
    ICAO: { Requirements: { [key]: { IsConformed: false, Value: echo } } },
    NFIQ: { Quality: key },
    Match: { IsGenuine: true, Score: key },
    spoof: false,
    result: echo,
  };
}

export const ECHO_REPLIES: readonly EchoReply[] = [
  { name: '400 JSON message', kind: 'bad-request', reply: (_r, echo) => answer(400, json({ message: echo })) },
  { name: '400 plain text', kind: 'bad-request', reply: (_r, echo) => answer(400, text(echo)) },
  {
    name: '401 gateway JSON',
    kind: 'gateway-error',
    reply: (_r, echo) => answer(401, json({ statusCode: 401, message: `Access denied: ${echo}` })),
  },
  {
    name: '403 gateway JSON',
    kind: 'gateway-error',
    reply: (_r, echo) => answer(403, json({ statusCode: 403, message: echo })),
  },
  { name: '404 plain text', kind: 'gateway-error', reply: (_r, echo) => answer(404, text(echo)) },
  {
    name: '429 with Retry-After 0',
    kind: 'gateway-error',
    reply: (_r, echo) => answer(429, json({ statusCode: 429, message: echo }), { 'Retry-After': '0' }),
  },
  { name: '500 plain text', kind: 'gateway-error', reply: (_r, echo) => answer(500, text(echo)) },
  {
    name: '502 HTML page',
    kind: 'gateway-error',
    reply: (_r, echo) =>
      answer(502, {
        'Content-Type': 'text/html; charset=utf-8',
        body: `<html><head><title>${echo}</title></head><body><h1>502 Bad Gateway</h1><pre>${echo}</pre></body></html>`,
      }),
  },
  {
    name: '503 nested JSON error',
    kind: 'gateway-error',
    reply: (_r, echo) => answer(503, json({ error: { code: 'Unavailable', message: echo } })),
  },
  {
    name: '200 Success:false',
    kind: 'logical-failure',
    reply: (_r, echo) => answer(200, json({ Success: false, Message: echo })),
  },
  {
    name: '200 success with the key in every field a verdict reads',
    kind: 'success',
    reply: (_r, echo, key) => answer(200, json(successEchoing(key, echo))),
  },
  {
    name: '200 not JSON, the key in its Content-Type',
    kind: 'malformed-response',
    reply: (_r, echo, key) => answer(200, { 'Content-Type': `text/plain; echo=${key}`, body: `Echo: ${echo}` }),
  },
  {
    name: '200 JSON cut short',
    kind: 'malformed-response',
    reply: (_r, echo) =>
      answer(200, { 'Content-Type': 'application/json', body: `{"Success": true, "Message": ${JSON.stringify(echo)}` }),
  },
  {
    name: '302 to a URL holding the key',
    kind: 'gateway-error',
    reply: (_r, echo, key) => answer(302, text(echo), { Location: `http://127.0.0.1:9/?subscription-key=${key}` }),
  },
  {
    name: '407 proxy authentication',
    kind: 'network-error',
    reply: (_r, echo, key) => answer(407, text(echo), { 'Proxy-Authenticate': `Basic realm="${key}"` }),
  },
];

/** A loopback server answering with `current`'s echo; every answer also carries the key in a header. */
export class EchoServer {
  current: EchoReply = ECHO_REPLIES[0] as EchoReply;

  private constructor(private readonly loopback: HttpLoopback) {
    loopback.handler = (request, response) => {
      const key = String(request.headers['ocp-apim-subscription-key'] ?? '');
      const echo = JSON.stringify({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
      });
      const { status, headers, body } = this.current.reply(request, echo, key);
      response.writeHead(status, { ...headers, 'X-Echo-Subscription-Key': key });
      response.end(body);
    };
  }

  static async start(): Promise<EchoServer> {
    return new EchoServer(await HttpLoopback.start());
  }

  get url(): string {
    return this.loopback.baseUrl;
  }

  /** Every request received so far. */
  get requests(): readonly ReceivedRequest[] {
    return this.loopback.requests;
  }

  close(): Promise<void> {
    return this.loopback.close();
  }
}
