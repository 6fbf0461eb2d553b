import { l10n } from '../l10n';
/** One piece of body curl would send: text written on the command line, or `@file` read by curl. */
export type DataPart = { kind: 'text'; text: string } | { kind: 'file'; path: string };

export interface CurlRequest {
  /** The method curl would use: `-X` if given, else POST with data, else GET. */
  method: string;
  url: string;
  headers: [name: string, value: string][];
  data: DataPart[];
  /** Options read and without effect on the request file (`--location`, `--silent`, …). */
  ignored: string[];
}

export type OptionsResult = { ok: true; request: CurlRequest } | { ok: false; message: string };

const DATA_OPTIONS = new Set(['--data', '-d', '--data-raw', '--data-binary', '--data-ascii']);
/** Options with no value that change nothing a request file holds. */
const FLAGS = new Set([
  '--location',
  '-L',
  '--silent',
  '-s',
  '--show-error',
  '-S',
  '--insecure',
  '-k',
  '--include',
  '-i',
  '--verbose',
  '-v',
  '--compressed',
  '--globoff',
  '-g',
  '--fail',
  '-f',
  '--http1.1',
  '--http2',
]);
/** Options with a value that change nothing a request file holds. */
const VALUED = new Set([
  '--write-out',
  '-w',
  '--output',
  '-o',
  '--max-time',
  '-m',
  '--connect-timeout',
  '--user-agent',
  '-A',
]);
const SHORT_WITH_VALUE = new Set(['X', 'H', 'd', 'w', 'o', 'm', 'A']);

/** `-sSL` is `-s -S -L`; `-XPOST` is `-X POST`; `--data=x` is `--data x`. */
function expand(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (/^--[a-z0-9.-]+=/.test(word)) {
      const eq = word.indexOf('=');
      out.push(word.slice(0, eq), word.slice(eq + 1));
    } else if (/^-[a-zA-Z]{2,}/.test(word)) {
      for (let i = 1; i < word.length; i++) {
        out.push(`-${word[i]}`);
        if (SHORT_WITH_VALUE.has(word[i] as string)) {
          if (i + 1 < word.length) out.push(word.slice(i + 1));
          break;
        }
      }
    } else {
      out.push(word);
    }
  }
  return out;
}

/**
 * The request a curl command line describes, for the options that the vendor's documentation,
 * Postman and the browsers' "Copy as cURL" write. Any other option is refused by name rather
 * than guessed at.
 */
export function readCurlOptions(words: string[]): OptionsResult {
  const args = expand(words);
  let method: string | undefined;
  const urls: string[] = [];
  const headers: [string, string][] = [];
  const data: DataPart[] = [];
  const ignored: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = () => {
      const next = args[i + 1];
      if (next === undefined) throw new MissingValue(arg);
      i++;
      return next;
    };
    try {
      if (arg === '--request' || arg === '-X') {
        method = value().toUpperCase();
      } else if (arg === '--header' || arg === '-H') {
        const header = value();
        const colon = header.indexOf(':');
        if (colon <= 0)
          return {
            ok: false,
            message: l10n.t('A --header of the command has no "Name: value" form (header {0}).', headers.length + 1),
          };
        headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
      } else if (DATA_OPTIONS.has(arg)) {
        const text = value();
        // --data-raw never reads a file: its @ is a character.
        data.push(
          arg !== '--data-raw' && text.startsWith('@') ? { kind: 'file', path: text.slice(1) } : { kind: 'text', text },
        );
      } else if (arg === '--json') {
        const text = value();
        data.push(text.startsWith('@') ? { kind: 'file', path: text.slice(1) } : { kind: 'text', text });
        headers.push(['Content-Type', 'application/json']);
      } else if (arg === '--url') {
        urls.push(value());
      } else if (FLAGS.has(arg)) {
        ignored.push(arg);
      } else if (VALUED.has(arg)) {
        value();
        ignored.push(arg);
      } else if (arg.startsWith('-') && arg !== '-') {
        return {
          ok: false,
          message: l10n.t('The curl option {0} is not one a request file can hold; remove it and paste again.', arg),
        };
      } else {
        urls.push(arg);
      }
    } catch (error) {
      if (error instanceof MissingValue)
        return { ok: false, message: l10n.t('The curl option {0} needs a value.', error.option) };
      throw error;
    }
  }
  if (urls.length === 0) return { ok: false, message: l10n.t('The curl command has no URL.') };
  if (urls.length > 1)
    return {
      ok: false,
      message: l10n.t('The curl command has {0} URLs; a request file holds one request.', urls.length),
    };
  return {
    ok: true,
    request: { method: method ?? (data.length > 0 ? 'POST' : 'GET'), url: urls[0] as string, headers, data, ignored },
  };
}

class MissingValue extends Error {
  constructor(readonly option: string) {
    super(option);
  }
}
