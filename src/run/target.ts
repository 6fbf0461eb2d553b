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

const SET_KEY = 'Set API Key';
const USE_SANDBOX = 'Use Local Sandbox';
const MANAGE_TRUST = 'Manage Workspace Trust';
const UNTRUSTED_MESSAGE =
  'Nothing was sent: this workspace is not trusted (Restricted Mode), and BioPass ID sends no request from an untrusted workspace. To send, trust the folder: Manage Workspace Trust, or the command "Workspaces: Manage Workspace Trust".';

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
    void ui.showWarningMessage(UNTRUSTED_MESSAGE, MANAGE_TRUST).then((choice) => {
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
    const verb = personalData === 'deletes' ? 'delete' : OPERATIONS[operation].title.toLowerCase();
    const who = customIds.length > 0 ? customIds.map((id) => `"${id}"`).join(', ') : 'this person';
    const answer = await ui.confirm(
      `${OPERATIONS[operation].title} ${who} on PRODUCTION?`,
      `This will ${verb} real biometric records in the production environment (${baseUrl}).`,
      OPERATIONS[operation].title,
    );
    if (answer !== OPERATIONS[operation].title) return undefined;
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
async function askForKey(services: ExtensionServices, environment: EnvironmentId): Promise<string | undefined> {
  const choice = await services.ui.showWarningMessage(
    `No BioPass ID subscription key is set for ${environment} (and ${KEY_ENVIRONMENT_VARIABLE} is not set).`,
    SET_KEY,
    USE_SANDBOX,
  );
  if (choice === SET_KEY) return promptForKey(services, environment);
  if (choice === USE_SANDBOX) return USE_SANDBOX;
  return undefined;
}
