import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { l10n } from '../core/l10n';
import { type CliIo, UsageError } from './io';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} satisfies OptionSpec;

export const CONNECTION_OPTIONS = {
  env: { type: 'string' },
  'base-url': { type: 'string' },
  timeout: { type: 'string' },
  'max-response-mb': { type: 'string' },
} satisfies OptionSpec;

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Strict parsing: an unknown flag or a missing value is a usage error (exit 2), never ignored. */
export function parse(argv: string[], options: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(error),
    );
  }
}

export function stringOption(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function positiveNumberOption(parsed: Parsed, name: string): number | undefined {
  const text = stringOption(parsed, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(l10n.t('--{0} needs a positive number, not "{1}"', name, text));
  return value;
}

/** `--root DIR`: the folder a request file's `$file` references must stay inside. */
export const ROOT_OPTION = { root: { type: 'string' } } satisfies OptionSpec;

/**
 * The folder `$file` references must resolve inside (symlinks followed), as the editor keeps them
 * inside the workspace folder: `--root DIR`, else the working directory.
 */
export async function rootFrom(parsed: Parsed, io: Pick<CliIo, 'cwd'>): Promise<string> {
  const given = stringOption(parsed, 'root');
  const root = resolve(io.cwd, given ?? '.');
  const stats = await stat(root).catch(() => undefined);
  if (!stats?.isDirectory())
    throw new UsageError(l10n.t('--root must be an existing folder, not "{0}"', given ?? root));
  return root;
}
