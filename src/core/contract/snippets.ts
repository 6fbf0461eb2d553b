import { TEMPLATE_FORMATS } from './fields';
import { OPERATION_IDS, OPERATIONS, type OperationId } from './operations';

/**
 * The starting body of each operation's request, with snippet placeholders (`${1:…}`). Images are
 * `$file` references so a new request file stays small and readable; they are read when sending.
 * Feeds the schemas' defaultSnippets, the snippets file and `New Request…`.
 */
const formats = `\${2|${TEMPLATE_FORMATS.join(',')}|}`;
const faceFile = (n: number) => ({ $file: `\${${n}:./face.jpg}` });
const fingerFile = (n: number) => ({ $file: `\${${n}:./finger.tif}` });

export const SNIPPET_BODIES: Record<OperationId, Record<string, unknown>> = {
  enroll: { Person: { CustomID: '${1:1234}', Face: [{ 'Face-1': faceFile(2) }] } },
  verify: { Person: { CustomID: '${1:1234}', Face: [{ 'Face-1': faceFile(2) }] } },
  update: { Person: { CustomID: '${1:1234}', Face: [{ 'Face-1': faceFile(2) }] } },
  delete: { Person: { CustomID: '${1:1234}' } },
  match: {
    Match: {
      Type: '${1|FACE,FINGER|}',
      Format: formats,
      Artifact_A: '${3:base64 template A}',
      Artifact_B: '${4:base64 template B}',
    },
  },
  extract: { Extract: { Type: '${1|FACE,FINGER|}', Format: formats, Artifact: faceFile(3) } },
  wsq_encode: { Encode: { Image: fingerFile(1), Compression: 0.75, PPI: 500 } },
  decode: { Decode: { Wsq: { $file: '${1:./finger.wsq}' } } },
  face_detect: { Check: { Image: faceFile(1) } },
  liveness: { Spoof: { Image: faceFile(1) } },
  anonymizer: { Check: { Image: faceFile(1) } },
  check_icao: { Check: { Image: faceFile(1) } },
  icao_crop: { Check: { Image: faceFile(1) } },
  check_nfiq: { Check: { Image: fingerFile(1) } },
};

/**
 * A body as snippet text: JSON with tab indents, and every `$` that opens no placeholder (the
 * `"$file"` key) escaped, else VS Code would read `$file` as a snippet variable.
 */
export function snippetText(body: unknown): string {
  return JSON.stringify(body, null, '\t').replace(/\$(?!\{)/g, '\\$');
}

/**
 * The snippets file contributed for JSON documents (`snippets/requests.json`): one snippet per
 * operation, prefix `biopass-<operation>`, the same bodies as the schemas' defaultSnippets.
 */
export function generateSnippetsFile(): Record<string, { prefix: string; description: string; body: string[] }> {
  return Object.fromEntries(
    OPERATION_IDS.map((id) => [
      `BioPass ID: ${OPERATIONS[id].englishTitle}`,
      {
        prefix: `biopass-${id.replace('_', '-')}`,
        description: `${OPERATIONS[id].method} ${OPERATIONS[id].path}`,
        body: snippetText(SNIPPET_BODIES[id]).split('\n'),
      },
    ]),
  );
}
