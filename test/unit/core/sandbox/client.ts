import type * as z from 'zod';
import { OPERATIONS, type OperationId } from '../../../../src/core/contract/operations';
import type { ResponseSchemas } from '../../../../src/core/contract/responses';
import type { Sandbox } from '../../../../src/core/sandbox';

/** Talks to a sandbox over real loopback HTTP, as a client of the BioPass ID API would. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  key?: string | null;
  contentType?: string;
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
  signal?: AbortSignal;
}

export async function call(sandbox: Sandbox, operation: OperationId, body: unknown, options: CallOptions = {}) {
  const { method, path } = OPERATIONS[operation];
  return send(sandbox, method, path, body, options);
}

export async function send(
  sandbox: Sandbox,
  method: string,
  path: string,
  body: unknown,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json' };
  const key = options.key === undefined ? sandbox.key : options.key;
  if (key !== null) headers['Ocp-Apim-Subscription-Key'] = key;
  const init: RequestInit = { method, headers, body: options.rawBody ?? JSON.stringify(body) };
  if (options.signal) init.signal = options.signal;
  const response = await fetch(`${sandbox.url}${path}`, init);
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
    headers: response.headers,
  };
}

/** Calls the operation, expects a 200 and checks the body against the catalog's response schema. */
export async function callOk<Id extends OperationId>(
  sandbox: Sandbox,
  operation: Id,
  body: unknown,
): Promise<z.infer<ResponseSchemas[Id]>> {
  const answer = await call(sandbox, operation, body);
  if (answer.status !== 200) throw new Error(`${operation} answered ${answer.status}: ${answer.text}`);
  return OPERATIONS[operation].response.parse(JSON.parse(answer.text)) as z.infer<ResponseSchemas[Id]>;
}

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function person(customId: string, images: { face?: Uint8Array; fingers?: Record<number, Uint8Array> }) {
  const body: { CustomID: string; Face?: unknown[]; Fingers?: unknown[] } = { CustomID: customId };
  if (images.face) body.Face = [{ 'Face-1': b64(images.face) }];
  if (images.fingers) {
    body.Fingers = [
      Object.fromEntries(Object.entries(images.fingers).map(([finger, bytes]) => [`Finger-${finger}`, b64(bytes)])),
    ];
  }
  return { Person: body };
}
