import { FINGER_KEYS } from './contract/fields';
import type { OperationId } from './contract/operations';
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
  return typeof value === 'string' && value.length > 0 ? describeBase64(value) : 'no image';
}

function verifyVerdict(body: Json, context: VerdictContext): string {
  const person = object(body.Person);
  const details = object(person.MatchDetails);
  const customId = text(person.CustomID, context.customId);
  const parts: string[] = [];
  if (context.sentFace === false) parts.push('no face sent');
  else parts.push(details.FaceMatched === true ? 'face matched' : 'face did not match');
  const sent = context.sentFingers ?? [];
  const nonMatched = new Set(Array.isArray(details.NonMatchedFingers) ? details.NonMatchedFingers.map(String) : []);
  if (sent.length === 0) {
    parts.push('fingers not sent');
  } else {
    const matched = FINGER_KEYS.filter((key) => sent.includes(key) && !nonMatched.has(key));
    const failed = FINGER_KEYS.filter((key) => sent.includes(key) && nonMatched.has(key));
    if (matched.length > 0) parts.push(`fingers matched: ${matched.join(', ')}`);
    if (failed.length > 0) parts.push(`fingers not matched: ${failed.join(', ')}`);
  }
  return `Verify ${customId}: ${person.Match === true ? 'match' : 'no match'} (${parts.join('; ')})`;
}

function icaoVerdict(body: Json): string {
  const icao = object(body.ICAO);
  const requirements = Object.entries(object(icao.Requirements));
  const failed = requirements.filter(([, result]) => object(result).IsConformed !== true).map(([name]) => name);
  const met = requirements.length - failed.length;
  const head = `ICAO: ${met}/${requirements.length} requirements met`;
  return failed.length > 0 ? `${head}: ${failed.join(', ')} failed` : head;
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
      return `Enrolled ${text(person.CustomID, context.customId)} -> BioPassID ${text(person.BioPassID)}`;
    case 'update':
      return `Updated ${text(person.CustomID, context.customId)} -> BioPassID ${text(person.BioPassID)}`;
    case 'verify':
      return verifyVerdict(root, context);
    case 'delete':
      return `Deleted ${text(person.CustomID, context.customId)}`;
    case 'match': {
      const match = object(root.Match);
      return `Match: ${match.IsGenuine === true ? 'genuine' : 'not genuine'} (score ${text(match.Score)})`;
    }
    case 'extract':
      return `Template extracted: ${image(object(root.Extract).Template)}`;
    case 'wsq_encode':
      return `WSQ encoded: ${image(object(root.Encode).Image)}`;
    case 'decode':
      return `WSQ decoded: ${image(object(root.Decode).Image)}`;
    case 'face_detect': {
      const detected = object(root.DetectedFaces);
      const rects = Array.isArray(detected.FaceRects) ? detected.FaceRects.map(object) : [];
      const where = rects.map((rect) => `${text(rect.width)}x${text(rect.height)} at ${text(rect.x)},${text(rect.y)}`);
      const count = text(detected.FaceNumber, String(rects.length));
      return `Faces detected: ${count}${where.length > 0 ? ` (${where.join('; ')})` : ''}`;
    }
    case 'liveness':
      return `Liveness: ${root.spoof === true ? 'spoof' : 'live'}`;
    case 'anonymizer':
      return `Anonymized image: ${image(object(root.FaceAnonymizer).Image)}`;
    case 'check_icao':
      return icaoVerdict(root);
    case 'icao_crop':
      return `ICAO crop: ${image(object(root.IcaoCropedImage).Image)}`;
    case 'check_nfiq':
      return `NFIQ quality: ${text(object(root.NFIQ).Quality)}`;
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
