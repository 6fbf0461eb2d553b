import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { generateJsonSchemas } from '../../src/core/contract/jsonSchemas';
import { validateRequest } from '../../src/core/validate/validateRequest';
import { requestOfSize } from './inputs';
import { medianMs, medianMsAsync } from './measure';
import { MB, row } from './table';

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
    const ours = medianMs(() => void validateRequest(text, { operation: 'enroll', maxImageBytes: 100 * MB }), 5, 1);
    const document = TextDocument.create('file:///bench.enroll.biopass.json', 'json', 1, text);
    const baseline = await medianMsAsync(
      async () => {
        await service.doValidation(document, service.parseJSONDocument(document));
      },
      5,
      1,
    );
    row(`validate ${size} MB request`, ours, baseline, 'ms', 'ratio <= 0.5', ours / baseline <= 0.5);
  }
  const text = requestOfSize(10);
  const at = text.indexOf('bench-0001') + 6;
  let flip = 0;
  const edit = medianMs(() => {
    flip = 1 - flip;
    const edited = `${text.slice(0, at)}${flip}${text.slice(at + 1)}`;
    validateRequest(edited, { operation: 'enroll', maxImageBytes: 100 * MB });
  });
  row('re-validate 10 MB after a 1-char edit', edit, undefined, 'ms', '<= 16 ms', edit <= 16);
}
