import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { breakConnection, breaksConnection, type Fault, FaultQueue, faultReply } from './faults';
import { checkSubscriptionKey, GATEWAY_MESSAGES, generateSandboxKey, isAcceptedMediaType } from './gateway';
import { answer, parseJson, routeOf } from './operations';
import { PersonStore } from './persons';
import { RateLimit } from './rateLimit';
import { gatewayReply, type Reply } from './reply';
import { loggableCustomId, loggablePath, type SandboxLogEntry } from './requestLog';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the sandbox accepts any of its keys, so it should not be reachable from the network. */
  host?: string;
  /** Accepted subscription keys; the first is `Sandbox.key`. Defaults to one generated key. */
  keys?: string[];
  /** Larger request bodies get a 413. BioPass ID publishes no limit; the default is 64 MiB. */
  maxRequestBytes?: number;
  /** Calls per second the gateway lets through; more get a 429 with Retry-After. Unlimited when omitted. */
  rate?: number;
}

export interface Sandbox {
  readonly url: string;
  readonly port: number;
  /** The first accepted key: generated as `sandbox-` and 24 hex characters unless keys were given. */
  readonly key: string;
  /** A snapshot of every request so far, 401s and faults included. */
  readonly requestLog: readonly SandboxLogEntry[];
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Forgets enrolled persons, the request log and pending faults. */
  reset(): void;
  /** Stops listening and drops every open connection, keep-alive and stalled ones included. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_REQUEST_BYTES = 64 * 1024 * 1024;

type BodyRead =
  | { kind: 'complete'; bytes: Buffer }
  | { kind: 'too-large'; byteCount: number }
  | { kind: 'aborted'; byteCount: number };

/**
 * Starts a local server that speaks the BioPass ID contract (gateway included) on loopback, for
 * offline use and for tests. Everything lives in memory and is lost on close.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const keys = options.keys ?? [generateSandboxKey()];
  if (keys.length === 0 || keys.some((key) => typeof key !== 'string' || key.trim() === '')) {
    throw new RangeError('Sandbox keys must be a non-empty list of non-blank strings');
  }
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  if (!(maxRequestBytes > 0)) throw new RangeError('maxRequestBytes must be positive');
  const sandbox = new LocalSandbox(
    keys,
    maxRequestBytes,
    options.rate === undefined ? undefined : new RateLimit(options.rate),
  );
  await sandbox.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return sandbox;
}

class LocalSandbox implements Sandbox {
  readonly key: string;
  url = '';
  port = 0;
  private readonly keys: ReadonlySet<string>;
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => this.fail(res, error));
  });
  private readonly sockets = new Set<Socket>();
  private readonly persons = new PersonStore();
  private readonly faults = new FaultQueue();
  /** Cancels pending latency faults, so close() does not wait for them. */
  private readonly pendingDelays = new Set<() => void>();
  private log: SandboxLogEntry[] = [];
  private closing: Promise<void> | undefined;

  constructor(
    keys: readonly string[],
    private readonly maxRequestBytes: number,
    private readonly rateLimit?: RateLimit,
  ) {
    this.key = keys[0] as string;
    this.keys = new Set(keys);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get requestLog(): readonly SandboxLogEntry[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        this.port = typeof address === 'object' && address !== null ? address.port : port;
        this.url = `http://${urlHost(host)}:${this.port}`;
        resolve();
      });
    });
  }

  injectFault(fault: Fault): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  reset(): void {
    this.persons.clear();
    this.faults.clear();
    this.log = [];
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const cancel of [...this.pendingDelays]) cancel();
      this.server.close(() => resolve());
      // server.close() alone waits for keep-alive and stalled connections to end by themselves.
      for (const socket of this.sockets) socket.destroy();
    });
    return this.closing;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    // The path exactly as sent: the gateway does not resolve dot segments or fold case either.
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const operation = routeOf(req.method, path);
    const entry: SandboxLogEntry = {
      time: new Date().toISOString(),
      method: req.method ?? '',
      path: loggablePath(path),
      status: 0,
      requestBytes: 0,
      latencyMs: 0,
    };
    if (operation !== undefined) entry.operation = operation;
    const record = (status: number) => {
      entry.status = status;
      entry.latencyMs = Math.round(performance.now() - started);
      this.log.push(entry);
    };
    const send = (reply: Reply) => {
      writeReply(res, reply);
      record(reply.status);
    };

    const body = await readBody(req, this.maxRequestBytes);
    if (body.kind === 'aborted') {
      entry.requestBytes = body.byteCount;
      record(0);
      return;
    }
    if (body.kind === 'too-large') {
      entry.requestBytes = body.byteCount;
      // The rest of the body is not worth reading: the connection goes with the answer.
      send({ ...gatewayReply(413, GATEWAY_MESSAGES.tooLarge), headers: { Connection: 'close' } });
      return;
    }
    entry.requestBytes = body.bytes.length;

    // Faults come before the gateway, so even a request with a wrong key can be made to fail another way.
    const taken = this.faults.take(operation);
    if (taken.kinds.length > 0) entry.faults = taken.kinds;
    if (taken.delayMs > 0 && !(await this.delay(taken.delayMs))) return;
    if (req.socket.destroyed) {
      record(0);
      return;
    }
    if (taken.terminal !== undefined) {
      if (breaksConnection(taken.terminal)) record(breakConnection(taken.terminal, res));
      else send(faultReply(taken.terminal));
      return;
    }

    // The gateway checks the key before it matches an operation, so paths cannot be probed without one.
    const denied = checkSubscriptionKey(req.headers, this.keys);
    if (denied !== undefined) return send(denied);
    const limited = this.rateLimit?.take();
    if (limited !== undefined) return send(limited);
    if (operation === undefined) return send(gatewayReply(404, GATEWAY_MESSAGES.notFound));
    if (!isAcceptedMediaType(req.headers['content-type'])) {
      return send(gatewayReply(415, GATEWAY_MESSAGES.unsupportedMediaType));
    }
    const json = parseJson(body.bytes.toString('utf8'));
    const customId = loggableCustomId(json);
    if (customId !== undefined) entry.customId = customId;
    let reply: Reply;
    try {
      reply = answer(operation, json, this.persons);
    } catch (error) {
      reply = internalError(error);
    }
    send(reply);
  }

  /** Resolves true after ms, or false at once when the sandbox closes meanwhile. */
  private delay(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const settle = (elapsed: boolean) => {
        clearTimeout(timer);
        this.pendingDelays.delete(cancel);
        resolve(elapsed);
      };
      const cancel = () => settle(false);
      const timer = setTimeout(() => settle(true), ms);
      this.pendingDelays.add(cancel);
    });
  }

  /** Last resort for a failure outside the operation handlers: the client must not be left hanging. */
  private fail(res: ServerResponse, error: unknown): void {
    if (res.headersSent) res.destroy();
    else writeReply(res, internalError(error));
  }
}

/** A bug in the sandbox answers like a failing upstream, with the reason for whoever debugs it. */
function internalError(error: unknown): Reply {
  const detail = error instanceof Error ? error.message : String(error);
  return gatewayReply(500, `${GATEWAY_MESSAGES.internalError}: ${detail.slice(0, 200)}`);
}

function writeReply(res: ServerResponse, reply: Reply): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType,
    'Content-Length': String(body.length),
    ...reply.headers,
  });
  res.end(body);
}

/**
 * Reads the whole body, but stops keeping bytes past the limit. What is left is drained and
 * dropped, so the client can finish sending and read the 413 instead of seeing a reset.
 */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      resolve({ kind: 'too-large', byteCount: declared });
      return;
    }
    const chunks: Buffer[] = [];
    let byteCount = 0;
    let settled = false;
    const settle = (result: BodyRead) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      byteCount += chunk.length;
      if (byteCount > limit) {
        chunks.length = 0;
        settle({ kind: 'too-large', byteCount });
      } else if (!settled) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => settle({ kind: 'complete', bytes: Buffer.concat(chunks) }));
    req.on('error', () => settle({ kind: 'aborted', byteCount }));
    req.on('close', () => settle({ kind: 'aborted', byteCount }));
  });
}

/** The host as it goes in a URL: IPv6 in brackets, and a wildcard address replaced by loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
