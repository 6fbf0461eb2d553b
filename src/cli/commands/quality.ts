import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DatasetError } from '../../core/eval/dataset';
import { listQualityImages, qualityCalls, qualityLines, runQuality, summariseQuality } from '../../core/eval/quality';
import { buildQualityReport } from '../../core/eval/qualityReport';
import { EvalAborted, estimateSeconds } from '../../core/eval/run';
import { l10n } from '../../core/l10n';
import { COMMON_OPTIONS, CONNECTION_OPTIONS, parse, stringOption } from '../args';
import { clientFor, connectionFrom } from '../connection';
import { type CliIo, EXIT, UsageError } from '../io';
import {
  concurrencyFrom,
  formatDuration,
  interruptSignal,
  perCallSeconds,
  thumbnailsOf,
  writeReport,
} from './evalCommon';

export async function runQualityCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, {
    ...COMMON_OPTIONS,
    ...CONNECTION_OPTIONS,
    report: { type: 'string' },
    'include-thumbnails': { type: 'boolean' },
    liveness: { type: 'boolean' },
    fingers: { type: 'boolean' },
    concurrency: { type: 'string' },
  });
  const [source, ...extra] = parsed.positionals;
  if (!source || extra.length > 0) throw new UsageError(l10n.t('quality takes one folder'));
  const connection = connectionFrom(parsed, io);
  const root = resolve(io.cwd, source);
  if (!(await stat(root).catch(() => undefined))?.isDirectory())
    throw new UsageError(l10n.t('quality takes a folder, not "{0}"', source));
  const liveness = parsed.values.liveness === true;
  let images: Awaited<ReturnType<typeof listQualityImages>>;
  try {
    images = await listQualityImages(root, parsed.values.fingers === true);
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    io.stderr(`${error.message}\n${l10n.t('Nothing was sent.')}\n`);
    return EXIT.failed;
  }
  const concurrency = concurrencyFrom(parsed);
  const calls = qualityCalls(images, liveness);
  io.stderr(
    `${l10n.t(
      '{0} images: up to {1} calls to {2}; {3} at concurrency {4}.',
      images.length,
      calls,
      connection.describe,
      formatDuration(estimateSeconds(calls, concurrency, perCallSeconds(connection))),
      concurrency,
    )}\n`,
  );
  let findings: Awaited<ReturnType<typeof runQuality>>;
  const interrupt = interruptSignal();
  try {
    findings = await runQuality(images, clientFor(connection), { liveness, concurrency, signal: interrupt.signal });
  } catch (error) {
    if (!(error instanceof EvalAborted)) throw error;
    io.stderr(`${error.message}\n`);
    return EXIT.failed;
  } finally {
    interrupt.dispose();
  }
  const summary = summariseQuality(findings, liveness);
  if (parsed.values.json === true) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else io.stdout(`${qualityLines(summary).join('\n')}\n`);
  const report = stringOption(parsed, 'report');
  if (report !== undefined) {
    const names = [...summary.detection.noFace, ...summary.detection.severalFaces, ...(summary.liveness?.spoofs ?? [])];
    const thumbnails =
      parsed.values['include-thumbnails'] === true ? await thumbnailsOf(names, (name) => join(root, name)) : undefined;
    await writeReport(
      io,
      report,
      buildQualityReport(summary, { source, target: connection.describe, ...(thumbnails ? { thumbnails } : {}) }),
    );
  }
  return findings.cancelled ? EXIT.failed : EXIT.ok;
}
