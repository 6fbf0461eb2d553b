import { l10n } from '../l10n';
import type { Sandbox } from './server';

/**
 * What the CLI prints when the sandbox starts. The key is shown in full on purpose: it is a
 * throwaway key that only this local process accepts, and the user has to copy it. The CLI
 * names (BIOPASSID_API_KEY, --base-url) are those of `biopassid --help`.
 */
export function formatSandboxBanner(sandbox: Pick<Sandbox, 'url' | 'key'>): string[] {
  return [
    l10n.t('BioPass ID sandbox listening on {0}', sandbox.url),
    l10n.t('Subscription key: {0}', sandbox.key),
    '',
    l10n.t('VS Code extension: in settings set'),
    '  "biopassid.environment": "custom",',
    `  "biopassid.customBaseUrl": "${sandbox.url}"`,
    `  ${l10n.t('and store the key above as the subscription key.')}`,
    'CLI:',
    `  BIOPASSID_API_KEY=${shellWord(sandbox.key)} biopassid <command> --base-url ${sandbox.url}`,
    l10n.t('Any HTTP client: send the header'),
    `  Ocp-Apim-Subscription-Key: ${sandbox.key}`,
    '',
    l10n.t('Persons and the request log live in memory only: they are gone when the sandbox stops (Ctrl-C).'),
  ];
}

/** Quotes a key for a POSIX shell only when it needs it, so the usual generated key stays copyable as is. */
function shellWord(text: string): string {
  return /^[\w.:/@+-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
