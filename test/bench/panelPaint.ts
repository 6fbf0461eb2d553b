import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import { encodeJpeg } from '../../src/core/images/jpeg';
import { seededRandom } from '../../src/core/seeded';
import { REPO_ROOT } from '../e2e/support/paths';
import { median } from './measure';
import type { HostMemory } from './panelPaint/inHost';
import { MB, row } from './table';

type HarnessModule = typeof import('../harness/code-server.mjs');

/** Paint rounds; each shows ours and the preview once, in alternating order. */
const ROUNDS = Number(process.env.BIOPASSID_BENCH_PAINT_ROUNDS ?? 8);
/** The side of the bench's JPEG: seeded noise at quality 95 makes it about 10 MB. */
const SIDE = 2100;

function loadHarness(): Promise<HarnessModule> {
  return import(pathToFileURL(join(REPO_ROOT, 'test/harness/code-server.mjs')).href) as Promise<HarnessModule>;
}

function tenMegabyteJpeg(): Buffer {
  const random = seededRandom('panel-paint-bench');
  const rgba = new Uint8Array(SIDE * SIDE * 4);
  for (let index = 0; index < rgba.length; index++) rgba[index] = index % 4 === 3 ? 255 : Math.floor(random() * 256);
  return encodeJpeg(SIDE, SIDE, rgba, 95);
}

/**
 * Runs in a webview's content frame: once it holds the bench's image (its natural width known),
 * the time the image has been decoded and the next frame painted; null while it holds none.
 * The same check reads our panel and VS Code's image preview.
 */
const PAINTED = `(width) => {
  const image = Array.from(document.images).find((candidate) => candidate.naturalWidth === width);
  if (!image) return null;
  return image.decode().then(() => new Promise((resolve) => requestAnimationFrame(() => resolve(Date.now()))));
}`;

const POLL_MS = Number(process.env.BIOPASSID_BENCH_PAINT_POLL_MS ?? 10);

/** The first time any frame of the page reports the bench's image painted (polled every POLL_MS). */
async function paintedAt(page: Page, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set<Frame>();
  let found: number | undefined;
  while (found === undefined) {
    if (Date.now() > deadline) throw new Error('no webview painted the image in time');
    for (const frame of page.frames()) {
      if (frame === page.mainFrame() || pending.has(frame)) continue;
      pending.add(frame);
      frame
        .evaluate(`(${PAINTED})(${SIDE})`)
        .then(
          (time) => {
            if (typeof time === 'number' && found === undefined) found = time;
          },
          () => undefined,
        )
        .finally(() => pending.delete(frame));
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return found;
}

/** Proportional set size of the browser's processes (Chromium: browser, renderers, GPU, utility). */
function browserMemoryMB(): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let kB = 0;
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      try {
        const comm = readFileSync(`/proc/${child}/comm`, 'utf8');
        if (/chrom/i.test(comm)) {
          const rollup = readFileSync(`/proc/${child}/smaps_rollup`, 'utf8');
          kB += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
        }
      } catch {
        // the process ended meanwhile
      }
      visit(child);
    }
  };
  visit(process.pid);
  return kB / 1024;
}

interface Memory {
  host: HostMemory;
  rendererHeapMB: number;
  browserMB: number;
}

/**
 * In the real workbench (code-server, latest build, headless Chromium): from the answer received
 * to our result panel painted with a 10 MB JPEG, against VS Code's own image preview opening the
 * same file, in alternating order; then the memory of 20 open panels of that answer (extension
 * host, the workbench renderer's JS heap, every Chromium process) against 20 image previews.
 */
export async function panelPaint(): Promise<void> {
  const harness = await loadHarness();
  const scratch = harness.makeScratchDir('bpid-bench-paint-');
  const folder = join(scratch, 'workspace');
  const copies = join(scratch, 'copies');
  for (const dir of [folder, copies]) mkdirSync(dir, { recursive: true });
  const jpeg = tenMegabyteJpeg();
  const image = join(folder, 'bench-10mb.jpg');
  writeFileSync(image, jpeg);
  for (let index = 0; index < 20; index++) writeFileSync(join(copies, `${index}.jpg`), jpeg);
  let port: ((value: number) => void) | undefined;
  const listening = new Promise<number>((resolve) => {
    port = resolve;
  });
  const server = await harness.startCodeServer({
    build: 'latest',
    userDataDir: join(scratch, 'user-data'),
    extensionsDir: join(scratch, 'extensions'),
    runsExtensionTests: true,
    env: { BIOPASSID_BENCH_IMAGE: image, BIOPASSID_BENCH_COPIES: copies },
  });
  const browser = await harness.launchBrowser();
  try {
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
      ['extensionTestsPath', server.remoteUri(join(REPO_ROOT, 'out/test/bench/panelPaint/inHost'))],
    ];
    const host: string[] = [];
    const { page, exitCode } = await harness.openTestWorkbench(browser, server.url(folder, payload), {
      onLog: (line) => {
        host.push(line);
        const match = /BIOPASSID_BENCH_PORT (\d+)/.exec(line);
        if (match) port?.(Number(match[1]));
      },
    });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`the bench runner never listened:\n${host.join('\n')}`)), 120_000).unref(),
    );
    const base = `http://127.0.0.1:${await Promise.race([listening, timeout])}`;
    const ask = async <T>(action: string): Promise<{ issued: number; value: T }> => {
      const response = await fetch(`${base}/${action}`, { method: 'POST' });
      const body = (await response.json()) as { issued: number; value: T; error?: string };
      if (!response.ok) throw new Error(`${action}: ${body.error}`);
      return body;
    };
    const frames = page.frames().length;
    const settle = async () => {
      await ask('close');
      const deadline = Date.now() + 10_000;
      while (page.frames().length > frames && Date.now() < deadline) await page.waitForTimeout(50);
      await page.waitForTimeout(300);
    };
    const paint = async (action: string) => {
      const painted = paintedAt(page);
      const { issued } = await ask(action);
      const ms = (await painted) - issued;
      if (process.env.BIOPASSID_BENCH_DEBUG) console.error(`${action}: ${ms} ms`);
      await settle();
      return ms;
    };

    const samples: Record<string, number[]> = { ours: [], preview: [] };
    await paint('ours');
    await paint('preview');
    for (let round = 0; round < ROUNDS; round++) {
      for (const action of round % 2 === 0 ? ['ours', 'preview'] : ['preview', 'ours']) {
        samples[action]?.push(await paint(action));
      }
    }
    const ours = median(samples.ours ?? []);
    const preview = median(samples.preview ?? []);
    row(
      `panel painted with a ${(jpeg.length / MB).toFixed(1)} MB JPEG, answer -> paint (median of ${ROUNDS})`,
      ours,
      preview,
      'ms',
      'ratio <= 1.0',
      ours / preview <= 1.0,
    );

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const measure = async (): Promise<Memory> => {
      await page.waitForTimeout(2_000);
      const hostMemory = (await ask<HostMemory>('memory')).value;
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
      return { host: hostMemory, rendererHeapMB: heap / MB, browserMB: browserMemoryMB() };
    };
    const twenty = async (action: string) => {
      const before = await measure();
      const painted = paintedAt(page);
      await ask(action);
      await painted;
      const open = await measure();
      await settle();
      const closed = await measure();
      return { before, open, closed };
    };
    const ourTwenty = await twenty('ours-20');
    const previewTwenty = await twenty('preview-20');
    const grown = (figure: (memory: Memory) => number, phase: 'open' | 'closed') => [
      figure(ourTwenty[phase]) - figure(ourTwenty.before),
      figure(previewTwenty[phase]) - figure(previewTwenty.before),
    ];
    const memoryRows: [string, (memory: Memory) => number][] = [
      ['extension host RSS', (memory) => memory.host.rssMB],
      ['extension host heap + external', (memory) => memory.host.heapMB + memory.host.externalMB],
      ['workbench renderer JS heap', (memory) => memory.rendererHeapMB],
      ['Chromium processes (PSS)', (memory) => memory.browserMB],
    ];
    for (const [label, figure] of memoryRows) {
      const [oursOpen, previewOpen] = grown(figure, 'open');
      const [oursClosed, previewClosed] = grown(figure, 'closed');
      row(`  20 open panels vs none: ${label}`, oursOpen ?? 0, previewOpen, 'MB', 'reference');
      row(`    after closing them (${label})`, oursClosed ?? 0, previewClosed, 'MB', 'reference');
    }
    await fetch(`${base}/finish`, { method: 'POST' });
    const code = await Promise.race([exitCode, new Promise<number>((resolve) => setTimeout(() => resolve(0), 10_000))]);
    if (code !== 0) throw new Error(`the bench runner failed:\n${host.join('\n')}`);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
