import { KNOWN_400_TEXTS } from '../contract/choices';

/** How the API answers a body it cannot read or that breaks the contract (confirmed). */
export const API_REFUSES = `The API answers 400 "${KNOWN_400_TEXTS.invalidJson}".`;

/** Joins names as `A, B or C`. */
export function oneOf(names: readonly string[], conjunction = 'or'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

export function quotedList(names: readonly string[], conjunction = 'or'): string {
  return oneOf(
    names.map((name) => `"${name}"`),
    conjunction,
  );
}
