import type { OperationId } from '../core/contract/operations';
import { personRequest, type SingleImageOperation, singleImageRequest } from '../core/request/build';
import type { SentFrom } from '../core/results/fromHistory';
import type { PreparedCall } from './call';

export type PersonOperation = Extract<OperationId, 'enroll' | 'verify' | 'update'>;

/** An image file a call was read from (the history's record of it). */
export type ImageSource = Extract<SentFrom, { kind: 'image' }>;

export function isPersonOperation(operation: OperationId): operation is PersonOperation {
  return operation === 'enroll' || operation === 'verify' || operation === 'update';
}

/**
 * The call one image file makes: the same for an image action and for sending it again from the
 * history. A person operation needs the CustomID; a fingerprint goes as the finger `from` names.
 */
export function imageCall(
  operation: SingleImageOperation | PersonOperation,
  base64: string,
  name: string,
  from: ImageSource,
  customId = '',
): PreparedCall {
  if (!isPersonOperation(operation)) {
    return { operation, body: singleImageRequest(operation, base64), source: name, context: {}, sentFrom: from };
  }
  const finger = from.role === 'finger' ? from.finger : undefined;
  return {
    operation,
    body: personRequest(customId, finger ? { fingers: { [finger]: base64 } } : { face: base64 }),
    customId,
    source: name,
    context: { customId, sentFace: !finger, sentFingers: finger ? [finger] : [] },
    sentFrom: from,
  };
}
