import * as l10n from '@vscode/l10n';

/**
 * The one owner of translated text outside VS Code's own API. Core and the CLI write every string
 * a person reads as `l10n.t('English text {0}', value)` (imported from here, so that
 * `@vscode/l10n-dev export` finds the call); the extension writes `vscode.l10n.t(…)`. Both read
 * the same bundle: the extension hands VS Code's (`vscode.l10n.bundle`) to `useBundle`, the CLI the
 * one its language names, so an error from core says the same thing, in the same language, in a
 * notification and on a terminal.
 *
 * A string built when a module loads would be translated before any bundle is set: build text in
 * functions, when it is shown.
 */
export { l10n };

/** A bundle as VS Code and `@vscode/l10n-dev` write it: English message (or `message/comment`) -> translation. */
export type Bundle = l10n.l10nJsonFormat;

/** Translates with `bundle` from now on; undefined (English, or no bundle for the language) keeps the English text. */
export function useBundle(bundle: Bundle | undefined): void {
  l10n.config({ contents: bundle ?? {} });
}

/** The languages the CLI speaks: English (the messages themselves) and those it has a bundle for. */
export const CLI_LANGUAGES = ['en', 'pt-br'] as const;
export type CliLanguage = (typeof CLI_LANGUAGES)[number];

/**
 * The CLI language a tag names: a BCP 47 tag (`pt-BR`, `en`) or a POSIX locale (`pt_BR.UTF-8`,
 * `en_US@euro`). `C` and `POSIX` are English; any Portuguese is pt-br, the one Portuguese bundle.
 * Undefined for an empty tag or a language without a bundle.
 */
export function languageOfTag(tag: string): CliLanguage | undefined {
  const name = tag
    .trim()
    .replace(/[.@].*$/, '')
    .replace(/_/g, '-')
    .toLowerCase();
  if (name === 'c' || name === 'posix') return 'en';
  const primary = name.split('-')[0];
  if (primary === 'en') return 'en';
  if (primary === 'pt') return 'pt-br';
  return undefined;
}

/** The locale variables in the order POSIX reads them for messages: the first one set decides. */
export const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

export type LanguageChoice =
  | { ok: true; language: CliLanguage }
  /** `--lang` named no language the CLI speaks; `language` is the environment's, to say so in. */
  | { ok: false; given: string; language: CliLanguage };

/**
 * The CLI's language: `--lang` when given, else the first of LC_ALL, LC_MESSAGES and LANG that is
 * set, as POSIX programs read them. A locale without a bundle (or unset, `C`, `POSIX`) is English;
 * only an unknown `--lang` is refused, since the user asked for it by name.
 */
export function pickLanguage(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): LanguageChoice {
  const locale = LOCALE_VARIABLES.map((name) => env[name]).find((value) => value !== undefined && value !== '');
  const fromEnv = (locale === undefined ? undefined : languageOfTag(locale)) ?? 'en';
  if (flag === undefined) return { ok: true, language: fromEnv };
  const named = languageOfTag(flag);
  return named === undefined ? { ok: false, given: flag, language: fromEnv } : { ok: true, language: named };
}
