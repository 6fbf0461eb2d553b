import type { OperationId } from '../contract/operations';
import { l10n } from '../l10n';
import type { ResultView } from './types';
import { buildResultView } from './view';

/**
 * Where a call's images were read from, so it can be sent again without keeping them: an image
 * file of an image action (the finger it was sent as, when it was a fingerprint), or a request file.
 * A call whose images came from nowhere that lasts (an unsaved request, pasted text) has none.
 */
export type SentFrom =
  | { kind: 'image'; uri: string; role: 'face' | 'finger'; finger?: string }
  | { kind: 'request'; uri: string };

/** What the history keeps of a call (src/services/history.ts): metadata, never a body or an image. */
export interface HistoryRecord {
  id: string;
  time: string;
  operation: OperationId;
  environment: string;
  customId?: string;
  source?: string;
  status?: number;
  /** success, invalid-key, timeout…: the outcome's label. */
  outcome: string;
  latencyMs: number;
  bioPassId?: string;
  verdict: string;
  sentFrom?: SentFrom;
}

const KINDS = new Set(['success', 'logical-failure', 'bad-request', 'malformed-response']);

/**
 * The result panel of a past call, from its history metadata: the verdict, status and person,
 * without images or the response (neither is kept), and a note saying so.
 */
export function viewFromHistory(record: HistoryRecord, redact: (text: string) => string): ResultView {
  const kind = KINDS.has(record.outcome)
    ? record.outcome
    : record.outcome.startsWith('malformed')
      ? 'malformed-response'
      : 'failure';
  const view = buildResultView(
    {
      operation: record.operation,
      ...(record.customId ? { customId: record.customId } : {}),
      ...(record.source ? { source: record.source } : {}),
      environment: record.environment,
      context: {},
      headline: record.verdict,
      outcome: {
        kind,
        ...(record.status === undefined ? {} : { status: record.status }),
        latencyMs: record.latencyMs,
        attempts: 1,
        explanation: '',
        nextStep: '',
      },
      hasResponse: false,
    },
    redact,
  );
  const person =
    record.customId || record.bioPassId
      ? [
          {
            kind: 'facts' as const,
            title: l10n.t('Person'),
            rows: [
              ...(record.customId ? [{ label: 'CustomID', value: redact(record.customId), copy: true }] : []),
              ...(record.bioPassId ? [{ label: 'BioPassID', value: redact(record.bioPassId), copy: true }] : []),
              { label: l10n.t('Environment'), value: redact(record.environment) },
            ],
          },
        ]
      : [];
  return {
    ...view,
    // The history keeps the outcome's label, not its kind: say it as recorded.
    statusLine: `HTTP ${record.status ?? '-'} · ${redact(record.outcome)} · ${Math.round(record.latencyMs)} ms`,
    tone: record.outcome === 'success' ? 'neutral' : 'bad',
    sections: [
      {
        kind: 'note',
        text: l10n.t(
          'From the history ({0}): images and the response are not kept. Run it again to see them.',
          record.time,
        ),
      },
      ...person,
    ],
  };
}
