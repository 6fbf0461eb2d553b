import { chmodSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CUSTOM_ID_MAX_LENGTH, DEFAULT_MAX_IMAGE_BYTES } from '../../src/core/contract/choices';
import { sampleFaceJpeg } from '../../src/core/images/samples';

/**
 * The bad-input matrix shared by the extension's integration tests and the CLI's tests: files an
 * image action must refuse, and request files Send must refuse, before anything is sent. Both
 * tiers run in Node, so the files are made with node:fs.
 */

/** A file with an image's name that is not an image that can be sent. */
export interface BadImageFile {
  /** What is wrong with it, for the test title. */
  what: string;
  name: string;
  /** Makes the file (or folder, or link) at path. */
  create(path: string): void;
  /** What the refusal says about it, after naming it. */
  problem: RegExp;
  /** root reads any file whatever its mode: the case cannot be set up there. */
  needsNonRoot?: boolean;
}

/** A sample face JPEG cut in half, as an interrupted copy or download leaves it. */
export function truncatedJpeg(variant: number): Buffer {
  const whole = sampleFaceJpeg(variant);
  return whole.subarray(0, Math.floor(whole.length / 2));
}

export const BAD_IMAGE_FILES: readonly BadImageFile[] = [
  {
    what: 'a text file with an image extension',
    name: 'notes.jpg',
    create: (path) => writeFileSync(path, 'just some text, not a JPEG'),
    problem: /is not an image; this takes a face image \(JPEG or PNG\)/,
  },
  {
    what: 'a 0-byte file',
    name: 'empty.jpg',
    create: (path) => writeFileSync(path, ''),
    problem: /is empty \(0 bytes\)/,
  },
  {
    what: 'a truncated JPEG',
    name: 'cut.jpg',
    create: (path) => writeFileSync(path, truncatedJpeg(40)),
    problem: /is a truncated JPEG: it ends before its end-of-image marker/,
  },
  {
    what: 'an image over the size limit',
    name: 'huge.jpg',
    // A real JPEG grown past the limit with zeros: sparse on disk, and refused from its size alone.
    create: (path) => {
      writeFileSync(path, sampleFaceJpeg(41));
      truncateSync(path, DEFAULT_MAX_IMAGE_BYTES + 1);
    },
    problem: /is 10\.0 MB.*, over the 10\.0 MB.* limit/,
  },
  {
    what: 'a directory',
    name: 'folder.jpg',
    create: (path) => mkdirSync(path),
    problem: /is a (directory|folder), not an image/,
  },
  {
    what: 'a symbolic link loop',
    name: 'loop.jpg',
    create: (path) => symlinkSync(basename(path), path),
    problem: /is a symbolic link loop \(too many levels of symbolic links\)/,
  },
  {
    what: 'a file without read permission',
    name: 'locked.jpg',
    create: (path) => {
      writeFileSync(path, sampleFaceJpeg(42));
      chmodSync(path, 0o000);
    },
    problem: /cannot be read: permission denied/,
    needsNonRoot: true,
  },
];

/** Whether this process can set up a case: root reads files regardless of their mode. */
export function canSetUp(file: BadImageFile): boolean {
  return !file.needsNonRoot || process.getuid?.() !== 0;
}

/** A request file Send must refuse, with the first problem the refusal names. */
export interface BadRequestFile {
  what: string;
  name: string;
  text(): string;
  problem: RegExp;
  /** Tens of megabytes: opening it in the editor alone takes seconds on a loaded machine. */
  large?: boolean;
}

/** The images the request files below refer to, to be written next to them: a face, and one cut short. */
export function requestImages(): Record<string, Buffer> {
  return { 'face.jpg': sampleFaceJpeg(48), 'cut.jpg': truncatedJpeg(49) };
}

function faceArray(file: string): string {
  return `[{ "Face-1": { "$file": "./${file}" } }]`;
}
const face = faceArray('face.jpg');

/** A well-formed enroll request for customId, with the face as a `$file` reference. */
export function enrollRequestText(customId: string, file = 'face.jpg'): string {
  return `{\n  "Person": {\n    "CustomID": ${JSON.stringify(customId)},\n    "Face": ${faceArray(file)}\n  }\n}\n`;
}

/** Inline base64 that decodes to `megabytes` MB starting with a JPEG header: 4/3 as many characters. */
function oversizeRequestText(megabytes: number): string {
  const bytes = Buffer.alloc(megabytes * 1024 * 1024);
  sampleFaceJpeg(43).copy(bytes);
  return `{"Person":{"CustomID":"oversize","Face":[{"Face-1":"${bytes.toString('base64')}"}]}}`;
}

export const BAD_REQUEST_FILES: readonly BadRequestFile[] = [
  {
    what: 'a JSON syntax error',
    name: 'syntax.biopass.json',
    text: () => `{\n  "Person": {\n    "CustomID": "syntax"\n    "Face": ${face}\n  }\n}\n`,
    problem: /Invalid JSON: a comma "," is expected here/,
  },
  {
    what: 'fields of the wrong type',
    name: 'types.biopass.json',
    text: () => `{\n  "Person": {\n    "CustomID": 1234,\n    "Face": { "Face-1": "x" }\n  }\n}\n`,
    problem: /Person\.CustomID must be a string, not a number/,
  },
  {
    what: 'a comment',
    name: 'comment.biopass.json',
    text: () => `// enroll the test person\n${enrollRequestText('commented')}`,
    problem: /Comments are not JSON: the API reads strict JSON/,
  },
  {
    what: 'a duplicate key',
    name: 'duplicate.biopass.json',
    text: () => `{\n  "Person": {\n    "CustomID": "first",\n    "CustomID": "second",\n    "Face": ${face}\n  }\n}\n`,
    problem: /Duplicate key "CustomID": it is already set on line 3/,
  },
  {
    what: 'a $file that is a truncated JPEG',
    name: 'cut.biopass.json',
    text: () => enrollRequestText('cut', 'cut.jpg'),
    problem: /\.\/cut\.jpg is a truncated JPEG: it ends before its end-of-image marker/,
  },
  {
    what: 'a non-ASCII CustomID',
    name: 'accented.biopass.json',
    text: () => enrollRequestText('José-Ñandú'),
    problem: /CustomID holds "é" \(U\+00E9\), outside printable ASCII: BioPass ID publishes no charset limit/,
  },
  {
    what: `a CustomID over ${CUSTOM_ID_MAX_LENGTH} characters`,
    name: 'long-id.biopass.json',
    text: () => enrollRequestText(longCustomId(10_000)),
    problem: new RegExp(`CustomID is 10000 characters long, over the ${CUSTOM_ID_MAX_LENGTH} this tool takes`),
  },
  {
    what: 'a 40 MB body (an inline image over the size limit)',
    name: 'huge.biopass.json',
    text: () => oversizeRequestText(30),
    problem: /Person\.Face\[0\]\.Face-1 decodes to 30\.0 MB, over the 10\.0 MB limit/,
    large: true,
  },
];

/** A byte order mark: accepted with a warning, and stripped from what is sent. */
export const BOM = '\uFEFF';

/**
 * A CustomID of `length` printable ASCII characters. Dashes keep it from being one long run of the
 * base64 alphabet, which every log line redacts.
 */
export function longCustomId(length: number): string {
  return 'id-'.repeat(Math.ceil(length / 3)).slice(0, length);
}

/**
 * CustomIDs refused before anything is sent, with the message the prompt shows, and ones at the
 * edges of the rule (printable ASCII, not only spaces, at most CUSTOM_ID_MAX_LENGTH characters:
 * src/core/contract/choices.ts), accepted as they are.
 */
export const REFUSED_CUSTOM_IDS: readonly { what: string; value: string; message: string }[] = [
  { what: 'empty', value: '', message: 'CustomID is empty' },
  { what: 'spaces only', value: '    ', message: 'CustomID is only whitespace' },
  { what: 'a bell character', value: 'ab\u0007c', message: 'CustomID holds control characters' },
  { what: 'a tab', value: 'first\tlast', message: 'CustomID holds control characters' },
  { what: 'a line break', value: 'line\nbreak', message: 'CustomID holds control characters' },
  { what: 'DEL', value: 'del\u007f', message: 'CustomID holds control characters' },
  {
    what: 'non-ASCII letters',
    value: 'José-Ñandú-李',
    message: 'CustomID holds characters outside printable ASCII (é, ñ, 李…)',
  },
  {
    what: 'a no-break space',
    value: 'Ana\u00a0Souza',
    message: 'CustomID holds characters outside printable ASCII (é, ñ, 李…)',
  },
  {
    what: `${CUSTOM_ID_MAX_LENGTH + 1} characters`,
    value: longCustomId(CUSTOM_ID_MAX_LENGTH + 1),
    message: `CustomID is longer than ${CUSTOM_ID_MAX_LENGTH} characters`,
  },
  {
    what: '10,000 characters',
    value: longCustomId(10_000),
    message: `CustomID is longer than ${CUSTOM_ID_MAX_LENGTH} characters`,
  },
];

export const ACCEPTED_CUSTOM_IDS: readonly { what: string; value: string }[] = [
  { what: `exactly ${CUSTOM_ID_MAX_LENGTH} characters`, value: longCustomId(CUSTOM_ID_MAX_LENGTH) },
  { what: 'punctuation', value: 'A-12.b_c/d:e@f' },
  { what: 'inner spaces', value: 'Ana Souza 12' },
  { what: 'quotes and a backslash', value: `O'Neil "Jr" \\ #7` },
];
