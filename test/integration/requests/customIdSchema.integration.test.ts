import * as assert from 'node:assert/strict';
import { CUSTOM_ID_MAX_LENGTH, CUSTOM_ID_RULES } from '../../../src/core/contract/choices';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { longCustomId } from '../../support/badInputs';
import { activateExtension } from '../../support/extension';
import { OUR_SOURCE, rangeOf, requestText, useRequestFolder, waitForDiagnostics } from './helpers';

/**
 * The CustomID limits (src/core/contract/choices.ts) are in the shipped JSON Schemas, so VS Code's
 * own validation reports them while typing; ours say the same, so they are held back from the
 * Problems panel (REPORTED_BY_SCHEMA) and only refuse the request on Send.
 */
const CASES = [
  {
    what: 'a non-ASCII CustomID',
    customId: 'José-Ñandú',
    code: 'customid-non-ascii',
    schemaSays: `CustomID must be ${CUSTOM_ID_RULES}: no control characters, accents or other scripts.`,
  },
  {
    what: `a CustomID over ${CUSTOM_ID_MAX_LENGTH} characters`,
    customId: longCustomId(300),
    code: 'customid-too-long',
    schemaSays: `String is longer than the maximum length of ${CUSTOM_ID_MAX_LENGTH}.`,
  },
] as const;

describe('request files: CustomID limits, reported once (real extension host)', () => {
  const requests = useRequestFolder();

  for (const { what, customId, code, schemaSays } of CASES) {
    it(`${what}: VS Code's schema check says so on the CustomID, and ours does not repeat it`, async () => {
      const services = await activateExtension();
      await requests.folder.write('face.jpg', sampleFaceJpeg(60));
      const document = await requests.open(
        `${code}.enroll.biopass.json`,
        requestText({ Person: { CustomID: customId, Face: [{ 'Face-1': { $file: './face.jpg' } }] } }),
      );
      const value = rangeOf(document, JSON.stringify(customId));

      const fromSchema = await waitForDiagnostics(document.uri, `the schema's diagnostic on the CustomID`, (all) => {
        const found = all.filter(
          (diagnostic) => diagnostic.source !== OUR_SOURCE && diagnostic.range.intersection(value) !== undefined,
        );
        return found.length > 0 ? found : undefined;
      });
      assert.deepEqual(
        fromSchema.map((diagnostic) => diagnostic.message),
        [schemaSays],
      );
      assert.deepEqual(await services.diagnostics.refresh(document), [], 'nothing of ours: the file is otherwise fine');
      const held = services.validation.validate(document).diagnostics.map((finding) => finding.code);
      // Found all the same, and refused on Send (badInputs.integration.test.ts).
      assert.deepEqual(held, [code], 'found, and held back');
    });
  }
});
