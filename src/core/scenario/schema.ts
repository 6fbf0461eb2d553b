import * as z from 'zod';
import { OPERATION_IDS } from '../contract/operations';
import { ICAO_REQUIREMENTS } from '../contract/responses';

/**
 * The scenario file format (`*.biopass-test.json`) as zod schemas: the source of the types, the
 * runtime check and the shipped JSON Schema (schemas/scenario.schema.json). Built on first use.
 */

/** A step name is what `{{<step>.Person.BioPassID}}` starts with: a word, no dots. */
export const STEP_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export const VERDICTS = ['match', 'no match', 'live', 'spoof'] as const;
export type Verdict = (typeof VERDICTS)[number];

let built: ReturnType<typeof buildScenarioSchemas> | undefined;

function buildScenarioSchemas() {
  const Expect = z
    .strictObject({
      status: z.number().int().min(100).max(599).optional().meta({
        markdownDescription: 'The HTTP status of the answer, e.g. `200`, or `400` for a request the service refuses.',
      }),
      verdict: z
        .enum(VERDICTS)
        .optional()
        .meta({
          markdownDescription:
            '`match` / `no match` (verify: `Person.Match`), `live` / `spoof` (liveness: `Success` and not `spoof`).',
          enumDescriptions: [
            'verify: the person matched',
            'verify: the person did not match',
            'liveness: a live face',
            'liveness: a spoof',
          ],
        }),
      icaoConformed: z
        .array(z.enum(ICAO_REQUIREMENTS))
        .min(1)
        .optional()
        .meta({ markdownDescription: 'check_icao: these ICAO requirements are conformed (`IsConformed: true`).' }),
      scoreAtLeast: z.number().optional().meta({
        markdownDescription:
          'A score at least this: `Match.Score` (match), `ICAO.FaceImageConformed` (check_icao), `NFIQ.Quality` (check_nfiq).',
      }),
      faces: z.number().int().min(0).optional().meta({
        markdownDescription: 'face_detect: the number of faces found (`DetectedFaces.FaceNumber`).',
      }),
      errorContains: z.string().min(1).optional().meta({
        markdownDescription:
          'The call fails and its reason (a 400 text, the gateway message or `Message`) contains this text, ignoring case.',
      }),
    })
    .meta({
      markdownDescription:
        'What the answer must be. Without `status` or `errorContains`, the call must succeed (a 2xx with JSON).',
    });

  const body = z.record(z.string(), z.unknown()).meta({
    markdownDescription:
      'A request body as in a request file: `{ "Person": { "CustomID": "{{customId}}", "Face": [{ "Face-1": { "$file": "../faces/alice.jpg" } }] } }`. Strings may hold `{{variables}}`; `$file` paths may not.',
  });

  const Step = z
    .strictObject({
      name: z.string().regex(STEP_NAME_PATTERN).meta({
        markdownDescription:
          'The step name, unique in the scenario; later steps read its answer as `{{<name>.Person.BioPassID}}`.',
      }),
      operation: z.enum(OPERATION_IDS).optional().meta({
        markdownDescription:
          'The operation. May be left out when the request file name pins it (`alice.enroll.biopass.json`).',
      }),
      request: z.string().min(1).optional().meta({
        markdownDescription: 'A request file, relative to this scenario file and inside the workspace folder.',
      }),
      body: body.optional(),
      with: body.optional().meta({
        markdownDescription:
          'Merged over the request file (objects key by key, the rest replaced), e.g. `{ "Person": { "CustomID": "{{customId}}" } }`.',
      }),
      expect: Expect.optional(),
      timeoutSeconds: z.number().positive().max(600).optional().meta({
        markdownDescription: 'This step fails when its answer takes longer (default: the environment timeout).',
      }),
    })
    .meta({ markdownDescription: 'One request: a `request` file or an inline `body`, and what to `expect`.' });

  const Scenario = z
    .strictObject({
      $schema: z.string().optional(),
      name: z.string().min(1).optional().meta({ markdownDescription: 'Shown in the Test Explorer and in reports.' }),
      variables: z.record(z.string().regex(STEP_NAME_PATTERN), z.string()).optional().meta({
        markdownDescription:
          'Named values, used as `{{name}}`; they may hold `{{run.id}}`, `{{env.NAME}}`, `{{row.COLUMN}}` and each other (no cycles).',
      }),
      data: z
        .strictObject({
          csv: z.string().min(1).meta({
            markdownDescription:
              'A CSV file (first line: column names), relative to this file. The steps run once per row, with `{{row.COLUMN}}`.',
          }),
        })
        .optional(),
      steps: z.array(Step).min(1).meta({ markdownDescription: 'Run in order; after a failure the rest are skipped.' }),
      teardown: z.array(Step).optional().meta({
        markdownDescription:
          'Run after the steps, always, even after a failure or a cancellation (delete what was enrolled).',
      }),
    })
    .meta({ markdownDescription: 'A BioPass ID test scenario: steps, variables, expectations, teardown, data rows.' });

  return { Scenario, Step, Expect };
}

export function scenarioSchemas(): ReturnType<typeof buildScenarioSchemas> {
  built ??= buildScenarioSchemas();
  return built;
}

export type ScenarioFile = z.infer<ReturnType<typeof buildScenarioSchemas>['Scenario']>;
export type ScenarioStep = z.infer<ReturnType<typeof buildScenarioSchemas>['Step']>;
export type Expectations = z.infer<ReturnType<typeof buildScenarioSchemas>['Expect']>;
