import { OPERATIONS, type OperationId } from '../contract/operations';
import { l10n } from '../l10n';
import { isNegativeAnswer } from '../verdict';
import { sentImages } from './images';
import type { BatchTile, BatchView, ResultInput, Tone } from './types';

type Redact = (text: string) => string;

function toneOf(input: ResultInput): Tone {
  if (input.outcome.kind !== 'success') return 'bad';
  return isNegativeAnswer(input.operation, input.outcome.body) ? 'warning' : 'good';
}

/**
 * A multi-image run as a grid: one tile per call with its first sent image, its verdict or its
 * failure; `undefined` entries (calls never started) are counted as cancelled, as the summary does.
 */
export function buildBatchView(
  operation: OperationId | undefined,
  inputs: readonly (ResultInput | undefined)[],
  redact: Redact,
): BatchView {
  const cancelled = (input: ResultInput) => input.outcome.kind === 'network-error' && input.outcome.cause === 'aborted';
  const tiles: BatchTile[] = [];
  inputs.forEach((input, index) => {
    if (input === undefined) return;
    const thumbnail = sentImages(input.operation, input.body)[0];
    tiles.push({
      index,
      label: redact(input.source ?? input.customId ?? `#${index + 1}`),
      headline: redact(cancelled(input) ? l10n.t('Cancelled') : input.headline),
      tone: cancelled(input) ? 'neutral' : toneOf(input),
      ...(thumbnail ? { thumbnail } : {}),
    });
  });
  const done = inputs.filter((input): input is ResultInput => input !== undefined && !cancelled(input));
  const failed = done.filter((input) => input.outcome.kind !== 'success').length;
  const skipped = inputs.length - done.length;
  const ok = done.length - failed;
  return {
    title: operation ? l10n.t('{0} run', OPERATIONS[operation].title) : l10n.t('BioPass ID run'),
    counts:
      skipped > 0
        ? l10n.t('{0} ok, {1} failed, {2} cancelled', ok, failed, skipped)
        : l10n.t('{0} ok, {1} failed', ok, failed),
    tone: failed > 0 ? 'bad' : tiles.some((tile) => tile.tone === 'warning') ? 'warning' : 'good',
    tiles,
  };
}
