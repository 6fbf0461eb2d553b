import { basename } from 'node:path';
import { isOperationId, type OperationId } from '../contract/operations';
import { REQUEST_FILE_SUFFIX } from './fileSuffix';

/** The operation a request file's name pins, if any. */
export function operationFromFileName(path: string): OperationId | undefined {
  const name = basename(path);
  if (!name.toLowerCase().endsWith(REQUEST_FILE_SUFFIX)) return undefined;
  const stem = name.slice(0, -REQUEST_FILE_SUFFIX.length);
  // The last dot-separated part of the name: `alice.enroll` and `enroll` both pin enroll.
  const candidate = stem.slice(stem.lastIndexOf('.') + 1);
  return isOperationId(candidate) ? candidate : undefined;
}

/** What a request body sent: whether it had a face, and which fingers (for the verify verdict). */
export function sentBiometrics(body: unknown): { customId?: string; sentFace: boolean; sentFingers: string[] } {
  const person = ((body ?? {}) as { Person?: Record<string, unknown> }).Person ?? {};
  const fingers = Array.isArray(person.Fingers)
    ? (person.Fingers[0] as Record<string, unknown> | undefined)
    : undefined;
  return {
    ...(typeof person.CustomID === 'string' ? { customId: person.CustomID } : {}),
    sentFace: Array.isArray(person.Face) && person.Face.length > 0,
    sentFingers: fingers ? Object.keys(fingers) : [],
  };
}
