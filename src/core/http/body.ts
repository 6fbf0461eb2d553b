/**
 * Reading an answer's body with a size cap. `response.text()` holds the whole body, however large,
 * before anything can look at it (a 100 MB answer took the process to 566 MB); this reads the web
 * ReadableStream that undici's and VS Code's fetch both return, chunk by chunk, and stops as soon
 * as the cap is passed.
 */

/** The parts of a web ReadableStream of bytes the client uses. */
export interface BodyStream {
  getReader(): BodyReader;
  cancel(reason?: unknown): Promise<void>;
}

export interface BodyReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

/** The parts of a fetch Response the body read uses. */
export interface BodySource {
  readonly headers: { get(name: string): string | null };
  /** Absent or null on a FetchLike without streams: the body is then read with text(), uncapped. */
  readonly body?: BodyStream | null;
  text(): Promise<string>;
}

/** UTF-8, replacement characters for bad bytes and a leading BOM dropped: what Response.text() does. */
const utf8 = new TextDecoder();

/** Stops reading; the error a cancelled stream or connection may raise is of no interest. */
function stop(stream: { cancel(): Promise<void> }): void {
  stream.cancel().catch(() => {});
}

/**
 * The body as text, or undefined when it is larger than `limitBytes` (nothing more is read then).
 * A Content-Length over the limit stops before reading anything. For small bodies this allocates
 * nothing beyond the chunks the stream hands over: a single chunk is decoded as it is.
 */
export async function readBody(response: BodySource, limitBytes: number): Promise<string | undefined> {
  const body = response.body;
  // Number(null) is 0 and a malformed header is NaN: both fall through to reading, which counts.
  if (Number(response.headers.get('content-length')) > limitBytes) {
    if (body) stop(body);
    return undefined;
  }
  if (!body) {
    // Characters, not bytes: a UTF-8 body is never shorter in bytes, so this cap is never tighter.
    const text = await response.text();
    return text.length > limitBytes ? undefined : text;
  }
  const reader = body.getReader();
  let first: Uint8Array | undefined;
  let rest: Uint8Array[] | undefined;
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || value === undefined) break;
    total += value.byteLength;
    if (total > limitBytes) {
      stop(reader);
      return undefined;
    }
    if (first === undefined) first = value;
    else if (rest === undefined) rest = [value];
    else rest.push(value);
  }
  if (first === undefined) return '';
  if (rest === undefined) return utf8.decode(first);
  // One copy of the bytes, decoded once: no string concatenation, no split multi-byte characters.
  const whole = new Uint8Array(total);
  whole.set(first, 0);
  let offset = first.byteLength;
  for (const chunk of rest) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  first = undefined;
  rest = undefined;
  return utf8.decode(whole);
}
