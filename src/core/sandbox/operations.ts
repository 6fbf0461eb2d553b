import { KNOWN_400_TEXTS } from '../contract/choices';
import { OPERATION_IDS, OPERATIONS, type OperationId } from '../contract/operations';
import { checkLiveness, detectFaces } from './detection';
import { extract, match } from './extraction';
import type { PersonRequest, PersonStore } from './persons';
import { checkIcao, checkNfiq } from './quality';
import { anonymize, cropToIcao } from './renderings';
import { plainText400, type Reply } from './reply';
import { wsqDecode, wsqEncode } from './wsq';

const ROUTES = new Map(OPERATION_IDS.map((id) => [`${OPERATIONS[id].method} ${OPERATIONS[id].path}`, id]));

/** Exact method and path, as the gateway matches operations: no trailing slash, no case folding. */
export function routeOf(method: string | undefined, path: string): OperationId | undefined {
  return ROUTES.get(`${method} ${path}`);
}

/** Each handler takes the body its own wire schema accepted; `never` lets the table hold them all. */
type Handler = (body: never, persons: PersonStore) => Reply;
type AcceptedHandler = (body: unknown, persons: PersonStore) => Reply;

const HANDLERS: Record<Exclude<OperationId, 'liveness'>, Handler> = {
  enroll: (body: PersonRequest, persons) => persons.enroll(body),
  verify: (body: PersonRequest, persons) => persons.verify(body),
  update: (body: PersonRequest, persons) => persons.update(body),
  delete: (body: PersonRequest, persons) => persons.delete(body),
  match,
  extract,
  wsq_encode: wsqEncode,
  decode: wsqDecode,
  face_detect: detectFaces,
  anonymizer: anonymize,
  check_icao: checkIcao,
  icao_crop: cropToIcao,
  check_nfiq: checkNfiq,
};

/**
 * Answers a routed request. The body is checked against the catalog's wire schema first; any
 * failure (unknown key, wrong type, no biometric) is the service's one plain-text 400. Liveness
 * is the exception: it reports even a bad body in-band.
 */
export function answer(operation: OperationId, body: unknown, persons: PersonStore): Reply {
  if (operation === 'liveness') return checkLiveness(body);
  const parsed = OPERATIONS[operation].request.safeParse(body);
  if (!parsed.success) return plainText400(KNOWN_400_TEXTS.invalidJson);
  return (HANDLERS[operation] as AcceptedHandler)(parsed.data, persons);
}

/** undefined for text that is not JSON: no JSON text parses to undefined, so nothing is lost. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
