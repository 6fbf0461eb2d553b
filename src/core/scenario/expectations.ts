import type { OperationId } from '../contract/operations';
import type { Outcome } from '../http/outcome';
import { l10n } from '../l10n';
import type { Expectations } from './schema';

export type ExpectationKey = keyof Expectations;

/** One expectation that did not hold; `expectation` is the key in the file, or 'success' (implied). */
export interface ExpectationFailure {
  readonly expectation: ExpectationKey | 'success';
  readonly message: string;
}

type Json = Record<string, unknown>;
const object = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

/** Which operations can produce each expectation; the others get a diagnostic. */
const PRODUCED_BY: Partial<Record<ExpectationKey, readonly OperationId[]>> = {
  verdict: ['verify', 'liveness'],
  icaoConformed: ['check_icao'],
  scoreAtLeast: ['match', 'check_icao', 'check_nfiq'],
  faces: ['face_detect'],
};

const VERDICT_OPERATION = { match: 'verify', 'no match': 'verify', live: 'liveness', spoof: 'liveness' } as const;

/** Why an operation cannot produce an expectation, or undefined when it can. */
export function unproducible(operation: OperationId, key: ExpectationKey, expect: Expectations): string | undefined {
  if (key === 'verdict' && expect.verdict !== undefined) {
    const needs = VERDICT_OPERATION[expect.verdict];
    return needs === operation
      ? undefined
      : l10n.t('{0} cannot answer "{1}": only {2} does', operation, expect.verdict, needs);
  }
  const producers = PRODUCED_BY[key];
  if (!producers || producers.includes(operation)) return undefined;
  return producers.length > 1
    ? l10n.t('{0} cannot produce "{1}": only {2} do', operation, key, producers.join(', '))
    : l10n.t('{0} cannot produce "{1}": only {2} does', operation, key, producers.join(', '));
}

/** The reason text of a failed call, for `errorContains`. */
export function failureText(outcome: Outcome): string | undefined {
  switch (outcome.kind) {
    case 'success':
      return undefined;
    case 'bad-request':
      return outcome.text || outcome.summary;
    case 'logical-failure':
      return outcome.message || outcome.summary;
    case 'gateway-error':
      return outcome.message ?? outcome.summary;
    default:
      return outcome.summary;
  }
}

/** The score `scoreAtLeast` reads for each operation that has one. */
function score(operation: OperationId, body: Json): unknown {
  if (operation === 'match') return object(body.Match).Score;
  if (operation === 'check_icao') return object(body.ICAO).FaceImageConformed;
  return object(body.NFIQ).Quality;
}

function verdictOf(operation: OperationId, body: Json): string | undefined {
  if (operation === 'verify') return object(body.Person).Match === true ? 'match' : 'no match';
  if (operation === 'liveness') return body.Success !== false && body.spoof !== true ? 'live' : 'spoof';
  return undefined;
}

/** Checks an outcome against a step's expectations; an empty list means the step passed. */
export function checkExpectations(
  operation: OperationId,
  outcome: Outcome,
  expect: Expectations = {},
): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  const fail = (expectation: ExpectationFailure['expectation'], message: string) =>
    failures.push({ expectation, message });
  const reason = failureText(outcome);
  const statusText = outcome.status === undefined ? l10n.t('no HTTP answer') : `HTTP ${outcome.status}`;

  if (expect.status !== undefined && outcome.status !== expect.status) {
    fail(
      'status',
      reason
        ? l10n.t('expected HTTP {0}, got {1}: {2}', expect.status, statusText, reason)
        : l10n.t('expected HTTP {0}, got {1}', expect.status, statusText),
    );
  }
  if (expect.errorContains !== undefined) {
    if (reason === undefined)
      fail(
        'errorContains',
        l10n.t('expected a failure containing "{0}", but the call succeeded', expect.errorContains),
      );
    else if (!reason.toLowerCase().includes(expect.errorContains.toLowerCase())) {
      fail('errorContains', l10n.t('expected a failure containing "{0}", got: {1}', expect.errorContains, reason));
    }
  }
  const expectsFailure =
    expect.errorContains !== undefined || (expect.status !== undefined && (expect.status < 200 || expect.status > 299));
  // A verdict of liveness may come as Success: false with spoof: true (a logical failure).
  const body = outcome.kind === 'success' || outcome.kind === 'logical-failure' ? object(outcome.body) : undefined;
  const bodyExpected =
    expect.verdict !== undefined ||
    expect.icaoConformed !== undefined ||
    expect.scoreAtLeast !== undefined ||
    expect.faces !== undefined;
  if (!expectsFailure && outcome.kind !== 'success') {
    const spoofAnswer = expect.verdict === 'spoof' && outcome.kind === 'logical-failure';
    if (!spoofAnswer) {
      fail('success', l10n.t('the call failed ({0}): {1}', statusText, reason ?? outcome.summary));
      return failures;
    }
  }
  if (!bodyExpected || body === undefined) return failures;

  if (expect.verdict !== undefined) {
    const got = verdictOf(operation, body);
    if (got !== expect.verdict)
      fail(
        'verdict',
        got === undefined
          ? l10n.t('expected "{0}", got no verdict', expect.verdict)
          : l10n.t('expected "{0}", got "{1}"', expect.verdict, got),
      );
  }
  if (expect.icaoConformed !== undefined) {
    const requirements = object(object(body.ICAO).Requirements);
    const failed = expect.icaoConformed.filter((name) => object(requirements[name]).IsConformed !== true);
    if (failed.length > 0)
      fail(
        'icaoConformed',
        failed.length > 1
          ? l10n.t('ICAO requirements not conformed: {0}', failed.join(', '))
          : l10n.t('ICAO requirement not conformed: {0}', failed.join(', ')),
      );
  }
  if (expect.scoreAtLeast !== undefined) {
    const got = score(operation, body);
    if (typeof got !== 'number' || got < expect.scoreAtLeast) {
      fail(
        'scoreAtLeast',
        typeof got === 'number'
          ? l10n.t('expected a score of at least {0}, got {1}', expect.scoreAtLeast, got)
          : l10n.t('expected a score of at least {0}, got none', expect.scoreAtLeast),
      );
    }
  }
  if (expect.faces !== undefined) {
    const got = object(body.DetectedFaces).FaceNumber;
    if (got !== expect.faces) fail('faces', expectedFaces(expect.faces, typeof got === 'number' ? got : undefined));
  }
  return failures;
}

function expectedFaces(expected: number, got: number | undefined): string {
  if (got === undefined) {
    return expected === 1 ? l10n.t('expected 1 face, got none') : l10n.t('expected {0} faces, got none', expected);
  }
  return expected === 1
    ? l10n.t('expected 1 face, got {0}', got)
    : l10n.t('expected {0} faces, got {1}', expected, got);
}
