import type { OperationId } from '../contract/operations';
import { l10n } from '../l10n';
import { REQUEST_FILE_SUFFIX } from '../request/fileSuffix';
import { type ExtractedImage, extractInlineImages } from './images';
import { readCurlOptions } from './options';
import { type ImportedEnvironment, readTarget } from './target';
import { curlWords } from './words';

export type { ExtractedImage } from './images';
export type { ImportedEnvironment } from './target';

/** The header the gateway reads the key from; never written into a request file. */
const KEY_HEADER = 'ocp-apim-subscription-key';

/** What a request file made from a curl command says instead of holding the key. */
export const KEY_SOURCE_COMMENT =
  'The subscription key is not in this file: BioPass ID sends the key stored for the chosen environment (BioPass ID: Set API Key...), or BIOPASSID_API_KEY.';

export interface CurlImport {
  operation: OperationId;
  environment: ImportedEnvironment;
  /** A file name for the request, pinning its operation: `alice-0001.enroll.biopass.json`. */
  fileName: string;
  /** The request file's text. */
  text: string;
  /** Images moved out of the body, to write next to the request file (none with `inline`). */
  images: ExtractedImage[];
  /** What the user should know: where the key comes from, the environment, what was dropped. */
  notes: string[];
}

export type CurlImportResult = { ok: true; value: CurlImport } | { ok: false; message: string };

export interface CurlImportOptions {
  /** Keep inline base64 images in the body instead of writing them to files. */
  inline?: boolean;
  /** Reads the file of a `-d @file`; rejects when it cannot. */
  readDataFile: (path: string) => Promise<string>;
}

function fileStem(operation: OperationId, body: unknown): string {
  const customId = (body as { Person?: { CustomID?: unknown } }).Person?.CustomID;
  const name = typeof customId === 'string' ? customId.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) : '';
  return /[A-Za-z0-9]/.test(name) ? `${name}.${operation}` : operation;
}

/**
 * A request file from a pasted curl command: the method and path pick the operation, the host
 * the environment; the body must be JSON holding that operation's envelope. The subscription key
 * (header or query) is never carried over: the file says where the key comes from instead.
 */
export async function curlToRequestFile(text: string, options: CurlImportOptions): Promise<CurlImportResult> {
  const words = curlWords(text);
  if (!words.ok) return words;
  const parsed = readCurlOptions(words.words);
  if (!parsed.ok) return parsed;
  const { request } = parsed;
  const target = readTarget(request.method, request.url);
  if (!target.ok) return target;
  const { operation } = target;
  const notes = [...target.notes];

  const keyHeader = request.headers.find(([name]) => name.toLowerCase() === KEY_HEADER);
  // The file's $comment stays in English (it is part of the file); the note is in the user's language.
  const keySource = l10n.t(
    'The subscription key is not in the file: BioPass ID sends the key stored for the chosen environment (BioPass ID: Set API Key...), or BIOPASSID_API_KEY.',
  );
  notes.unshift(
    keyHeader ? `${l10n.t('The {0} header was not written to the file.', keyHeader[0])} ${keySource}` : keySource,
  );
  const contentType = request.headers.find(([name]) => name.toLowerCase() === 'content-type');
  if (contentType && !/json/i.test(contentType[1])) {
    return {
      ok: false,
      message: l10n.t('The command sends Content-Type {0}; BioPass ID takes JSON.', contentType[1].slice(0, 60)),
    };
  }
  if (request.headers.some(([name]) => name.toLowerCase() === 'authorization')) {
    notes.push(l10n.t('The Authorization header was dropped: BioPass ID reads only the subscription key.'));
  }

  if (request.data.length === 0)
    return { ok: false, message: l10n.t('The command sends no body; {0} takes a JSON body.', operation.title) };
  const parts: string[] = [];
  for (const part of request.data) {
    if (part.kind === 'text') {
      parts.push(part.text);
      continue;
    }
    try {
      parts.push(await options.readDataFile(part.path));
    } catch (error) {
      return {
        ok: false,
        message: l10n.t(
          'The body file {0} of -d @{0} cannot be read: {1}',
          part.path,
          error instanceof Error ? error.message : String(error),
        ),
      };
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(parts.join('&'));
  } catch (error) {
    return {
      ok: false,
      message: l10n.t(
        'The body is not JSON ({0}); BioPass ID takes a JSON body.',
        error instanceof Error ? error.message : String(error),
      ),
    };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !Object.hasOwn(body, operation.envelope)) {
    return {
      ok: false,
      message: l10n.t(
        'The body is not a {0} request: {1} takes a JSON object holding "{2}".',
        operation.title,
        operation.path,
        operation.envelope,
      ),
    };
  }

  const stem = fileStem(operation.id, body);
  const { body: written, images } = options.inline ? { body, images: [] } : extractInlineImages(body, stem);
  if (images.length > 0) {
    const names = images.map((image) => image.fileName).join(', ');
    notes.push(
      images.length === 1
        ? l10n.t('1 inline image written to a file next to the request ($file): {0}.', names)
        : l10n.t('{0} inline images written to files next to the request ($file): {1}.', images.length, names),
    );
  }
  const file = { $comment: KEY_SOURCE_COMMENT, ...(written as Record<string, unknown>) };
  return {
    ok: true,
    value: {
      operation: operation.id,
      environment: target.environment,
      fileName: `${stem}${REQUEST_FILE_SUFFIX}`,
      text: `${JSON.stringify(file, null, 2)}\n`,
      images,
      notes,
    },
  };
}
