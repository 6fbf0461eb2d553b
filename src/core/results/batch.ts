import { OPERATIONS, type OperationId } from '../contract/operations';
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
      headline: redact(cancelled(input) ? 'Cancelled' : input.headline),
      tone: cancelled(input) ? 'neutral' : toneOf(input),
      ...(thumbnail ? { thumbnail } : {}),
    });
  });
  const done = inputs.filter((input): input is ResultInput => input !== undefined && !cancelled(input));
  const failed = done.filter((input) => input.outcome.kind !== 'success').length;
  const skipped = inputs.length - done.length;
  const title = operation ? OPERATIONS[operation].title : 'BioPass ID';
  return {
    title: `${title} run`,
    counts: `${done.length - failed} ok, ${failed} failed${skipped > 0 ? `, ${skipped} cancelled` : ''}`,
    tone: failed > 0 ? 'bad' : tiles.some((tile) => tile.tone === 'warning') ? 'warning' : 'good',
    tiles,
  };
}
