import * as assert from 'node:assert/strict';
import { CUSTOM_ID_MAX_LENGTH, CUSTOM_ID_RULES } from '../../../../src/core/contract/choices';
import { customIdFromFileName, customIdProblem } from '../../../../src/core/contract/fields';
import { generateJsonSchemas } from '../../../../src/core/contract/jsonSchemas';
import {
  authoringRequests,
  ENVELOPES,
  isOperationId,
  OPERATION_IDS,
  OPERATIONS,
  operationsOfEnvelope,
} from '../../../../src/core/contract/operations';
import { ICAO_REQUIREMENTS } from '../../../../src/core/contract/responses';

const IMAGE = 'iVBORw0KGgo=';

describe('the operation catalog', () => {
  it('holds the 14 operations of the contract with their methods and paths', () => {
    assert.equal(OPERATION_IDS.length, 14);
    const routes = OPERATION_IDS.map((id) => `${OPERATIONS[id].method} ${OPERATIONS[id].path}`);
    assert.ok(routes.includes('PUT /multibiometrics/update'));
    assert.ok(routes.includes('DELETE /multibiometrics/delete'));
    assert.ok(routes.includes('POST /multibiometrics/decode'), 'decode is /decode, not /wsq_decode');
    assert.ok(routes.includes('POST /quality/check_icao'));
    assert.equal(new Set(routes).size, 14);
  });

  it('marks which calls store or delete personal data', () => {
    const writers = OPERATION_IDS.filter((id) => OPERATIONS[id].personalData !== 'none');
    assert.deepEqual(writers.sort(), ['delete', 'enroll', 'update']);
  });

  it('groups operations by envelope', () => {
    assert.deepEqual(ENVELOPES, ['Person', 'Match', 'Extract', 'Encode', 'Decode', 'Check', 'Spoof']);
    assert.deepEqual(
      operationsOfEnvelope('Check').map((operation) => operation.id),
      ['face_detect', 'anonymizer', 'check_icao', 'icao_crop', 'check_nfiq'],
    );
    assert.ok(isOperationId('liveness'));
    assert.ok(!isOperationId('identify'));
  });
});

describe('the request schemas', () => {
  it('accept the envelopes of the contract', () => {
    const person = { Person: { CustomID: '1234', Face: [{ 'Face-1': IMAGE }], Fingers: [{ 'Finger-1': IMAGE }] } };
    for (const id of ['enroll', 'verify', 'update'] as const)
      assert.ok(OPERATIONS[id].request.safeParse(person).success);
    assert.ok(OPERATIONS.delete.request.safeParse({ Person: { CustomID: '1234' } }).success);
    const match = { Match: { Type: 'FACE', Format: 'BIOPASS', Artifact_A: IMAGE, Artifact_B: IMAGE } };
    assert.ok(OPERATIONS.match.request.safeParse(match).success);
    assert.ok(
      OPERATIONS.wsq_encode.request.safeParse({ Encode: { Image: IMAGE, Compression: 0.75, PPI: 500 } }).success,
    );
    assert.ok(OPERATIONS.liveness.request.safeParse({ Spoof: { Image: IMAGE } }).success);
  });

  it('reject what the API answers with 400 Invalid JSON format', () => {
    const rejected: [string, unknown][] = [
      ['no biometric', { Person: { CustomID: '1' } }],
      ['Face-2', { Person: { CustomID: '1', Face: [{ 'Face-2': IMAGE }] } }],
      ['Finger-11', { Person: { CustomID: '1', Fingers: [{ 'Finger-11': IMAGE }] } }],
      ['two face objects', { Person: { CustomID: '1', Face: [{ 'Face-1': IMAGE }, { 'Face-1': IMAGE }] } }],
      ['blank CustomID', { Person: { CustomID: '  ', Face: [{ 'Face-1': IMAGE }] } }],
      ['control character', { Person: { CustomID: 'a\u0007', Face: [{ 'Face-1': IMAGE }] } }],
      ['misspelled key', { Person: { CustomId: '1', Face: [{ 'Face-1': IMAGE }] } }],
      ['empty fingers object', { Person: { CustomID: '1', Fingers: [{}] } }],
    ];
    for (const [label, body] of rejected) assert.equal(OPERATIONS.enroll.request.safeParse(body).success, false, label);
    assert.equal(
      OPERATIONS.delete.request.safeParse({ Person: { CustomID: '1', Face: [{ 'Face-1': IMAGE }] } }).success,
      false,
    );
  });

  it('take $file references only in request files, never on the wire', () => {
    const body = { Person: { CustomID: '1', Face: [{ 'Face-1': { $file: './face.jpg' } }] } };
    assert.ok(authoringRequests().enroll.safeParse(body).success);
    assert.equal(OPERATIONS.enroll.request.safeParse(body).success, false);
    assert.ok(authoringRequests().enroll.safeParse({ ...body, $schema: 'x' }).success);
  });
});

describe('the response schemas', () => {
  it('accept the documented responses', () => {
    const cases: [keyof typeof OPERATIONS, unknown][] = [
      ['enroll', { Person: { ClientID: 'c', CustomID: '1234', BioPassID: 'b' } }],
      [
        'verify',
        {
          Person: {
            CustomID: '1234',
            Match: true,
            MatchDetails: { FaceMatched: true, NonMatchedFingers: ['Finger-1'] },
          },
        },
      ],
      ['delete', { Person: { CustomID: '1234' } }],
      ['match', { Match: { IsGenuine: true, Score: 99 } }],
      ['liveness', { Success: true, result: 'Ok', spoof: false }],
      ['face_detect', { DetectedFaces: { FaceNumber: 1, FaceRects: [{ x: 1, y: 2, width: 3, height: 4 }] } }],
      [
        'check_icao',
        {
          ICAO: {
            FaceImageConformed: 23,
            IsAllConformed: true,
            Requirements: Object.fromEntries(
              ICAO_REQUIREMENTS.map((name) => [name, { IsConformed: true, Confidence: 90 }]),
            ),
          },
        },
      ],
      ['icao_crop', { IcaoCropedImage: { Image: IMAGE } }],
      ['check_nfiq', { NFIQ: { Quality: 2 } }],
    ];
    for (const [id, body] of cases) assert.ok(OPERATIONS[id].response.safeParse(body).success, id);
    assert.equal(ICAO_REQUIREMENTS.length, 23);
  });

  it('tolerate extra fields and the top-level Success/Message pair', () => {
    const body = { Success: true, Message: 'ok', Person: { CustomID: '1', BioPassID: 'b', Extra: 1 }, Other: [] };
    assert.ok(OPERATIONS.enroll.response.safeParse(body).success);
  });
});

describe('CustomID helpers', () => {
  it('explain what the API would refuse, as the prompt validates while typing', () => {
    assert.equal(customIdProblem('1234'), undefined);
    assert.equal(customIdProblem(''), 'CustomID is empty');
    assert.equal(customIdProblem('   '), 'CustomID is only whitespace');
    assert.equal(customIdProblem('a\tb'), 'CustomID holds control characters');
  });

  it(`refuse what is not ${CUSTOM_ID_RULES}`, () => {
    const nonAscii = 'CustomID holds characters outside printable ASCII (é, ñ, 李…)';
    const tooLong = `CustomID is longer than ${CUSTOM_ID_MAX_LENGTH} characters`;
    assert.equal(customIdProblem('José'), nonAscii);
    assert.equal(customIdProblem('Ana\u00a0Souza'), nonAscii, 'a no-break space pasted from a document');
    assert.equal(customIdProblem('id-\u{1F642}'), nonAscii);
    assert.equal(customIdProblem('\u00a0'), 'CustomID is only whitespace');
    assert.equal(customIdProblem('x'.repeat(CUSTOM_ID_MAX_LENGTH + 1)), tooLong);
    assert.equal(customIdProblem('id-'.repeat(3334).slice(0, 10_000)), tooLong);
    // One problem at a time, in this order: empty, blank, control characters, non-ASCII, too long.
    assert.equal(customIdProblem(`a\tb${'é'.repeat(200)}`), 'CustomID holds control characters');
    assert.equal(customIdProblem('é'.repeat(200)), nonAscii);
  });

  it(`accept any printable ASCII, up to exactly ${CUSTOM_ID_MAX_LENGTH} characters`, () => {
    const printable = String.fromCharCode(...Array.from({ length: 95 }, (_, index) => 0x20 + index));
    for (const id of [printable, 'A-12.b_c/d:e@f', 'Ana Souza 12', ' 1234 ', 'x'.repeat(CUSTOM_ID_MAX_LENGTH)]) {
      assert.equal(customIdProblem(id), undefined, id);
    }
  });

  it('publish the same rule in the JSON Schema the editor checks request files with', () => {
    type StringSchema = { minLength: number; maxLength: number; pattern: string; patternErrorMessage: string };
    const shipped = generateJsonSchemas()['operations/delete.schema.json'] as {
      properties: { Person: { properties: { CustomID: StringSchema } } };
    };
    const schema = shipped.properties.Person.properties.CustomID;
    assert.equal(schema.minLength, 1);
    assert.equal(schema.maxLength, CUSTOM_ID_MAX_LENGTH);
    assert.equal(
      schema.patternErrorMessage,
      `CustomID must be ${CUSTOM_ID_RULES}: no control characters, accents or other scripts.`,
    );
    // VS Code compiles schema patterns with the u flag; the pattern must agree with zod on the characters.
    const pattern = new RegExp(schema.pattern, 'u');
    const samples = ['1234', 'Ana Souza 12', '~', '', '   ', 'a\tb', 'del\u007f', 'José', '\u00a0', 'id-\u{1F642}'];
    for (const id of samples) assert.equal(pattern.test(id), customIdProblem(id) === undefined, JSON.stringify(id));
  });

  it('propose a CustomID from a file name', () => {
    assert.equal(customIdFromFileName('alice.jpg'), 'alice');
    assert.equal(customIdFromFileName('Maria José (2).jpeg'), 'Maria-Jos-2');
    assert.equal(customIdFromFileName('.jpg'), 'person-1');
    assert.equal(customIdFromFileName('Ñandú.png'), 'and', 'only ASCII letters are kept');
    // A long name is cut to the longest CustomID taken, without a dash left at the cut.
    const long = customIdFromFileName(`${'a'.repeat(CUSTOM_ID_MAX_LENGTH - 1)} b${'c'.repeat(200)}.jpg`);
    assert.equal(long, 'a'.repeat(CUSTOM_ID_MAX_LENGTH - 1));
    assert.equal(customIdProblem(customIdFromFileName(`${'photo-'.repeat(60)}.jpg`)), undefined);
  });
});
