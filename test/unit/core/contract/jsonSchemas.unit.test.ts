import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles, generateJsonSchemas } from '../../../../src/core/contract/jsonSchemas';

const root = join(__dirname, '../../../../..');

describe('the shipped JSON Schemas', () => {
  const generated = generateJsonSchemas();

  it('are current: schemas/ and snippets/ hold exactly what the zod contract generates', () => {
    for (const [file, text] of Object.entries(generatedFiles())) {
      assert.equal(readFileSync(join(root, file), 'utf8'), text, `${file} is stale: run npm run build`);
    }
  });

  it('ship one snippet per operation for JSON files, with placeholders', () => {
    const snippets = JSON.parse(generatedFiles()['snippets/requests.json'] ?? '{}');
    assert.equal(Object.keys(snippets).length, 14);
    assert.deepEqual(snippets['BioPass ID: Delete'], {
      prefix: 'biopass-delete',
      description: 'DELETE /multibiometrics/delete',
      body: ['{', '\t"Person": {', '\t\t"CustomID": "${1:1234}"', '\t}', '}'],
    });
  });

  it('explain finger positions, formats and the no-prefix rule in hover text', () => {
    const enroll = JSON.stringify(generated['operations/enroll.schema.json']);
    assert.match(enroll, /Finger-7: left index/);
    assert.match(enroll, /no `data:` prefix/);
    const match = JSON.stringify(generated['operations/match.schema.json']);
    assert.match(match, /ISO\/IEC 19794-2:2011 finger minutiae record/);
  });

  it('offer one snippet per operation, and all of them on the any-request schema', () => {
    const any = generated['request.schema.json'] as { defaultSnippets: { label: string }[] };
    assert.equal(any.defaultSnippets.length, 14);
    assert.ok(any.defaultSnippets.some((snippet) => snippet.label === 'BioPass ID: Check Liveness'));
    const del = generated['operations/delete.schema.json'] as { defaultSnippets: { bodyText: string }[] };
    assert.equal(del.defaultSnippets[0]?.bodyText, '{\n\t"Person": {\n\t\t"CustomID": "${1:1234}"\n\t}\n}');
    const enroll = generated['operations/enroll.schema.json'] as { defaultSnippets: { bodyText: string }[] };
    assert.match(enroll.defaultSnippets[0]?.bodyText ?? '', /"\\\$file": "\$\{2:\.\/face\.jpg\}"/);
  });

  it('declare draft 7, reject unknown keys and carry no regex on image fields', () => {
    const enroll = generated['operations/enroll.schema.json'] as Record<string, unknown>;
    assert.equal(enroll.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(enroll.additionalProperties, false);
    const faceImage = JSON.stringify(
      (enroll as { properties: { Person: { properties: { Face: unknown } } } }).properties.Person.properties.Face,
    );
    assert.ok(!faceImage.includes('"pattern"'), 'a pattern on an image field slows the editor on real images');
  });
});
