import vscode = require('vscode');

import type { EnvironmentId } from '../core/environments';
import { maskSecret, type Redactor } from '../core/redact';

/** Read by the extension when no key is stored: Codespaces, containers, Linux without a keyring. */
export const KEY_ENVIRONMENT_VARIABLE = 'BIOPASSID_API_KEY';

export type KeySource = 'secret-storage' | 'environment-variable';

export interface StoredKey {
  key: string;
  source: KeySource;
}

/**
 * Subscription keys, one per environment, in VS Code's SecretStorage (the OS keychain on
 * desktop). Never in settings or files. Secrets are shared by every window: onDidChange fires
 * when another window sets or clears a key. Every key it reads or stores is handed to the
 * Redactor, so the output sinks mask it from then on, wherever it turns up (a base URL's path…).
 */
export class SubscriptionKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly redactor: Redactor,
    private readonly environmentVariables: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key.startsWith('biopassid.subscriptionKey.')) this.changed.fire();
    });
  }

  private secretName(environment: EnvironmentId): string {
    return `biopassid.subscriptionKey.${environment}`;
  }

  async get(environment: EnvironmentId): Promise<StoredKey | undefined> {
    const stored = (await this.secrets.get(this.secretName(environment)))?.trim();
    const found: StoredKey | undefined = stored ? { key: stored, source: 'secret-storage' } : this.fromEnvironment();
    if (found) this.redactor.remember(found.key);
    return found;
  }

  private fromEnvironment(): StoredKey | undefined {
    const key = this.environmentVariables[KEY_ENVIRONMENT_VARIABLE]?.trim();
    return key ? { key, source: 'environment-variable' } : undefined;
  }

  async set(environment: EnvironmentId, key: string): Promise<void> {
    const trimmed = key.trim();
    if (!trimmed) throw new Error(vscode.l10n.t('A subscription key cannot be empty.'));
    this.redactor.remember(trimmed);
    await this.secrets.store(this.secretName(environment), trimmed);
    this.changed.fire();
  }

  async clear(environment: EnvironmentId): Promise<void> {
    await this.secrets.delete(this.secretName(environment));
    this.changed.fire();
  }

  /** `••••abcd`, `••••abcd (from BIOPASSID_API_KEY)` or `not set`: never the key itself. */
  static describe(stored: StoredKey | undefined): string {
    if (!stored) return vscode.l10n.t('not set');
    const masked = maskSecret(stored.key);
    return stored.source === 'environment-variable'
      ? vscode.l10n.t('{0} (from {1})', masked, KEY_ENVIRONMENT_VARIABLE)
      : masked;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
