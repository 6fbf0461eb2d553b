import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ICAO_REQUIREMENTS } from '../contract/responses';
import type { Client } from '../http';
import { imageFileProblem } from '../images/integrity';
import { readImageFile, toBase64 } from '../images/read';
import { l10n } from '../l10n';
import { DATASET_IMAGE_EXTENSIONS, DatasetError } from './dataset';
import { EvalAborted } from './run';

export interface QualityImage {
  name: string;
  path: string;
  modality: 'FACE' | 'FINGER';
}

export interface QualityOptions {
  liveness?: boolean;
  /** Treat every image as a fingerprint (else TIFF and WSQ are fingers, JPEG and PNG faces). */
  fingers?: boolean;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Every image under the folder, at any depth (hidden entries skipped), in a stable order. */
export async function listQualityImages(root: string, fingers = false): Promise<QualityImage[]> {
  const found: QualityImage[] = [];
  const walk = async (dir: string, prefix: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((x, y) =>
      x.name.localeCompare(y.name, undefined, { numeric: true }),
    );
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path, `${prefix}${entry.name}/`);
      else if (
        entry.isFile() &&
        (DATASET_IMAGE_EXTENSIONS as readonly string[]).includes(extname(entry.name).toLowerCase())
      ) {
        const ext = extname(entry.name).toLowerCase();
        const finger = fingers || ext === '.tif' || ext === '.tiff' || ext === '.wsq';
        found.push({ name: `${prefix}${entry.name}`, path, modality: finger ? 'FINGER' : 'FACE' });
      }
    }
  };
  await walk(root, '');
  if (found.length === 0) throw new DatasetError(l10n.t('No images found (JPEG, PNG, TIFF or WSQ) in the folder.'));
  return found;
}

export function qualityCalls(images: readonly QualityImage[], liveness = false): number {
  return images.reduce((sum, image) => sum + (image.modality === 'FINGER' ? 1 : liveness ? 3 : 2), 0);
}

export interface QualityFindings {
  images: QualityImage[];
  icao: Map<string, Record<string, boolean>>;
  conformed: Map<string, number>;
  nfiq: Map<string, number>;
  faces: Map<string, number>;
  spoof: Map<string, boolean>;
  failures: Map<string, string>;
  calls: number;
  cancelled: boolean;
}

/**
 * Per face: face detection, then (with at least one face) the ICAO check, and liveness when
 * asked; per fingerprint: NFIQ. A 400 or an in-band failure is that image's finding; any other
 * failure (a wrong key, a network error) stops the run.
 */
export async function runQuality(
  images: QualityImage[],
  client: Client,
  options: QualityOptions = {},
): Promise<QualityFindings> {
  const findings: QualityFindings = {
    images,
    icao: new Map(),
    conformed: new Map(),
    nfiq: new Map(),
    faces: new Map(),
    spoof: new Map(),
    failures: new Map(),
    calls: 0,
    cancelled: false,
  };
  const total = qualityCalls(images, options.liveness);
  let done = 0;
  const tick = (n = 1) => {
    done += n;
    options.onProgress?.(done, total);
  };
  const send = async (
    operation: 'face_detect' | 'check_icao' | 'check_nfiq' | 'liveness',
    image: QualityImage,
    base64: string,
  ) => {
    findings.calls++;
    const body = operation === 'liveness' ? { Spoof: { Image: base64 } } : { Check: { Image: base64 } };
    const outcome = await client.send(operation, body, { signal: options.signal });
    tick();
    if (outcome.kind === 'success' || outcome.kind === 'logical-failure') return outcome;
    if (outcome.kind === 'bad-request') return outcome;
    throw new EvalAborted(`${image.name}: ${outcome.summary}`, outcome);
  };
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < images.length && failure === undefined && !options.signal?.aborted) {
      const image = images[next++] as QualityImage;
      const calls = image.modality === 'FINGER' ? 1 : options.liveness ? 3 : 2;
      try {
        const info = await readImageFile(image.path);
        const problem = imageFileProblem(image.name, info.bytes, image.modality === 'FACE' ? 'face' : 'finger');
        if (problem) {
          findings.failures.set(image.name, problem);
          tick(calls);
          continue;
        }
        const base64 = toBase64(info.bytes);
        if (image.modality === 'FINGER') {
          const outcome = await send('check_nfiq', image, base64);
          const quality =
            outcome.kind === 'success' ? (outcome.body as { NFIQ?: { Quality?: unknown } }).NFIQ?.Quality : undefined;
          if (typeof quality === 'number') findings.nfiq.set(image.name, quality);
          else findings.failures.set(image.name, outcome.kind === 'bad-request' ? outcome.text : outcome.summary);
          continue;
        }
        const detected = await send('face_detect', image, base64);
        const count =
          detected.kind === 'success'
            ? (detected.body as { DetectedFaces?: { FaceNumber?: unknown } }).DetectedFaces?.FaceNumber
            : 0;
        const faces = typeof count === 'number' ? count : 0;
        findings.faces.set(image.name, faces);
        if (faces === 0) tick(calls - 1);
        else {
          const icao = await send('check_icao', image, base64);
          const body =
            icao.kind === 'success'
              ? (
                  icao.body as {
                    ICAO?: { FaceImageConformed?: unknown; Requirements?: Record<string, { IsConformed?: unknown }> };
                  }
                ).ICAO
              : undefined;
          if (body?.Requirements) {
            const met: Record<string, boolean> = {};
            for (const name of ICAO_REQUIREMENTS) met[name] = body.Requirements[name]?.IsConformed === true;
            findings.icao.set(image.name, met);
            if (typeof body.FaceImageConformed === 'number')
              findings.conformed.set(image.name, body.FaceImageConformed);
          } else findings.failures.set(image.name, icao.kind === 'bad-request' ? icao.text : icao.summary);
          if (options.liveness) {
            const live = await send('liveness', image, base64);
            const answer = 'body' in live ? (live.body as { Success?: unknown; spoof?: unknown }) : undefined;
            if (live.kind === 'success' && answer?.Success === true)
              findings.spoof.set(image.name, answer.spoof === true);
          }
        }
      } catch (error) {
        if (options.signal?.aborted) return;
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, options.concurrency ?? 4), images.length) }, worker));
  if (failure !== undefined) throw failure;
  findings.cancelled = options.signal?.aborted === true;
  return findings;
}

/** What `biopassid quality --json` prints and the report shows. */
export interface QualitySummary {
  images: number;
  faces: number;
  fingers: number;
  icao: {
    checked: number;
    allConformed: number;
    requirements: Record<string, { failRate: number; failed: number }>;
    /** How many images had each FaceImageConformed value. */
    faceImageConformed: Record<string, number>;
  };
  nfiq: { checked: number; histogram: Record<string, number> };
  detection: { noFace: string[]; severalFaces: string[] };
  liveness: { checked: number; spoofs: string[]; spoofRate: number } | null;
  failures: { image: string; reason: string }[];
  calls: number;
  cancelled: boolean;
}

export function summariseQuality(findings: QualityFindings, liveness = false): QualitySummary {
  const checked = findings.icao.size;
  const requirements: QualitySummary['icao']['requirements'] = {};
  for (const name of ICAO_REQUIREMENTS) {
    const failed = [...findings.icao.values()].filter((met) => !met[name]).length;
    requirements[name] = { failed, failRate: checked === 0 ? 0 : failed / checked };
  }
  const histogram = (values: Iterable<number>) => {
    const counts: Record<string, number> = {};
    for (const value of [...values].sort((x, y) => x - y)) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
    return counts;
  };
  const faces = [...findings.faces];
  const spoofs = [...findings.spoof].filter(([, spoof]) => spoof).map(([name]) => name);
  return {
    images: findings.images.length,
    faces: findings.images.filter((image) => image.modality === 'FACE').length,
    fingers: findings.images.filter((image) => image.modality === 'FINGER').length,
    icao: {
      checked,
      allConformed: [...findings.icao.values()].filter((met) => Object.values(met).every(Boolean)).length,
      requirements,
      faceImageConformed: histogram(findings.conformed.values()),
    },
    nfiq: { checked: findings.nfiq.size, histogram: histogram(findings.nfiq.values()) },
    detection: {
      noFace: faces.filter(([, count]) => count === 0).map(([name]) => name),
      severalFaces: faces.filter(([, count]) => count > 1).map(([name]) => name),
    },
    liveness: liveness
      ? {
          checked: findings.spoof.size,
          spoofs,
          spoofRate: findings.spoof.size === 0 ? 0 : spoofs.length / findings.spoof.size,
        }
      : null,
    failures: [...findings.failures].map(([image, reason]) => ({ image, reason })),
    calls: findings.calls,
    cancelled: findings.cancelled,
  };
}

export function qualityLines(summary: QualitySummary): string[] {
  const lines = [l10n.t('{0} images: {1} faces, {2} fingerprints.', summary.images, summary.faces, summary.fingers)];
  if (summary.faces > 0) {
    lines.push(
      l10n.t('ICAO: {0} checked, {1} met all 23 requirements.', summary.icao.checked, summary.icao.allConformed),
    );
    const failing = Object.entries(summary.icao.requirements)
      .filter(([, requirement]) => requirement.failed > 0)
      .sort(([, x], [, y]) => y.failRate - x.failRate);
    for (const [name, requirement] of failing)
      lines.push(
        `  ${l10n.t('{0}: {1}% failed ({2})', name, (requirement.failRate * 100).toFixed(1), requirement.failed)}`,
      );
    lines.push(
      l10n.t(
        'No face: {0}; several faces: {1}.',
        summary.detection.noFace.length,
        summary.detection.severalFaces.length,
      ),
    );
  }
  if (summary.fingers > 0) {
    const bins = Object.entries(summary.nfiq.histogram).map(([value, count]) => `${value}: ${count}`);
    lines.push(l10n.t('NFIQ ({0} graded): {1}', summary.nfiq.checked, bins.join(', ')));
  }
  if (summary.liveness)
    lines.push(l10n.t('Liveness: {0} of {1} judged spoof.', summary.liveness.spoofs.length, summary.liveness.checked));
  for (const failure of summary.failures) lines.push(l10n.t('failed: {0}: {1}', failure.image, failure.reason));
  if (summary.cancelled) lines.push(l10n.t('warning: cancelled; the figures cover only the images checked so far.'));
  return lines;
}
