import { execFile } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { median } from './measure';
import { MB, row } from './table';

const ANSWER_BYTES = 100 * MB;

/**
 * A server answering every request with 100 MB of JSON-looking text in 1 MB writes, honouring
 * backpressure, and stopping when the reader leaves; with or without a Content-Length.
 */
async function startLargeAnswerServer(announce: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const chunk = Buffer.alloc(MB, 'A');
  const server = http.createServer((request, response) => {
    request.resume();
    response.writeHead(200, {
      'Content-Type': 'application/json',
      ...(announce ? { 'Content-Length': ANSWER_BYTES } : {}),
    });
    let sent = 0;
    let closed = false;
    response.once('close', () => {
      closed = true;
    });
    const pump = () => {
      while (!closed && sent < ANSWER_BYTES) {
        sent += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
      if (!closed) response.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Peak resident set (MB) of a fresh process reading the answer once (median of three). */
async function peakRssMB(mode: 'ours' | 'text' | 'idle', url: string): Promise<number> {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    // Asynchronously: the server answering it lives in this process.
    const { stdout } = await promisify(execFile)(process.execPath, [
      join(__dirname, 'responseSizeWorker.js'),
      mode,
      url,
    ]);
    runs.push(Number(stdout) / 1024);
  }
  return median(runs);
}

/**
 * Peak memory of a 100 MB answer read through the client with its default 64 MB limit, against
 * a cap-less `await response.text()` of the same answer, each in a fresh process.
 */
export async function responseSize(): Promise<void> {
  for (const announce of [false, true]) {
    const server = await startLargeAnswerServer(announce);
    try {
      const ours = await peakRssMB('ours', server.url);
      const capless = await peakRssMB('text', server.url);
      const label = announce ? 'announced by Content-Length (fails before reading)' : 'chunked (read up to 64 MB)';
      row(`100 MB answer, ${label}: peak RSS`, ours, capless, 'MB', '< 200 MB', ours < 200);
    } finally {
      await server.close();
    }
  }
  const idle = await peakRssMB('idle', 'http://127.0.0.1:9');
  row('  peak RSS of an idle worker process, for reference', idle, undefined, 'MB', 'reference');
}
