import type { OperationId } from '../contract/operations';
import type { FaultKind } from './faults';

/**
 * One request as the sandbox saw it. It holds no body, no image bytes or base64 and no key, so it
 * can be printed or attached to a bug report as it is.
 */
export interface SandboxLogEntry {
  /** When the request arrived, ISO 8601. */
  time: string;
  method: string;
  /** The path alone: a query string could carry a key (the gateway also reads `subscription-key` there). */
  path: string;
  operation?: OperationId;
  /** The status sent to the client; 0 when the connection was reset before any response. */
  status: number;
  customId?: string;
  requestBytes: number;
  latencyMs: number;
  /** The injected faults this request took, in order. */
  faults?: FaultKind[];
}

/** Longer values are cut: a CustomID is short, and anything long in its place may be pasted data. */
const MAX_LOGGED_TEXT = 64;
const MAX_LOGGED_PATH = 256;

export function loggableCustomId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const person = (body as { Person?: unknown }).Person;
  if (typeof person !== 'object' || person === null) return undefined;
  const customId = (person as { CustomID?: unknown }).CustomID;
  if (typeof customId !== 'string') return undefined;
  return customId.length > MAX_LOGGED_TEXT ? `${customId.slice(0, MAX_LOGGED_TEXT)}…` : customId;
}

export function loggablePath(path: string): string {
  return path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path;
}
