import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real servers on 127.0.0.1 for the HTTP client tests: an HTTP server with a per-test handler,
 * a raw TCP server for what HTTP servers never do (resets, cut-off bodies, non-HTTP replies),
 * and a self-signed HTTPS server. Nothing here reaches beyond the loopback interface.
 */

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export type Handler = (request: ReceivedRequest, response: http.ServerResponse) => void;

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

export class HttpLoopback {
  readonly requests: ReceivedRequest[] = [];
  handler: Handler = (_request, response) => {
    response.writeHead(500, { 'Content-Type': 'text/plain' });
    response.end('no handler set for this test');
  };

  private constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<HttpLoopback> {
    let loopback: HttpLoopback | undefined;
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received: ReceivedRequest = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        loopback?.requests.push(received);
        loopback?.handler(received, response);
      });
    });
    const port = await listen(server);
    loopback = new HttpLoopback(server, `http://127.0.0.1:${port}`);
    return loopback;
  }

  /** Answers every request with this status, headers and body. */
  reply(status: number, body = '', headers: http.OutgoingHttpHeaders = {}): void {
    this.handler = (_request, response) => {
      response.writeHead(status, headers);
      response.end(body);
    };
  }

  replyJson(status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}): void {
    this.reply(status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  }

  reset(): void {
    this.requests.length = 0;
    this.reply(500, 'no handler set for this test', { 'Content-Type': 'text/plain' });
  }

  close(): Promise<void> {
    // Stalled responses and fetch's keep-alive sockets would otherwise hold close() open.
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A TCP server that hands each connection's first chunk (the request head) to the test. */
export class RawLoopback {
  /** Connections that sent something: one per request put on the wire. */
  hits = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly baseUrl: string,
  ) {}

  static async start(onRequest: (socket: net.Socket, head: string) => void): Promise<RawLoopback> {
    let loopback: RawLoopback | undefined;
    const server = net.createServer((socket) => {
      loopback?.sockets.add(socket);
      socket.on('close', () => loopback?.sockets.delete(socket));
      socket.on('error', () => {
        // Resets are what these tests provoke.
      });
      socket.once('data', (chunk: Buffer) => {
        if (loopback) loopback.hits += 1;
        onRequest(socket, chunk.toString('latin1'));
      });
    });
    const port = await listen(server);
    loopback = new RawLoopback(server, `http://127.0.0.1:${port}`);
    return loopback;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port that was just open and is now closed: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface HttpsLoopback {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * An HTTPS server with a certificate made now by openssl and trusted by nobody; undefined when
 * openssl is not installed.
 */
export async function startSelfSignedHttps(handler: http.RequestListener): Promise<HttpsLoopback | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'biopassid-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-subj',
          '/CN=localhost',
          '-days',
          '1',
          '-keyout',
          keyFile,
          '-out',
          certFile,
        ],
        { stdio: 'ignore' },
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const server = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, handler);
    const port = await listen(server);
    return {
      baseUrl: `https://127.0.0.1:${port}`,
      close: () => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(() => resolve()));
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
