import { createHash } from 'node:crypto';
import { ESTIMATED_CALL_SECONDS } from '../contract/choices';
import { type Client, JsonText } from '../http';
import type { Outcome } from '../http/outcome';
import { imageFileProblem } from '../images/integrity';
import { readImageFile, toBase64 } from '../images/read';
import type { Dataset } from './dataset';
import { JournalWriter, pairKey, readJournal } from './journal';
import { genuinePairs, impostorPairCount, impostorPairs, type Pair } from './pairs';

export type Modality = 'FACE' | 'FINGER';

export interface EvalOptions {
  /** Impostor pairs to compare: all when undefined, else a seeded sample of this many. */
  impostors?: number;
  seed?: string | number;
  /** FACE or FINGER; by default FINGER when every image is a TIFF or WSQ, FACE otherwise. */
  modality?: Modality;
  /** The journal of scores (JSON lines); none when undefined. */
  journal?: string;
  /** Where the scores come from (the base URL): part of each journal key. */
  target: string;
  maxImageBytes?: number;
}

export interface EvalPlan {
  dataset: Dataset;
  modality: Modality;
  target: string;
  journal?: string;
  digests: string[];
  /** Images that cannot be sent (unreadable, not an image the modality takes), with why. */
  refused: Map<number, string>;
  pairs: Pair[];
  /** Scores found in the journal, by pair index. */
  known: Map<number, number>;
  /** Pairs still to be scored, and the images they need extracted. */
  pending: Pair[];
  toExtract: number[];
  allImpostorPairs: number;
  /** Set when the impostor pairs are a seeded sample of the labelled folder's, not all of them. */
  impostorSample?: ImpostorSample;
}

export interface ImpostorSample {
  size: number;
  seed: string;
}

export interface ScoredPair extends Pair {
  score: number;
}

export interface EvalScores {
  plan: EvalPlan;
  scored: ScoredPair[];
  /** Images the service could not extract a template from (failure to enrol), with its answer. */
  failedToExtract: Map<number, string>;
  /** Pairs left out because an image was refused or failed to extract. */
  skippedPairs: number;
  calls: { extract: number; match: number; fromJournal: number };
  cancelled: boolean;
}

export class EvalAborted extends Error {
  constructor(
    message: string,
    readonly outcome?: Outcome,
  ) {
    super(message);
    this.name = 'EvalAborted';
  }
}

/** Reads every image once (for its digest) and the journal, and works out the calls still needed. */
export async function planEvaluation(dataset: Dataset, options: EvalOptions): Promise<EvalPlan> {
  const digests: string[] = [];
  const refused = new Map<number, string>();
  const kinds: (string | undefined)[] = [];
  for (const [index, image] of dataset.images.entries()) {
    try {
      const info = await readImageFile(image.path, { maxBytes: options.maxImageBytes });
      digests.push(createHash('sha256').update(info.bytes).digest('hex'));
      kinds.push(info.kind);
    } catch (error) {
      digests.push('');
      kinds.push(undefined);
      refused.set(index, error instanceof Error ? error.message : String(error));
    }
  }
  const modality = options.modality ?? (kinds.every((kind) => kind === 'tiff' || kind === 'wsq') ? 'FINGER' : 'FACE');
  const labelled = { person: dataset.images.map((image) => image.person) };
  const seed = String(options.seed ?? 1);
  const pairs = dataset.pairs ?? [...genuinePairs(labelled), ...impostorPairs(labelled, options.impostors, seed)];
  const allImpostorPairs = dataset.pairs ? pairs.filter((pair) => !pair.genuine).length : impostorPairCount(labelled);
  const sampled = !dataset.pairs && options.impostors !== undefined && options.impostors < allImpostorPairs;
  const journal = options.journal === undefined ? new Map<string, number>() : await readJournal(options.journal);
  const known = new Map<number, number>();
  const pending: Pair[] = [];
  const needed = new Set<number>();
  pairs.forEach((pair, index) => {
    if (refused.has(pair.a) || refused.has(pair.b)) return;
    const score = journal.get(pairKey(modality, options.target, digests[pair.a] as string, digests[pair.b] as string));
    if (score !== undefined) known.set(index, score);
    else {
      pending.push(pair);
      needed.add(pair.a);
      needed.add(pair.b);
    }
  });
  return {
    dataset,
    modality,
    target: options.target,
    ...(options.journal === undefined ? {} : { journal: options.journal }),
    digests,
    refused,
    pairs,
    known,
    pending,
    toExtract: [...needed].sort((x, y) => x - y),
    allImpostorPairs,
    ...(sampled ? { impostorSample: { size: options.impostors as number, seed } } : {}),
  };
}

export function plannedCalls(plan: EvalPlan): { extract: number; match: number; total: number } {
  return {
    extract: plan.toExtract.length,
    match: plan.pending.length,
    total: plan.toExtract.length + plan.pending.length,
  };
}

/** Seconds the calls should take at this concurrency, from a typical latency per call. */
export function estimateSeconds(
  calls: number,
  concurrency: number,
  perCallSeconds: number = ESTIMATED_CALL_SECONDS.remote,
): number {
  return (calls * perCallSeconds) / Math.max(1, concurrency);
}

export interface RunOptions {
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Extracts a template per image still needed, then matches the pending pairs, `concurrency` calls
 * in flight, writing each score to the journal as it arrives. A 400 on extract is that image's
 * failure to enrol (its pairs are skipped); any other failure stops the run (a wrong key, a
 * network error), keeping every score already journaled. Cancelling stops sending new calls.
 */
export async function runEvaluation(plan: EvalPlan, client: Client, options: RunOptions = {}): Promise<EvalScores> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const total = plannedCalls(plan).total;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);
  const templates = new Map<number, string>();
  const failedToExtract = new Map<number, string>();
  const journal = new JournalWriter(plan.journal);
  const calls = { extract: 0, match: 0, fromJournal: plan.known.size };
  const format = 'BIOPASS';

  await pool(plan.toExtract, concurrency, options.signal, async (index) => {
    const image = plan.dataset.images[index];
    if (!image) return;
    const info = await readImageFile(image.path);
    const problem = imageFileProblem(image.name, info.bytes, plan.modality === 'FACE' ? 'face' : 'finger');
    if (problem) {
      failedToExtract.set(index, problem);
      tick();
      return;
    }
    const body = { Extract: { Type: plan.modality, Format: format, Artifact: toBase64(info.bytes) } };
    calls.extract++;
    const outcome = await client.send('extract', body, { signal: options.signal });
    tick();
    if (outcome.kind === 'bad-request') failedToExtract.set(index, outcome.text);
    else if (outcome.kind !== 'success') throw new EvalAborted(`Extract ${image.name}: ${outcome.summary}`, outcome);
    else {
      const template = (outcome.body as { Extract?: { Template?: unknown } }).Extract?.Template;
      if (typeof template !== 'string') throw new EvalAborted(`Extract ${image.name}: the answer holds no template.`);
      templates.set(index, template);
    }
  });

  const scored: ScoredPair[] = [];
  plan.pairs.forEach((pair, index) => {
    const score = plan.known.get(index);
    if (score !== undefined) scored.push({ ...pair, score });
  });
  let skippedPairs = plan.pairs.filter((pair) => plan.refused.has(pair.a) || plan.refused.has(pair.b)).length;
  const matchable = plan.pending.filter((pair) => {
    if (templates.has(pair.a) && templates.has(pair.b)) return true;
    skippedPairs++;
    return false;
  });
  // Pairs that cannot be matched still count as done for the progress.
  for (let k = matchable.length; k < plan.pending.length; k++) tick();

  // Each template is written as JSON once, not once per pair it is in: a match body is three
  // strings joined. The journal takes a batch of scores per write (JournalWriter).
  const matchHead = `{"Match":{"Type":${JSON.stringify(plan.modality)},"Format":${JSON.stringify(format)},"Artifact_A":`;
  const quoted = new Map<number, string>();
  for (const [index, template] of templates) quoted.set(index, JSON.stringify(template));
  const sendOptions = { signal: options.signal };
  try {
    await pool(matchable, concurrency, options.signal, async (pair) => {
      const body = new JsonText(`${matchHead}${quoted.get(pair.a)},"Artifact_B":${quoted.get(pair.b)}}}`);
      calls.match++;
      const outcome = await client.send('match', body, sendOptions);
      tick();
      const score =
        outcome.kind === 'success' ? (outcome.body as { Match?: { Score?: unknown } }).Match?.Score : undefined;
      if (typeof score !== 'number' || !Number.isFinite(score)) {
        throw new EvalAborted(
          `Match ${plan.dataset.images[pair.a]?.name} / ${plan.dataset.images[pair.b]?.name}: ${outcome.kind === 'success' ? 'the answer holds no score.' : outcome.summary}`,
          outcome,
        );
      }
      scored.push({ ...pair, score });
      journal.add({
        a: plan.digests[pair.a] as string,
        b: plan.digests[pair.b] as string,
        type: plan.modality,
        target: plan.target,
        score,
      });
    });
  } finally {
    await journal.flush();
  }
  return { plan, scored, failedToExtract, skippedPairs, calls, cancelled: options.signal?.aborted === true };
}

/** Runs `work` over the items with at most `limit` in flight; stops taking new items once aborted. */
async function pool<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length && failure === undefined && !signal?.aborted) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        if (signal?.aborted) return;
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}
