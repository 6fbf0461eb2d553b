import type * as z from 'zod';
import { l10n } from '../l10n';
import { buildRequestSchemas, type RequestSchemas } from './requests';
import { buildResponseSchemas, type ResponseSchemas } from './responses';

let wire: RequestSchemas | undefined;
let authoring: RequestSchemas | undefined;

/** The request schemas as sent on the wire; built on first use, so loading the catalog stays cheap. */
export function wireRequests(): RequestSchemas {
  wire ??= buildRequestSchemas('wire');
  return wire;
}

/** The request schemas of request files, where any image may be a `$file` reference; built on first use. */
export function authoringRequests(): RequestSchemas {
  authoring ??= buildRequestSchemas('authoring');
  return authoring;
}

let responses: ResponseSchemas | undefined;

/** The response schemas; built on first use. */
export function responseSchemas(): ResponseSchemas {
  responses ??= buildResponseSchemas();
  return responses;
}

export type OperationId = keyof RequestSchemas;

/** The top-level key of a request body; operations sharing one are told apart when sending. */
export type Envelope = 'Person' | 'Match' | 'Extract' | 'Encode' | 'Decode' | 'Check' | 'Spoof';

export interface Operation {
  readonly id: OperationId;
  /** The name a person reads (`Enroll`), in their language. */
  readonly title: string;
  /** The same in English, for the files the build generates (schemas, snippets). */
  readonly englishTitle: string;
  readonly method: 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly envelope: Envelope;
  /** Whether the call writes or removes personal data: never re-sent after an ambiguous failure. */
  readonly personalData: 'stores' | 'deletes' | 'none';
  readonly request: z.ZodType;
  readonly authoringRequest: z.ZodType;
  readonly response: z.ZodType;
}

type OperationFacts = Omit<Operation, 'id' | 'englishTitle' | 'request' | 'authoringRequest' | 'response'>;

/** The titles, translated when they are read (never when the module loads). */
const TITLES: Record<OperationId, () => string> = {
  enroll: () => l10n.t('Enroll'),
  verify: () => l10n.t('Verify'),
  update: () => l10n.t('Update'),
  delete: () => l10n.t('Delete'),
  match: () => l10n.t('Match Templates'),
  extract: () => l10n.t('Extract Template'),
  wsq_encode: () => l10n.t('WSQ Encode'),
  decode: () => l10n.t('WSQ Decode'),
  face_detect: () => l10n.t('Detect Faces'),
  liveness: () => l10n.t('Check Liveness'),
  anonymizer: () => l10n.t('Anonymize Face'),
  check_icao: () => l10n.t('Check ICAO Quality'),
  icao_crop: () => l10n.t('Crop to ICAO'),
  check_nfiq: () => l10n.t('Check NFIQ Quality'),
};

const FACTS: Record<OperationId, OperationFacts> = {
  enroll: {
    title: 'Enroll',
    method: 'POST',
    path: '/multibiometrics/enroll',
    envelope: 'Person',
    personalData: 'stores',
  },
  verify: {
    title: 'Verify',
    method: 'POST',
    path: '/multibiometrics/verify',
    envelope: 'Person',
    personalData: 'none',
  },
  update: {
    title: 'Update',
    method: 'PUT',
    path: '/multibiometrics/update',
    envelope: 'Person',
    personalData: 'stores',
  },
  delete: {
    title: 'Delete',
    method: 'DELETE',
    path: '/multibiometrics/delete',
    envelope: 'Person',
    personalData: 'deletes',
  },
  match: {
    title: 'Match Templates',
    method: 'POST',
    path: '/multibiometrics/match',
    envelope: 'Match',
    personalData: 'none',
  },
  extract: {
    title: 'Extract Template',
    method: 'POST',
    path: '/multibiometrics/extract',
    envelope: 'Extract',
    personalData: 'none',
  },
  wsq_encode: {
    title: 'WSQ Encode',
    method: 'POST',
    path: '/multibiometrics/wsq_encode',
    envelope: 'Encode',
    personalData: 'none',
  },
  // The decode path is /decode, not /wsq_decode (from the vendor's SDK).
  decode: {
    title: 'WSQ Decode',
    method: 'POST',
    path: '/multibiometrics/decode',
    envelope: 'Decode',
    personalData: 'none',
  },
  face_detect: {
    title: 'Detect Faces',
    method: 'POST',
    path: '/multibiometrics/face_detect',
    envelope: 'Check',
    personalData: 'none',
  },
  liveness: {
    title: 'Check Liveness',
    method: 'POST',
    path: '/multibiometrics/liveness',
    envelope: 'Spoof',
    personalData: 'none',
  },
  anonymizer: {
    title: 'Anonymize Face',
    method: 'POST',
    path: '/multibiometrics/anonymizer',
    envelope: 'Check',
    personalData: 'none',
  },
  check_icao: {
    title: 'Check ICAO Quality',
    method: 'POST',
    path: '/quality/check_icao',
    envelope: 'Check',
    personalData: 'none',
  },
  icao_crop: {
    title: 'Crop to ICAO',
    method: 'POST',
    path: '/quality/icao_crop',
    envelope: 'Check',
    personalData: 'none',
  },
  check_nfiq: {
    title: 'Check NFIQ Quality',
    method: 'POST',
    path: '/quality/check_nfiq',
    envelope: 'Check',
    personalData: 'none',
  },
};

function buildCatalog(): Record<OperationId, Operation> {
  const catalog = {} as Record<OperationId, Operation>;
  for (const id of Object.keys(FACTS) as OperationId[]) {
    catalog[id] = {
      id,
      ...FACTS[id],
      englishTitle: FACTS[id].title,
      get title() {
        return TITLES[id]();
      },
      get request() {
        return wireRequests()[id];
      },
      get authoringRequest() {
        return authoringRequests()[id];
      },
      get response() {
        return responseSchemas()[id];
      },
    };
  }
  return catalog;
}

export const OPERATIONS: Readonly<Record<OperationId, Operation>> = buildCatalog();

export const OPERATION_IDS = Object.keys(FACTS) as OperationId[];

export function isOperationId(value: unknown): value is OperationId {
  return typeof value === 'string' && Object.hasOwn(FACTS, value);
}

export function operationsOfEnvelope(envelope: Envelope): Operation[] {
  return OPERATION_IDS.map((id) => OPERATIONS[id]).filter((operation) => operation.envelope === envelope);
}

export const ENVELOPES: readonly Envelope[] = [...new Set(OPERATION_IDS.map((id) => FACTS[id].envelope))];
