import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A loopback HTTP server that reads each request and never answers: a service that hangs, so a
 * test can cancel a request while it is certainly in flight. `arrived` resolves on the first request.
 */
export interface StallingServer {
  readonly url: string;
  readonly requests: IncomingMessage[];
  readonly arrived: Promise<void>;
  close(): Promise<void>;
}

export async function startStallingServer(): Promise<StallingServer> {
  const requests: IncomingMessage[] = [];
  const sockets = new Set<Socket>();
  let signalArrival: () => void = () => {};
  const arrived = new Promise<void>((resolve) => {
    signalArrival = resolve;
  });
  const server = createServer((request) => {
    requests.push(request);
    request.resume();
    signalArrival();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    arrived,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
