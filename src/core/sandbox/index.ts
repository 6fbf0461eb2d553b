export { formatSandboxBanner } from './banner';
export type { Fault, FaultKind } from './faults';
export { GATEWAY_MESSAGES, SUBSCRIPTION_KEY_HEADER } from './gateway';
export type { SandboxLogEntry } from './requestLog';
export { DEFAULT_MAX_REQUEST_BYTES, type Sandbox, type SandboxOptions, startSandbox } from './server';
