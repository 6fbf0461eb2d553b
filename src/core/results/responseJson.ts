import { isBase64Alphabet } from '../base64';
import { detectImageKind, IMAGE_FILE_EXTENSIONS } from '../images/kind';
import { DEFAULT_BASE64_THRESHOLD, describeBase64 } from '../redact';

/** A string long enough to be an image or template and made only of the base64 alphabet. */
function isBase64Run(value: string): boolean {
  if (value.length < DEFAULT_BASE64_THRESHOLD) return false;
  const end = value.endsWith('==') ? value.length - 2 : value.endsWith('=') ? value.length - 1 : value.length;
  for (let index = 0; index < end; index++) if (!isBase64Alphabet(value.charCodeAt(index))) return false;
  return true;
}

function walk(value: unknown, path: string[], visit: (text: string, path: string[]) => unknown): unknown {
  if (typeof value === 'string') return visit(value, path);
  if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, String(index)], visit));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key], visit)]));
  }
  return value;
}

/**
 * The response as a JSON text where every image or template is its descriptor
 * (`<jpeg 182 KB sha256:1a2b3c4d>`): what "Open Response as JSON" shows and "Save Response" can write.
 */
export function responseWithDescriptors(body: unknown): string {
  return `${JSON.stringify(
    walk(body, [], (text) => (isBase64Run(text) ? describeBase64(text) : text)),
    null,
    2,
  )}\n`;
}

export interface SavedFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * "Save Response…" with the images: the full JSON as received, and every image (or template)
 * decoded into a file beside it, named after the JSON file and the field's path
 * (`face.anonymizer.FaceAnonymizer.Image.jpg`).
 */
export function responseWithImageFiles(
  body: unknown,
  stem: string,
  redactText: (text: string) => string = (text) => text,
): { json: string; files: SavedFile[] } {
  const files: SavedFile[] = [];
  // Images stay whole (the user asked for them); any other text still passes the redactor (a key echoed back).
  const kept = walk(body, [], (text, path) => {
    if (!isBase64Run(text)) return redactText(text);
    const bytes = Buffer.from(text, 'base64');
    const kind = detectImageKind(bytes);
    const extension = kind ? IMAGE_FILE_EXTENSIONS[kind] : '.bin';
    const field = path.join('.').replace(/[^A-Za-z0-9._-]/g, '_');
    files.push({ name: `${stem}.${field}${extension}`, bytes });
    return text;
  });
  return { json: `${JSON.stringify(kept, null, 2)}\n`, files };
}
