import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { OPERATIONS, type OperationId } from '../core/contract/operations';
import { type EnvironmentId, resolveBaseUrl } from '../core/environments';
import { type Client, createClient, type Sleep } from '../core/http';
import { KEY_ENVIRONMENT_VARIABLE } from '../services/subscriptionKeyStore';
import { promptForKey } from '../ui/keyPrompt';

/** Where a request goes and with which key, resolved just before sending. */
export interface Target {
  environment: EnvironmentId;
  baseUrl: string;
  client: Client;
  /** `homologation (https://hml-api.biopassid.com)`, for logs and messages. */
  describe: string;
  /** Another client for the same target whose 429 waits go through `sleep` (a bulk run's shared pause). */
  connect(sleep: Sleep): Client;
}

/** What askForKey answers when the user picks the local sandbox instead of a key. */
const USE_SANDBOX = Symbol('use the local sandbox');

/**
 * Resolves the target of the next request(s), asking what must be asked: a key when none is
 * stored (or the local sandbox instead), and, for a call that writes or deletes personal data on
 * production, a modal confirmation naming the environment and the CustomIDs. Undefined means
 * the user cancelled or nothing may be sent; the reason has been shown.
 */
export async function resolveTarget(
  services: ExtensionServices,
  operation: OperationId,
  customIds: readonly string[] = [],
): Promise<Target | undefined> {
  const { config, ui, keys, sandbox, redactor } = services;
  if (!services.workspace.isTrusted()) {
    const MANAGE_TRUST = vscode.l10n.t('Manage Workspace Trust');
    const message = vscode.l10n.t(
      'Nothing was sent: this workspace is not trusted (Restricted Mode), and BioPass ID sends no request from an untrusted workspace. To send, trust the folder: Manage Workspace Trust, or the command "Workspaces: Manage Workspace Trust".',
    );
    void ui.showWarningMessage(message, MANAGE_TRUST).then((choice) => {
      if (choice === MANAGE_TRUST) void services.workspace.executeCommand('workbench.trust.manage');
    });
    return undefined;
  }
  const environment = config.environment;
  let baseUrl: string;
  let key: string;
  if (environment === 'sandbox') {
    const running = await sandbox.start();
    baseUrl = running.url;
    key = running.key;
  } else {
    const resolved = resolveBaseUrl(environment, config.customBaseUrl);
    if (!resolved.ok) {
      void ui.showErrorMessage(resolved.reason);
      return undefined;
    }
    baseUrl = resolved.baseUrl;
    const stored = (await keys.get(environment))?.key ?? (await askForKey(services, environment));
    if (stored === undefined) return undefined;
    if (stored === USE_SANDBOX) {
      await config.setEnvironment('sandbox');
      return resolveTarget(services, operation, customIds);
    }
    key = stored;
  }
  redactor.remember(key);

  const personalData = OPERATIONS[operation].personalData;
  if (environment === 'production' && personalData !== 'none') {
    const title = OPERATIONS[operation].title;
    const who = customIds.length > 0 ? customIds.map((id) => `"${id}"`).join(', ') : vscode.l10n.t('this person');
    const answer = await ui.confirm(
      vscode.l10n.t('{0} {1} on PRODUCTION?', title, who),
      personalData === 'deletes'
        ? vscode.l10n.t('This will delete real biometric records in the production environment ({0}).', baseUrl)
        : operation === 'update'
          ? vscode.l10n.t('This will update real biometric records in the production environment ({0}).', baseUrl)
          : vscode.l10n.t('This will enroll real biometric records in the production environment ({0}).', baseUrl),
      title,
    );
    if (answer !== title) return undefined;
  }
  const connect = (sleep?: Sleep) =>
    createClient({
      // VS Code's global fetch: it follows the proxy and certificate settings of the editor.
      fetch: (url, init) => fetch(url, init),
      baseUrl,
      key,
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      ...(sleep === undefined ? {} : { sleep }),
    });
  return { environment, baseUrl, describe: `${environment} (${baseUrl})`, client: connect(), connect };
}

/** No key for this environment: set one now, or switch to the local sandbox. */
async function askForKey(
  services: ExtensionServices,
  environment: EnvironmentId,
): Promise<string | typeof USE_SANDBOX | undefined> {
  const SET_KEY = vscode.l10n.t('Set API Key');
  const choice = await services.ui.showWarningMessage(
    vscode.l10n.t(
      'No BioPass ID subscription key is set for {0} (and {1} is not set).',
      environment,
      KEY_ENVIRONMENT_VARIABLE,
    ),
    SET_KEY,
    vscode.l10n.t('Use Local Sandbox'),
  );
  if (choice === SET_KEY) return promptForKey(services, environment);
  if (choice === vscode.l10n.t('Use Local Sandbox')) return USE_SANDBOX;
  return undefined;
}
