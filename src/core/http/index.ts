export type { BodyReader, BodyStream } from './body';
export {
  type Client,
  type ClientOptions,
  createClient,
  type FetchInit,
  type FetchLike,
  type FetchResponse,
  type SendOptions,
  type Sleep,
} from './client';
export { JsonText } from './jsonText';
export {
  type AttemptInfo,
  type BadRequestOutcome,
  describeOutcome,
  type GatewayErrorOutcome,
  type GatewayReason,
  type Known400,
  type LogicalFailureOutcome,
  type MalformedProblem,
  type MalformedResponseOutcome,
  type NetworkCause,
  type NetworkErrorOutcome,
  type Outcome,
  type OutcomeKind,
  type SuccessOutcome,
} from './outcome';
export { parseRetryAfter } from './retryAfter';
