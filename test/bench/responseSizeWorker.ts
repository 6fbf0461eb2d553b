import { createClient } from '../../src/core/http';

/**
 * Reads one large answer once in a fresh process and prints its peak resident set in KB:
 *   node responseSizeWorker.js ours|text|idle <url>
 * `ours` sends a verify through the client with its default limit; `text` is the cap-less read,
 * `await response.text()` of the same answer; `idle` only loads this file.
 */
async function main(): Promise<void> {
  const [mode, url] = process.argv.slice(2);
  const body = { Person: { CustomID: 'bench', Face: [{ 'Face-1': 'AAAA' }] } };
  if (mode === 'ours' && url) {
    const outcome = await createClient({ fetch, baseUrl: url, key: 'bench-fake-key' }).send('verify', body);
    if (outcome.kind !== 'malformed-response') throw new Error(`expected too-large, got ${outcome.kind}`);
  } else if (mode === 'text' && url) {
    const response = await fetch(`${url}/multibiometrics/verify`, { method: 'POST', body: JSON.stringify(body) });
    const text = await response.text();
    if (text.length === 0) throw new Error('empty answer');
  } else if (mode !== 'idle') {
    throw new Error('usage: responseSizeWorker.js ours|text|idle <url>');
  }
  process.stdout.write(String(process.resourceUsage().maxRSS));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
