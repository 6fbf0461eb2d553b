import type { OperationId } from '../contract/operations';
import { l10n } from '../l10n';
import type { HistoryRecord } from '../results/fromHistory';

/** One row of a sidebar view, as a pure description the extension's tree items are made from. */
export interface SidebarItem {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon name. */
  icon: string;
  /** The tree item's contextValue: which inline and context actions it has. */
  contextValue?: string;
  /** The command a click runs, with its arguments. */
  command?: { id: string; title: string; arguments: unknown[] };
  children?: SidebarItem[];
}

export interface EnvironmentState {
  environment: string;
  /** `https://hml-api.biopassid.com`… */
  baseUrl?: string;
  /** `••••abcd`, `from env`, `not set`, or undefined for the sandbox (it needs none). */
  keyState?: string;
  sandboxUrl?: string;
}

/** The Environment view: the current environment, its key, the sandbox, each with its action. */
export function environmentItems(state: EnvironmentState): SidebarItem[] {
  const keyNeeded = state.environment !== 'sandbox';
  const keyMissing = (state.keyState ?? 'not set') === 'not set';
  const keyText = !keyNeeded ? l10n.t('none needed') : keyMissing ? l10n.t('not set') : (state.keyState as string);
  return [
    {
      id: 'environment',
      label: l10n.t('Environment: {0}', state.environment),
      ...(state.baseUrl ? { description: state.baseUrl } : {}),
      tooltip: l10n.t('Select the environment requests go to'),
      icon: 'globe',
      command: { id: 'biopassid.selectEnvironment', title: l10n.t('Select Environment…'), arguments: [] },
    },
    {
      id: 'key',
      label: l10n.t('Key: {0}', keyText),
      tooltip: keyNeeded
        ? l10n.t('Set the subscription key of this environment')
        : l10n.t('The local sandbox needs no key'),
      icon: keyNeeded && keyMissing ? 'warning' : 'key',
      ...(keyNeeded ? { command: { id: 'biopassid.setApiKey', title: l10n.t('Set API Key…'), arguments: [] } } : {}),
    },
    state.sandboxUrl
      ? {
          id: 'sandbox',
          label: l10n.t('Sandbox: running'),
          description: state.sandboxUrl,
          tooltip: l10n.t('Stop the local sandbox'),
          icon: 'vm-running',
          contextValue: 'sandboxRunning',
          command: { id: 'biopassid.stopSandbox', title: l10n.t('Stop Local Sandbox'), arguments: [] },
        }
      : {
          id: 'sandbox',
          label: l10n.t('Sandbox: stopped'),
          tooltip: l10n.t('Start the local sandbox (offline, no key)'),
          icon: 'vm-outline',
          contextValue: 'sandboxStopped',
          command: { id: 'biopassid.startSandbox', title: l10n.t('Start Local Sandbox'), arguments: [] },
        },
  ];
}

export interface PersonState {
  customId: string;
  environment: string;
  bioPassId?: string;
  lastOperation: OperationId;
  time: string;
  deleted: boolean;
}

const STORES = new Set<OperationId>(['enroll', 'update', 'delete']);

/**
 * The persons enrolled or updated through this tool, per environment, from history metadata
 * (the API has no list call): the latest successful enroll, update or delete of each CustomID
 * decides; a delete marks the person deleted rather than hiding them.
 */
export function personsFromHistory(records: readonly HistoryRecord[]): PersonState[] {
  const persons = new Map<string, PersonState>();
  // Newest first: the first record seen for a CustomID is its latest state.
  for (const record of records) {
    if (!STORES.has(record.operation) || record.outcome !== 'success' || !record.customId) continue;
    const key = `${record.environment}\u0000${record.customId}`;
    const known = persons.get(key);
    if (known) {
      if (!known.bioPassId && record.bioPassId) known.bioPassId = record.bioPassId;
      continue;
    }
    persons.set(key, {
      customId: record.customId,
      environment: record.environment,
      ...(record.bioPassId ? { bioPassId: record.bioPassId } : {}),
      lastOperation: record.operation,
      time: record.time,
      deleted: record.operation === 'delete',
    });
  }
  return [...persons.values()];
}

/** The Persons view: one folder per environment, its persons inside, deleted ones marked. */
export function personItems(persons: readonly PersonState[]): SidebarItem[] {
  const environments = [...new Set(persons.map((person) => person.environment))].sort();
  return environments.map((environment) => ({
    id: `env:${environment}`,
    label: environment,
    icon: 'server-environment',
    children: persons
      .filter((person) => person.environment === environment)
      .sort((a, b) => a.customId.localeCompare(b.customId))
      .map((person) => ({
        id: `person:${environment}:${person.customId}`,
        label: person.customId,
        description: person.deleted
          ? l10n.t('deleted')
          : person.bioPassId
            ? `BioPassID ${person.bioPassId}`
            : person.lastOperation,
        tooltip: person.deleted
          ? l10n.t('{0}: deleted in {1} at {2}', person.customId, environment, person.time)
          : person.lastOperation === 'enroll'
            ? l10n.t('{0}: enrolled in {1} at {2}', person.customId, environment, person.time)
            : l10n.t('{0}: updated in {1} at {2}', person.customId, environment, person.time),
        icon: person.deleted ? 'circle-slash' : 'person',
        contextValue: person.deleted ? 'personDeleted' : 'person',
      })),
  }));
}

/** Calls that change nothing on the service: re-sending them is always safe. */
const SAFE_TO_RESEND = new Set<OperationId>([
  'verify',
  'liveness',
  'face_detect',
  'check_icao',
  'icao_crop',
  'anonymizer',
  'check_nfiq',
  'match',
  'extract',
  'wsq_encode',
  'decode',
]);

export function isSafeToResend(operation: OperationId): boolean {
  return SAFE_TO_RESEND.has(operation);
}

/**
 * The History view, newest first: a click opens the result panel again from the metadata; an
 * entry whose request changes nothing on the service has Send Again, which re-reads its image or
 * request file, or says why it cannot (src/commands/resendHistory.ts).
 */
export function historyItems(records: readonly HistoryRecord[]): SidebarItem[] {
  return [...records]
    .sort((a, b) => b.time.localeCompare(a.time))
    .map((record) => ({
      id: `history:${record.id}`,
      label: record.verdict,
      description: `${record.environment} · ${record.time.slice(11, 19)}`,
      tooltip: `${record.operation}${record.customId ? ` · ${record.customId}` : ''}${record.source ? ` · ${record.source}` : ''} · HTTP ${record.status ?? '-'} · ${record.outcome} · ${record.latencyMs} ms`,
      icon: record.outcome === 'success' ? 'pass' : 'error',
      contextValue: isSafeToResend(record.operation) ? 'historyResendable' : 'history',
      command: { id: 'biopassid.openHistoryResult', title: l10n.t('Open Result'), arguments: [record.id] },
    }));
}
