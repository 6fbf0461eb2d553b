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
