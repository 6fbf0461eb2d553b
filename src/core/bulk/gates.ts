import type { OperationId } from '../contract/operations';
import type { Outcome } from '../http/outcome';
import { l10n } from '../l10n';
import { singleImageRequest } from '../request/build';
import { isFaceSlot } from './slots';

/** What a person's images must pass, through the API, before they are enrolled or updated. */
export interface Gates {
  /** face_detect finds exactly this many faces (only 1 makes sense for an enroll). */
  faces?: number;
  /** check_icao: at least this many of the 23 requirements conformed. */
  icaoMin?: number;
  /** check_nfiq: a quality number at most this (NFIQ 1 is best). */
  nfiqMax?: number;
  /** liveness: live (Success and not spoof). */
  live?: boolean;
}

export class GateSpecError extends Error {
  override readonly name = 'GateSpecError';
}

export const GATE_SYNTAX = 'face=1, icao>=N, nfiq<=K, live (comma-separated)';

/** Parses `face=1,icao>=20,nfiq<=3,live`. */
export function parseGates(text: string): Gates {
  const gates: Gates = {};
  for (const raw of text.split(',')) {
    const part = raw.trim().toLowerCase();
    if (part === '') continue;
    if (part === 'live') {
      gates.live = true;
      continue;
    }
    const match = /^(face|faces|icao|nfiq)\s*(=|>=|<=)\s*(\d+)$/.exec(part);
    const [, name, relation, digits] = match ?? [];
    const value = Number(digits);
    if (name === 'face' || name === 'faces') {
      if (relation !== '=') throw new GateSpecError(l10n.t('--gate {0}: write face=N (exactly N faces).', raw.trim()));
      gates.faces = value;
    } else if (name === 'icao') {
      if (relation !== '>=' || value > 23)
        throw new GateSpecError(l10n.t('--gate {0}: write icao>=N, N from 0 to 23.', raw.trim()));
      gates.icaoMin = value;
    } else if (name === 'nfiq') {
      if (relation !== '<=') throw new GateSpecError(l10n.t('--gate {0}: write nfiq<=K.', raw.trim()));
      gates.nfiqMax = value;
    } else {
      throw new GateSpecError(l10n.t('--gate "{0}" is not a gate. Gates: {1}.', raw.trim(), GATE_SYNTAX));
    }
  }
  return gates;
}

export function hasGates(gates: Gates | undefined): gates is Gates {
  return gates !== undefined && Object.keys(gates).length > 0;
}

export type GateCall = (operation: OperationId, body: unknown) => Promise<Outcome>;

export type GateVerdict =
  | { passed: true }
  | { passed: false; gate: string; cause: string }
  | { passed: 'unknown'; gate: string; cause: string; outcome: Outcome };

function field(body: unknown, ...path: string[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Runs the gates on a person's images (base64 by slot), stopping at the first that fails. */
export async function checkGates(
  gates: Gates,
  images: ReadonlyMap<string, string>,
  call: GateCall,
): Promise<GateVerdict> {
  for (const [slot, base64] of images) {
    const checks: [string, OperationId, (body: unknown) => string | undefined][] = [];
    if (isFaceSlot(slot)) {
      if (gates.faces !== undefined) {
        const wanted = gates.faces;
        checks.push([
          'face',
          'face_detect',
          (body) => {
            const count = field(body, 'DetectedFaces', 'FaceNumber');
            return count === wanted ? undefined : l10n.t('{0} face(s) found, {1} wanted', String(count), wanted);
          },
        ]);
      }
      if (gates.icaoMin !== undefined) {
        const wanted = gates.icaoMin;
        checks.push([
          'icao',
          'check_icao',
          (body) => {
            const conformed = field(body, 'ICAO', 'FaceImageConformed');
            return typeof conformed === 'number' && conformed >= wanted
              ? undefined
              : l10n.t('ICAO {0} of 23 requirements conformed, at least {1} wanted', String(conformed), wanted);
          },
        ]);
      }
      if (gates.live) {
        checks.push([
          'live',
          'liveness',
          (body) => {
            const live = field(body, 'Success') === true && field(body, 'spoof') === false;
            return live
              ? undefined
              : field(body, 'spoof') === true
                ? l10n.t('liveness: {0} (spoof)', String(field(body, 'result') ?? 'spoof'))
                : l10n.t('liveness: {0}', String(field(body, 'result') ?? 'spoof'));
          },
        ]);
      }
    } else if (gates.nfiqMax !== undefined) {
      const wanted = gates.nfiqMax;
      checks.push([
        'nfiq',
        'check_nfiq',
        (body) => {
          const quality = field(body, 'NFIQ', 'Quality');
          return typeof quality === 'number' && quality <= wanted
            ? undefined
            : l10n.t('{0} NFIQ {1}, at most {2} wanted', slot, String(quality), wanted);
        },
      ]);
    }
    for (const [gate, operation, judge] of checks) {
      const body = singleImageRequest(operation as 'face_detect', base64);
      const outcome = await call(operation, body);
      if (outcome.kind !== 'success') {
        if (outcome.kind === 'bad-request' || outcome.kind === 'logical-failure') {
          return { passed: false, gate, cause: l10n.t('gate {0}: {1}', gate, outcome.summary) };
        }
        return {
          passed: 'unknown',
          gate,
          cause: l10n.t('gate {0} could not be checked: {1}', gate, outcome.summary),
          outcome,
        };
      }
      const failed = judge(outcome.body);
      if (failed !== undefined) return { passed: false, gate, cause: l10n.t('gate {0}: {1}', gate, failed) };
    }
  }
  return { passed: true };
}
