import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { generateJsonSchemas } from '../../src/core/contract/jsonSchemas';
import { personRequest } from '../../src/core/request/build';
import { clearLongStringCaches } from '../../src/core/validate/scanCache';
import { validateRequest } from '../../src/core/validate/validateRequest';
import { imageOfSize } from './inputs';
import { medianMs, medianMsAsync } from './measure';
import { MB, row } from './table';

const OPTIONS = { operation: 'enroll', maxImageBytes: 100 * MB } as const;

/**
 * An enroll request of about `megabytes` MB, a face and ten fingers of equal size, each its own
 * image as in a real capture (a validator remembering scans must not get identical images for free).
 */
function requestOfSize(megabytes: number): string {
  const bytes = Math.floor((megabytes * MB * 3) / 4 / 11);
  const image = () => imageOfSize(bytes).toString('base64');
  const fingers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`Finger-${i + 1}`, image()]));
  return flatten(JSON.stringify(personRequest('bench-0001', { face: image(), fingers }), null, 2));
}

/**
 * Makes V8 copy a string built by concatenation (or by JSON.stringify) into one block now, as the
 * text of an editor buffer is, rather than inside the first measured run.
 */
function flatten(text: string): string {
  text.indexOf('"', text.length - 1);
  return text;
}

/** A copy of `text` with the character at `at` replaced. */
function withCharacter(text: string, at: number, character: string): string {
  return flatten(`${text.slice(0, at)}${character}${text.slice(at + 1)}`);
}

/**
 * Median time to validate after a one-character edit at `at`: two texts differing there are
 * validated in turn, so each run sees the text before the edit as its previous one.
 */
function editMs(text: string, at: number, characters: readonly [string, string]): number {
  const texts = characters.map((character) => withCharacter(text, at, character));
  let turn = 0;
  validateRequest(texts[1] as string, OPTIONS);
  return medianMs(() => {
    validateRequest(texts[turn] as string, OPTIONS);
    turn = 1 - turn;
  }, 15);
}

/**
 * How far the resident memory of a fresh process rises while validating `text` once
 * (validationMemory.ts); undefined where Linux's /proc is not there to tell.
 */
function peakMemoryMb(text: string): { ours: number; languageService: number } | undefined {
  if (!existsSync('/proc/self/clear_refs')) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'bpid-bench-'));
  try {
    const file = join(dir, 'request.json');
    writeFileSync(file, text);
    const peak = (which: string) => {
      const output = execFileSync(process.execPath, [join(__dirname, 'validationMemory.js'), file, which], {
        encoding: 'utf8',
      });
      return (JSON.parse(output) as { peak: number }).peak;
    };
    return { ours: peak('ours'), languageService: peak('languageService') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The core validator against vscode-json-languageservice with our schema, on the same text. */
export async function validation(): Promise<void> {
  const schema = generateJsonSchemas()['operations/enroll.schema.json'];
  const service = getLanguageService({});
  service.configure({
    validate: true,
    schemas: [{ uri: 'biopassid://enroll.schema.json', fileMatch: ['*.json'], schema }],
  });
  for (const size of [1, 10, 40]) {
    const text = requestOfSize(size);
    // A document opened: nothing of it is remembered from an earlier validation.
    const ours = medianMs(
      () => {
        clearLongStringCaches();
        validateRequest(text, OPTIONS);
      },
      5,
      1,
    );
    const document = TextDocument.create('file:///bench.enroll.biopass.json', 'json', 1, text);
    const baseline = await medianMsAsync(
      async () => {
        await service.doValidation(document, service.parseJSONDocument(document));
      },
      5,
      1,
    );
    row(`validate ${size} MB request`, ours, baseline, 'ms', 'ratio <= 0.5', ours / baseline <= 0.5);
    const memory = size === 40 ? peakMemoryMb(text) : undefined;
    if (memory !== undefined) {
      row('  peak memory of one validation (RSS rise)', memory.ours, memory.languageService, 'MB', 'reference');
    }
  }

  const text = requestOfSize(10);
  const inCustomId = text.indexOf('bench-0001') + 6;
  const customIdEdit = editMs(text, inCustomId, ['0', '1']);
  row(
    're-validate 10 MB after a 1-char edit (CustomID)',
    customIdEdit,
    undefined,
    'ms',
    '<= 16 ms',
    customIdEdit <= 16,
  );
  // Halfway through the fifth finger's base64: that image is scanned again, the other ten are not.
  const finger = text.indexOf('"Finger-5"');
  const inImage = Math.floor((finger + text.indexOf('"Finger-6"')) / 2);
  const imageEdit = editMs(text, inImage, text[inImage] === 'A' ? ['B', 'A'] : ['A', text[inImage] as string]);
  row('re-validate 10 MB after a 1-char edit (in an image)', imageEdit, undefined, 'ms', 'reference');
}
