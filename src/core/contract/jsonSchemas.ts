import * as z from 'zod';
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchema } from '../scenario/jsonSchema';
import { authoringRequests, OPERATION_IDS, OPERATIONS, type OperationId } from './operations';
import { generateSnippetsFile, SNIPPET_BODIES, snippetText } from './snippets';

/**
 * The JSON Schemas shipped in schemas/ for `contributes.jsonValidation`, generated from the zod
 * contract (never edited by hand; a unit test fails when the files on disk are stale). Draft 7,
 * the draft VS Code's JSON language service supports best.
 */
export const SCHEMA_DIR = 'schemas';
export const ANY_REQUEST_SCHEMA = 'request.schema.json';
export const operationSchemaFile = (id: OperationId) => `operations/${id}.schema.json`;

function snippet(id: OperationId) {
  const operation = OPERATIONS[id];
  return {
    label: `BioPass ID: ${operation.englishTitle}`,
    description: `${operation.method} ${operation.path}`,
    // bodyText, not body: VS Code would read the `$file` key of a body as a snippet variable.
    bodyText: snippetText(SNIPPET_BODIES[id]),
  };
}

function toJsonSchema(schema: z.ZodType, title: string, description: string, snippets: OperationId[]) {
  const json = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...json, title, markdownDescription: description, defaultSnippets: snippets.map(snippet) };
}

/** A request of any operation: one envelope key at the top. Used when no operation is pinned. */
function anyRequestSchema(): z.ZodType {
  const r = authoringRequests();
  return z
    .strictObject({
      $schema: z.string().optional(),
      $comment: z.string().optional(),
      Person: z.union([r.enroll.shape.Person, r.delete.shape.Person]).optional(),
      Match: r.match.shape.Match.optional(),
      Extract: r.extract.shape.Extract.optional(),
      Encode: r.wsq_encode.shape.Encode.optional(),
      Decode: r.decode.shape.Decode.optional(),
      Check: r.face_detect.shape.Check.optional(),
      Spoof: r.liveness.shape.Spoof.optional(),
    })
    .meta({
      anyOf: ['Person', 'Match', 'Extract', 'Encode', 'Decode', 'Check', 'Spoof'].map((key) => ({ required: [key] })),
    });
}

/** Relative path under schemas/ -> schema object. */
export function generateJsonSchemas(): Record<string, object> {
  const files: Record<string, object> = {
    [ANY_REQUEST_SCHEMA]: toJsonSchema(
      anyRequestSchema(),
      'BioPass ID request',
      'A BioPass ID request body. The top-level key is the envelope: `Person` (enroll, verify, update, delete), `Check` (face detect, anonymizer, ICAO, NFIQ), `Spoof` (liveness), `Match`, `Extract`, `Encode`, `Decode`.',
      OPERATION_IDS,
    ),
  };
  for (const id of OPERATION_IDS) {
    const operation = OPERATIONS[id];
    files[operationSchemaFile(id)] = toJsonSchema(
      operation.authoringRequest,
      `BioPass ID ${operation.englishTitle} request`,
      `Body of \`${operation.method} ${operation.path}\`.`,
      [id],
    );
  }
  files[SCENARIO_SCHEMA_FILE] = scenarioJsonSchema();
  return files;
}

export function serializeSchema(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * Every file the build generates from the contract, by path from the repository root: the
 * schemas and the snippets file. A unit test fails when one on disk is stale.
 */
export function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [file, schema] of Object.entries(generateJsonSchemas()))
    files[`${SCHEMA_DIR}/${file}`] = serializeSchema(schema);
  files['snippets/requests.json'] = serializeSchema(generateSnippetsFile());
  return files;
}
