import { l10n } from '../l10n';
import type { ImpostorSample } from './run';

/** How the impostor pairs were chosen when they are a sample: the same seed compares the same pairs again. */
export function impostorSampleText(sample: ImpostorSample, available: number): string {
  return l10n.t(
    'Impostor pairs: a seeded sample of {0} of {1}, seed {2} (the same seed compares the same pairs).',
    sample.size,
    available,
    sample.seed,
  );
}

/** The report's row for a sampled run, as plain text: its label, the sample and its seed. */
export function impostorSampleRow(sample: ImpostorSample, available: number): [string, string] {
  return [l10n.t('Impostor sample'), l10n.t('{0} of {1} pairs, seed {2}', sample.size, available, sample.seed)];
}
