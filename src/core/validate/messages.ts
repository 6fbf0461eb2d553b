import { KNOWN_400_TEXTS } from '../contract/choices';
import { l10n } from '../l10n';

/** How the API answers a body it cannot read or that breaks the contract (confirmed); its text is the API's own. */
export function apiRefuses(): string {
  return l10n.t('The API answers 400 "{0}".', KNOWN_400_TEXTS.invalidJson);
}

/** Joins names as `A, B or C` (`conjunction` already in the reader's language; `or` by default). */
export function oneOf(names: readonly string[], conjunction = l10n.t('or')): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

export function quotedList(names: readonly string[], conjunction?: string): string {
  return oneOf(
    names.map((name) => `"${name}"`),
    conjunction,
  );
}
