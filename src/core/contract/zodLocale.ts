import * as z from 'zod';
import { l10n } from '../l10n';

/**
 * The language of the bundle in use, as a BCP 47 tag, written by its translators ('en' with no
 * bundle): what zod's own messages (a value of the wrong type, an unknown key) follow.
 */
export function bundleLanguage(): string {
  return l10n.t({
    message: 'en',
    comment: ["The BCP 47 tag of this bundle's language (pt-BR for Brazilian Portuguese); zod's messages follow it."],
  });
}

/**
 * Parse options under which zod words the messages it writes itself in the bundle's language (its
 * pt-BR locale for pt-BR); undefined keeps zod's English. Messages of our own schemas come from
 * l10n.t already.
 */
export function zodParseOptions(): z.core.ParseContext<z.core.$ZodIssue> | undefined {
  if (bundleLanguage().toLowerCase() === 'pt-br') return { error: z.locales.ptBR().localeError };
  return undefined;
}
