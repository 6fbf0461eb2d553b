import { readFileSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { generateJsonSchemas } from '../../src/core/contract/jsonSchemas';
import { validateRequest } from '../../src/core/validate/validateRequest';
import { MB } from './table';

/**
 * Run as its own process by validation.ts: `node validationMemory.js <request file> ours|languageService`.
 * Prints how far the resident memory rose above its level before one validation, in MB: Linux's
 * high-water mark (VmHWM) is reset just before it, so the peak inside the call is seen. The request
 * is read from a file rather than generated here, so that no memory freed by its making is reused
 * unseen by the validation.
 */
function residentMb(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match?.[1]) / 1024;
}

async function main(): Promise<void> {
  const [file, which] = process.argv.slice(2);
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const text = readFileSync(file as string, 'utf8');
  const service = getLanguageService({});
  service.configure({
    validate: true,
    schemas: [
      {
        uri: 'biopassid://enroll.schema.json',
        fileMatch: ['*.json'],
        schema: generateJsonSchemas()['operations/enroll.schema.json'],
      },
    ],
  });
  const document = TextDocument.create('file:///bench.enroll.biopass.json', 'json', 1, text);
  gc();
  writeFileSync('/proc/self/clear_refs', '5');
  const before = residentMb('VmRSS');
  const result =
    which === 'ours'
      ? validateRequest(text, { operation: 'enroll', maxImageBytes: 100 * MB })
      : await service.doValidation(document, service.parseJSONDocument(document));
  const peak = residentMb('VmHWM') - before;
  if (result === undefined) throw new Error('the validation returned nothing');
  process.stdout.write(JSON.stringify({ peak }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
