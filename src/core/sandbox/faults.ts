import type { ServerResponse } from 'node:http';
import { isOperationId, type OperationId } from '../contract/operations';
import { gatewayReply, jsonReply, type Reply, sniffContentType } from './reply';

/** Which requests a fault applies to, and how many times (default once; Infinity for every one). */
export interface FaultScope {
  match?: { operation?: OperationId };
  times?: number;
}

export type FaultAction =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; body?: string; contentType?: string; retryAfterSeconds?: number }
  | { kind: 'reset' }
  | { kind: 'truncate' }
  | { kind: 'stall' }
  | { kind: 'malformed' }
  | { kind: 'logical-failure'; message: string };

export type Fault = FaultScope & FaultAction;
export type FaultKind = FaultAction['kind'];
export type TerminalFault = Exclude<Fault, { kind: 'latency' }>;

const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'status',
  'reset',
  'truncate',
  'stall',
  'malformed',
  'logical-failure',
];

/** Throws on a fault that could never be applied, so a typo fails at injection rather than silently. */
export function validateFault(fault: Fault): void {
  if (!FAULT_KINDS.includes(fault.kind)) throw new TypeError(`Unknown fault kind "${String(fault.kind)}"`);
  const times = fault.times ?? 1;
  if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times >= 1))) {
    throw new RangeError('Fault times must be a positive integer or Infinity');
  }
  const operation = fault.match?.operation;
  if (operation !== undefined && !isOperationId(operation)) throw new TypeError(`Unknown operation "${operation}"`);
  if (fault.kind === 'latency' && !(Number.isFinite(fault.ms) && fault.ms >= 0)) {
    throw new RangeError('Latency ms must be a finite number >= 0');
  }
  if (fault.kind === 'status' && !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)) {
    throw new RangeError('Fault status must be an integer from 200 to 599');
  }
  if (fault.kind === 'status' && fault.retryAfterSeconds !== undefined) {
    if (!(Number.isInteger(fault.retryAfterSeconds) && fault.retryAfterSeconds >= 0)) {
      throw new RangeError('retryAfterSeconds must be an integer >= 0');
    }
  }
}

export interface TakenFaults {
  /** Kinds applied, in order, for the request log. */
  kinds: FaultKind[];
  delayMs: number;
  terminal: TerminalFault | undefined;
}

/**
 * Faults waiting to be applied, in injection order. A request takes every matching latency fault
 * up to the first matching fault of another kind, so "slow, then 503" can be staged by injecting
 * a latency and then a status.
 */
export class FaultQueue {
  private entries: { fault: Fault; remaining: number }[] = [];

  add(fault: Fault): void {
    validateFault(fault);
    this.entries.push({ fault: structuredClone(fault), remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.entries = [];
  }

  take(operation: OperationId | undefined): TakenFaults {
    const taken: TakenFaults = { kinds: [], delayMs: 0, terminal: undefined };
    for (const entry of this.entries) {
      const wanted = entry.fault.match?.operation;
      if (wanted !== undefined && wanted !== operation) continue;
      entry.remaining--;
      taken.kinds.push(entry.fault.kind);
      if (entry.fault.kind === 'latency') {
        taken.delayMs += entry.fault.ms;
        continue;
      }
      taken.terminal = entry.fault;
      break;
    }
    this.entries = this.entries.filter((entry) => entry.remaining > 0);
    return taken;
  }
}

const DEFAULT_GATEWAY_MESSAGES: Readonly<Record<number, string>> = {
  403: 'Out of call volume quota. Quota will be replenished in 23:59:59.',
  429: 'Rate limit is exceeded. Try again later.',
};

/** The body the connection-breaking faults start to send: a JSON success the client never gets whole. */
const INTERRUPTED_BODY = JSON.stringify({ Success: true, Message: 'The sandbox cut this response short on purpose.' });
const NOT_JSON_BODY = 'Sandbox fault: this 200 response body is not JSON.';

export type ConnectionFault = Extract<TerminalFault, { kind: 'reset' | 'truncate' | 'stall' }>;
export type AnsweringFault = Exclude<TerminalFault, ConnectionFault>;

export function breaksConnection(fault: TerminalFault): fault is ConnectionFault {
  return fault.kind === 'reset' || fault.kind === 'truncate' || fault.kind === 'stall';
}

export function faultReply(fault: AnsweringFault): Reply {
  switch (fault.kind) {
    case 'status':
      return statusReply(fault);
    case 'malformed':
      // Labelled JSON on purpose: the client's parser, not its content-type check, must catch it.
      return { ...jsonReply({}), body: NOT_JSON_BODY };
    case 'logical-failure':
      return jsonReply({ Success: false, Message: fault.message });
  }
}

function statusReply(fault: Extract<TerminalFault, { kind: 'status' }>): Reply {
  const retryAfter = fault.retryAfterSeconds;
  let reply: Reply;
  if (fault.body === undefined) {
    const message =
      fault.status === 429 && retryAfter !== undefined
        ? `Rate limit is exceeded. Try again in ${retryAfter} seconds.`
        : DEFAULT_GATEWAY_MESSAGES[fault.status];
    reply = gatewayReply(fault.status, message);
  } else {
    reply = { status: fault.status, contentType: sniffContentType(fault.body), body: fault.body };
  }
  if (fault.contentType !== undefined) reply.contentType = fault.contentType;
  if (retryAfter !== undefined) reply.headers = { 'Retry-After': String(retryAfter) };
  return reply;
}

/**
 * Breaks the exchange the way a flaky network or a crashed upstream does. Returns the status the
 * client was told, for the log: 0 when no response was started.
 */
export function breakConnection({ kind }: ConnectionFault, res: ServerResponse): number {
  const socket = res.socket;
  if (kind === 'reset') {
    // An RST rather than a FIN: the client sees ECONNRESET, as when a proxy drops the connection.
    if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket?.destroy();
    return 0;
  }
  const body = Buffer.from(INTERRUPTED_BODY);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.length) });
  res.write(body.subarray(0, Math.floor(body.length / 2)));
  // A stall keeps the socket open, headers and half a body sent, until the client gives up or the sandbox closes.
  if (kind === 'truncate') socket?.end();
  return 200;
}
