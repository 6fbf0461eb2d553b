import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ESTIMATED_CALL_SECONDS } from '../../core/contract/choices';
import { detectImageKind } from '../../core/images/kind';
import { l10n } from '../../core/l10n';
import type { Parsed } from '../args';
import { positiveNumberOption } from '../args';
import type { Connection } from '../connection';
import type { CliIo } from '../io';

/** A local sandbox answers in milliseconds; anything else is estimated as the remote service. */
export function perCallSeconds(connection: Connection): number {
  const host = new URL(connection.baseUrl).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]'
    ? ESTIMATED_CALL_SECONDS.local
    : ESTIMATED_CALL_SECONDS.remote;
}

export function formatDuration(seconds: number): string {
  if (seconds < 1) return l10n.t('under a second');
  if (seconds < 90) return l10n.t('about {0} s', Math.round(seconds));
  if (seconds < 5400) return l10n.t('about {0} min', Math.round(seconds / 60));
  return l10n.t('about {0} h', (seconds / 3600).toFixed(1));
}

export function concurrencyFrom(parsed: Parsed): number {
  const value = positiveNumberOption(parsed, 'concurrency') ?? 4;
  return Math.min(16, Math.max(1, Math.floor(value)));
}

/**
 * Ctrl-C aborts the run: no new calls are sent and the journal is flushed, so the same command
 * resumes. `dispose` removes the handler once the run is over (Ctrl-C then ends the process).
 */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  return { signal: controller.signal, dispose: () => process.removeListener('SIGINT', abort) };
}

/** Thumbnails (data: URIs) of the named images, read from disk only when asked for. */
export async function thumbnailsOf(names: Iterable<string>, pathOf: (name: string) => string | undefined) {
  const thumbnails = new Map<string, string>();
  for (const name of names) {
    const path = pathOf(name);
    if (path === undefined || thumbnails.has(name)) continue;
    const bytes = await readFile(path).catch(() => undefined);
    const kind = bytes && detectImageKind(bytes);
    // Browsers show JPEG and PNG; TIFF and WSQ get no thumbnail.
    if (bytes && (kind === 'jpeg' || kind === 'png'))
      thumbnails.set(name, `data:image/${kind};base64,${bytes.toString('base64')}`);
  }
  return thumbnails;
}

export async function writeReport(io: CliIo, file: string, html: string): Promise<void> {
  await writeFile(resolve(io.cwd, file), html, 'utf8');
  io.stderr(`${l10n.t('Report written to {0}', file)}\n`);
}
