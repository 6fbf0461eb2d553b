import { FINGER_KEYS } from './contract/fields';
import type { OperationId } from './contract/operations';
import { l10n } from './l10n';
import { describeBase64 } from './redact';

/** What was sent, where a verdict depends on it (verify reports fingers that were not sent). */
export interface VerdictContext {
  customId?: string;
  sentFace?: boolean;
  sentFingers?: readonly string[];
}

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function text(value: unknown, fallback = '?'): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}

function image(value: unknown): string {
  return typeof value === 'string' && value.length > 0 ? describeBase64(value) : l10n.t('no image');
}

function verifyVerdict(body: Json, context: VerdictContext): string {
  const person = object(body.Person);
  const details = object(person.MatchDetails);
  const customId = text(person.CustomID, context.customId);
  const parts: string[] = [];
  if (context.sentFace === false) parts.push(l10n.t('no face sent'));
  else parts.push(details.FaceMatched === true ? l10n.t('face matched') : l10n.t('face did not match'));
  const sent = context.sentFingers ?? [];
  const nonMatched = new Set(Array.isArray(details.NonMatchedFingers) ? details.NonMatchedFingers.map(String) : []);
  if (sent.length === 0) {
    parts.push(l10n.t('fingers not sent'));
  } else {
    const matched = FINGER_KEYS.filter((key) => sent.includes(key) && !nonMatched.has(key));
    const failed = FINGER_KEYS.filter((key) => sent.includes(key) && nonMatched.has(key));
    if (matched.length > 0) parts.push(l10n.t('fingers matched: {0}', matched.join(', ')));
    if (failed.length > 0) parts.push(l10n.t('fingers not matched: {0}', failed.join(', ')));
  }
  return person.Match === true
    ? l10n.t('Verify {0}: match ({1})', customId, parts.join('; '))
    : l10n.t('Verify {0}: no match ({1})', customId, parts.join('; '));
}

function icaoVerdict(body: Json): string {
  const icao = object(body.ICAO);
  const requirements = Object.entries(object(icao.Requirements));
  const failed = requirements.filter(([, result]) => object(result).IsConformed !== true).map(([name]) => name);
  const met = requirements.length - failed.length;
  return failed.length > 0
    ? l10n.t('ICAO: {0}/{1} requirements met: {2} failed', met, requirements.length, failed.join(', '))
    : l10n.t('ICAO: {0}/{1} requirements met', met, requirements.length);
}

/**
 * The one-line answer a developer reads first, from a successful response body
 * (e.g. "Enrolled 1234 -> BioPassID 1648", "ICAO: 21/23 requirements met: EyesClosed, Blurred failed").
 */
export function verdict(operation: OperationId, body: unknown, context: VerdictContext = {}): string {
  const root = object(body);
  const person = object(root.Person);
  switch (operation) {
    case 'enroll':
      return l10n.t('Enrolled {0} -> BioPassID {1}', text(person.CustomID, context.customId), text(person.BioPassID));
    case 'update':
      return l10n.t('Updated {0} -> BioPassID {1}', text(person.CustomID, context.customId), text(person.BioPassID));
    case 'verify':
      return verifyVerdict(root, context);
    case 'delete':
      return l10n.t('Deleted {0}', text(person.CustomID, context.customId));
    case 'match': {
      const match = object(root.Match);
      return match.IsGenuine === true
        ? l10n.t('Match: genuine (score {0})', text(match.Score))
        : l10n.t('Match: not genuine (score {0})', text(match.Score));
    }
    case 'extract':
      return l10n.t('Template extracted: {0}', image(object(root.Extract).Template));
    case 'wsq_encode':
      return l10n.t('WSQ encoded: {0}', image(object(root.Encode).Image));
    case 'decode':
      return l10n.t('WSQ decoded: {0}', image(object(root.Decode).Image));
    case 'face_detect': {
      const detected = object(root.DetectedFaces);
      const rects = Array.isArray(detected.FaceRects) ? detected.FaceRects.map(object) : [];
      const where = rects.map((rect) =>
        l10n.t('{0}x{1} at {2},{3}', text(rect.width), text(rect.height), text(rect.x), text(rect.y)),
      );
      const count = text(detected.FaceNumber, String(rects.length));
      return where.length > 0
        ? l10n.t('Faces detected: {0} ({1})', count, where.join('; '))
        : l10n.t('Faces detected: {0}', count);
    }
    case 'liveness':
      return root.spoof === true ? l10n.t('Liveness: spoof') : l10n.t('Liveness: live');
    case 'anonymizer':
      return l10n.t('Anonymized image: {0}', image(object(root.FaceAnonymizer).Image));
    case 'check_icao':
      return icaoVerdict(root);
    case 'icao_crop':
      return l10n.t('ICAO crop: {0}', image(object(root.IcaoCropedImage).Image));
    case 'check_nfiq':
      return l10n.t('NFIQ quality: {0}', text(object(root.NFIQ).Quality));
  }
}

/** Whether a successful answer is a negative one: verify did not match, liveness says spoof. */
export function isNegativeAnswer(operation: OperationId, body: unknown): boolean {
  const root = object(body);
  if (operation === 'verify') return object(root.Person).Match !== true;
  if (operation === 'liveness') return root.spoof === true;
  return false;
}

/** The base64 image an answer carries back (anonymizer, ICAO crop, WSQ decode), if any. */
export function returnedImage(operation: OperationId, body: unknown): string | undefined {
  const root = object(body);
  const holder =
    operation === 'anonymizer'
      ? root.FaceAnonymizer
      : operation === 'icao_crop'
        ? root.IcaoCropedImage
        : operation === 'decode'
          ? root.Decode
          : undefined;
  const value = object(holder).Image;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
