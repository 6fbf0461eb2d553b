import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

/** What one extension host measured for one extension. */
export interface ActivationSample {
  id: string;
  /** Loading the bundle and running activate(), as `Extension.activate()` resolves it. */
  ms: number;
  /** JS heap growth across that activation (reference; the host shares its heap). */
  heapMB: number;
}

/**
 * With BIOPASSID_BENCH_PROFILE set to a folder, each activation is also recorded as a CPU profile
 * (`<id>.cpuprofile`, open it in Chrome DevTools) to see where the time goes.
 */
async function startProfile(): Promise<{ stop(id: string): Promise<void> } | undefined> {
  const dir = process.env.BIOPASSID_BENCH_PROFILE;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return {
    async stop(id) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(dir, `${id}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the host is quiet: built-in extensions (git, TypeScript, JSON…) activate at
 * startup, and a profile taken during that showed their work (a git spawn, TypeScript's module
 * load) inside the measured window, on either extension. Quiet means no extension became active
 * and timers ran on time (under 5 ms late) for a whole second; at most 20 s.
 */
async function untilQuiet(): Promise<void> {
  const activeCount = () => vscode.extensions.all.filter((extension) => extension.isActive).length;
  const deadline = performance.now() + 20_000;
  let quietSince = performance.now();
  let active = activeCount();
  while (performance.now() < deadline) {
    const before = performance.now();
    await sleep(100);
    const late = performance.now() - before - 100;
    const now = activeCount();
    if (late > 5 || now !== active) quietSince = performance.now();
    active = now;
    if (performance.now() - quietSince >= 1000) return;
  }
}

/**
 * Runs inside the extension host as the extensionTestsPath: activates the extensions named in
 * BIOPASSID_BENCH_ORDER (comma-separated ids, none active yet) one after the other and writes
 * what each cost to BIOPASSID_BENCH_OUT.
 */
export async function run(): Promise<void> {
  const order = (process.env.BIOPASSID_BENCH_ORDER ?? '').split(',').filter(Boolean);
  const out = process.env.BIOPASSID_BENCH_OUT;
  if (order.length === 0 || !out) throw new Error('BIOPASSID_BENCH_ORDER and BIOPASSID_BENCH_OUT are required');
  const samples: ActivationSample[] = [];
  for (const id of order) {
    await untilQuiet();
    const extension = vscode.extensions.getExtension(id);
    if (!extension) throw new Error(`${id} is not installed in this extension host`);
    if (extension.isActive) throw new Error(`${id} was already active; the measurement would be empty`);
    const profile = await startProfile();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    await extension.activate();
    const ms = performance.now() - start;
    await profile?.stop(id);
    samples.push({ id, ms, heapMB: (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024) });
  }
  writeFileSync(out, JSON.stringify(samples));
}
