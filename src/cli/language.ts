import ptBr from '../../l10n/bundle.l10n.pt-br.json';
import { type Bundle, type CliLanguage, l10n, pickLanguage, useBundle } from '../core/l10n';
import { UsageError } from './io';

/** The bundle of each language; English is the messages themselves. Inlined in dist/cli.js by esbuild. */
const BUNDLES: Record<CliLanguage, Bundle | undefined> = { en: undefined, 'pt-br': ptBr };

export interface LanguageArgs {
  /** The arguments without `--lang`, for the command to parse. */
  argv: string[];
  /** The value of `--lang`, when given. */
  flag?: string;
}

/**
 * Takes the global `--lang TAG` (or `--lang=TAG`) out of the arguments, wherever it stands before
 * a `--`: every command accepts it, and no command's own parser needs to know it.
 */
export function takeLangOption(argv: readonly string[]): LanguageArgs {
  const rest: string[] = [];
  let flag: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--') {
      rest.push(...argv.slice(index));
      break;
    }
    if (arg.startsWith('--lang=')) {
      flag = arg.slice('--lang='.length);
    } else if (arg === '--lang') {
      const value = argv[index + 1];
      // A missing value is '' (refused by useCliLanguage), so the next option is not taken as one.
      if (value === undefined || value.startsWith('-')) flag = '';
      else {
        flag = value;
        index++;
      }
    } else {
      rest.push(arg);
    }
  }
  return flag === undefined ? { argv: rest } : { argv: rest, flag };
}

/**
 * Sets the language of everything the CLI prints from now on: `--lang`, else the locale
 * variables (see pickLanguage). Throws a UsageError, already in the environment's language, when
 * `--lang` names a language the CLI does not speak.
 */
export function useCliLanguage(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): void {
  const choice = pickLanguage(flag, env);
  useBundle(BUNDLES[choice.language]);
  if (!choice.ok) {
    throw new UsageError(
      choice.given === ''
        ? l10n.t('--lang needs a language: en or pt-br.')
        : l10n.t('--lang {0} is not a language this CLI speaks: use en or pt-br.', JSON.stringify(choice.given)),
    );
  }
}
