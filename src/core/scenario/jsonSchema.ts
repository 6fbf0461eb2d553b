import * as z from 'zod';
import { snippetText } from '../contract/snippets';
import { scenarioSchemas } from './schema';

export const SCENARIO_SCHEMA_FILE = 'scenario.schema.json';

const EXAMPLE = {
  name: 'Enroll, verify, delete',
  variables: { customId: 'alice-{{run.id}}' },
  steps: [
    {
      name: 'enroll',
      operation: 'enroll',
      body: { Person: { CustomID: '{{customId}}', Face: [{ 'Face-1': { $file: './faces/alice.jpg' } }] } },
      expect: { status: 200 },
    },
    {
      name: 'verify',
      operation: 'verify',
      body: { Person: { CustomID: '{{customId}}', Face: [{ 'Face-1': { $file: './faces/alice.jpg' } }] } },
      expect: { verdict: 'match' },
    },
  ],
  teardown: [{ name: 'delete', operation: 'delete', body: { Person: { CustomID: '{{customId}}' } } }],
};

/** schemas/scenario.schema.json, for `contributes.jsonValidation` on `*.biopass-test.json`. */
export function scenarioJsonSchema(): object {
  const json = z.toJSONSchema(scenarioSchemas().Scenario, { target: 'draft-7', unrepresentable: 'any' });
  return {
    ...json,
    title: 'BioPass ID test scenario',
    defaultSnippets: [
      {
        label: 'BioPass ID: scenario',
        description: 'enroll, verify, delete in teardown',
        bodyText: snippetText(EXAMPLE),
      },
    ],
  };
}
