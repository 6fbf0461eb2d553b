import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { createClient } from '../../../src/core/http';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { startSandbox } from '../../../src/core/sandbox';
import { verdict } from '../../../src/core/verdict';
import type { PanelCall } from '../../../src/panels/panelHost';
import { activateExtension, waitFor } from '../../support/extension';

/** What the host reports of its own memory (the extension host process). */
export interface HostMemory {
  rssMB: number;
  heapMB: number;
  externalMB: number;
}

const MB = 1024 * 1024;

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function memory(): HostMemory {
  gc();
  gc();
  const usage = process.memoryUsage();
  return { rssMB: usage.rss / MB, heapMB: usage.heapUsed / MB, externalMB: usage.external / MB };
}

/**
 * An answer as the extension holds it when it arrives: a real ICAO check from the sandbox, on
 * the call that sent the bench's image (the image is the one the baseline opens from disk).
 */
async function answerFor(image: string): Promise<PanelCall> {
  const sandbox = await startSandbox();
  try {
    const client = createClient({ fetch, baseUrl: sandbox.url, key: sandbox.key });
    const outcome = await client.send('check_icao', { Check: { Image: sampleFaceJpeg(7).toString('base64') } });
    if (outcome.kind !== 'success') throw new Error(`the sandbox's ICAO answer failed: ${outcome.summary}`);
    return {
      call: {
        operation: 'check_icao',
        body: { Check: { Image: readFileSync(image).toString('base64') } },
        source: image.slice(image.lastIndexOf('/') + 1),
        context: {},
      },
      outcome,
      headline: verdict('check_icao', outcome.body, {}),
      environment: `sandbox (${sandbox.url})`,
    };
  } finally {
    await sandbox.close();
  }
}

/**
 * Runs inside the extension host as the extensionTestsPath. It listens on loopback and does what
 * the bench process (which drives the browser and sees the webviews paint) asks, one request at
 * a time: show our panel for the answer, open VS Code's image preview on the same file, open 20
 * of either, close every editor, report the host's memory. Each show answers with the time it
 * was issued (Date.now(), the clock the webview's frame reads too). BIOPASSID_BENCH_IMAGE names
 * the image; BIOPASSID_BENCH_COPIES, a folder of copies of it for 20 previews.
 */
export async function run(): Promise<void> {
  const image = process.env.BIOPASSID_BENCH_IMAGE;
  const copies = process.env.BIOPASSID_BENCH_COPIES;
  if (!image || !copies) throw new Error('BIOPASSID_BENCH_IMAGE and BIOPASSID_BENCH_COPIES are required');
  const services = await activateExtension();
  const answer = await answerFor(image);
  const beside = { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false };
  const closeAll = async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('every panel closed', () => (services.panels.stats().livePanels === 0 ? true : undefined));
  };
  const actions: Record<string, () => unknown> = {
    ours: () => {
      services.panels.showResult(answer);
    },
    preview: () => vscode.commands.executeCommand('vscode.open', vscode.Uri.file(image), beside),
    'ours-20': () => {
      for (let index = 0; index < 20; index++) services.panels.showResult(answer, undefined, { newPanel: true });
    },
    'preview-20': async () => {
      for (let index = 0; index < 20; index++) {
        await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(`${copies}/${index}.jpg`), beside);
      }
    },
    close: closeAll,
    memory,
  };
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const name = (request.url ?? '/').slice(1);
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (name === 'finish') {
      reply(200, {});
      finish();
      return;
    }
    const action = actions[name];
    if (!action) return reply(404, { error: `no action ${name}` });
    const issued = Date.now();
    Promise.resolve()
      .then(action)
      .then(
        (value) => reply(200, { issued, value }),
        (error: unknown) => reply(500, { error: String(error) }),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(`BIOPASSID_BENCH_PORT ${(server.address() as AddressInfo).port}`);
  await finished;
  server.close();
}
