import { floorToBytes, oursToBytes } from './sendPathWork';

/**
 * Runs one send-path pipeline once in a fresh process and prints its peak resident set in KB
 * (`idle` prints the peak of a process that only loaded this file, to subtract).
 *   node sendPathWorker.js ours|floor|idle <image path>
 */
async function main(): Promise<void> {
  const [mode, path] = process.argv.slice(2);
  if (mode === 'ours' && path) await oursToBytes(path);
  else if (mode === 'floor' && path) await floorToBytes(path);
  else if (mode !== 'idle') throw new Error('usage: sendPathWorker.js ours|floor|idle <image path>');
  process.stdout.write(String(process.resourceUsage().maxRSS));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
