import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import type { Dataset } from '../core/eval/dataset';
import { genuinePairs, impostorPairCount } from '../core/eval/pairs';

/** A folder with more impostor pairs than this is asked whether to compare them all or a sample. */
export const ASK_SAMPLE_ABOVE = 1000;
/** The sample offered first: 30 / FMR for the default target FMR of 1e-3, which it then supports. */
export const OFFERED_SAMPLE = 30_000;
/** The CLI's seed when --seed is not given. */
export const DEFAULT_SEED = '1';

export interface ImpostorChoice {
  /** Undefined compares every impostor pair. */
  impostors?: number;
  seed: string;
}

/**
 * The editor's --impostors N --seed S: on a folder with many impostor pairs, the person chooses
 * all of them or a seeded sample, each offered with its number of match calls and an estimate.
 * Undefined when the question is dismissed. A pairs file lists its own pairs and is not asked.
 */
export async function chooseImpostors(
  services: ExtensionServices,
  dataset: Dataset,
  secondsFor: (calls: number) => number,
): Promise<ImpostorChoice | undefined> {
  if (dataset.pairs) return { seed: DEFAULT_SEED };
  const labelled = { person: dataset.images.map((image) => image.person) };
  const total = impostorPairCount(labelled);
  if (total <= ASK_SAMPLE_ABOVE) return { seed: DEFAULT_SEED };
  const genuine = genuinePairs(labelled).length;
  const cost = (impostors: number) => {
    const calls = dataset.images.length + genuine + impostors;
    return vscode.l10n.t('{0} calls, {1}', calls, formatDuration(secondsFor(calls)));
  };
  type Item = vscode.QuickPickItem & { choice?: ImpostorChoice };
  const items: Item[] = [
    { label: vscode.l10n.t('All {0} impostor pairs', total), description: cost(total), choice: { seed: DEFAULT_SEED } },
  ];
  if (total > OFFERED_SAMPLE) {
    items.push({
      label: vscode.l10n.t('A seeded sample of {0}', OFFERED_SAMPLE),
      description: cost(OFFERED_SAMPLE),
      detail: vscode.l10n.t('Enough impostor comparisons to support FMR 1e-3 (30 / FMR); seed {0}.', DEFAULT_SEED),
      choice: { impostors: OFFERED_SAMPLE, seed: DEFAULT_SEED },
    });
  }
  items.push({
    label: vscode.l10n.t('A Sample of Another Size…'),
    detail: vscode.l10n.t('Choose how many impostor pairs to compare and the seed that picks them.'),
  });
  const picked = await services.ui.showQuickPick(items, {
    title: vscode.l10n.t('Evaluate Accuracy: {0} impostor pairs ({1} genuine)', total, genuine),
    placeHolder: vscode.l10n.t('Compare every impostor pair, or a seeded sample of them?'),
  });
  if (!picked) return undefined;
  if (picked.choice) return picked.choice;
  const size = await services.ui.showInputBox({
    title: vscode.l10n.t('Evaluate Accuracy: impostor sample'),
    prompt: vscode.l10n.t('How many of the {0} impostor pairs to compare', total),
    value: String(Math.min(OFFERED_SAMPLE, total - 1)),
    validateInput: (text) => {
      const value = Number(text.trim());
      return Number.isInteger(value) && value >= 1 && value <= total
        ? undefined
        : vscode.l10n.t('A whole number from 1 to {0}', total);
    },
  });
  if (size === undefined) return undefined;
  const seed = await services.ui.showInputBox({
    title: vscode.l10n.t('Evaluate Accuracy: impostor sample'),
    prompt: vscode.l10n.t('The seed: the same seed compares the same pairs again (the CLI’s --seed)'),
    value: DEFAULT_SEED,
    validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('A seed, e.g. 1') : undefined),
  });
  if (seed === undefined) return undefined;
  return { impostors: Number(size.trim()), seed: seed.trim() };
}

/** As the CLI says it (src/cli/commands/evalCommon.ts). */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return vscode.l10n.t('under a second');
  if (seconds < 90) return vscode.l10n.t('about {0} s', Math.round(seconds));
  if (seconds < 5400) return vscode.l10n.t('about {0} min', Math.round(seconds / 60));
  return vscode.l10n.t('about {0} h', (seconds / 3600).toFixed(1));
}
