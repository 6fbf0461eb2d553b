import type { OperationId } from '../contract/operations';
import { curlCode } from './curl';
import { planRequestBody, type RequestPlan } from './plan';
import { pythonCode } from './python';
import { type RequestTarget, requestTarget } from './target';
import { typescriptCode } from './typescript';

export { API_KEY_VARIABLE } from './comments';
export { INLINE_BASE64_LIMIT } from './inlineImages';
export { type CodeValue, type ImageSource, planRequestBody, type RequestPlan } from './plan';
export { BaseUrlError, type RequestTarget, requestTarget } from './target';

export const CODE_LANGUAGES = ['python', 'curl', 'typescript'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** How each language is offered and saved: a label for a picker, a file extension, a VS Code language id. */
export const CODE_LANGUAGE_INFO: Readonly<
  Record<CodeLanguage, { label: string; fileExtension: string; languageId: string }>
> = {
  python: { label: 'Python (http.client)', fileExtension: '.py', languageId: 'python' },
  curl: { label: 'curl (bash)', fileExtension: '.sh', languageId: 'shellscript' },
  typescript: { label: 'TypeScript (Node 18+ fetch, .mts)', fileExtension: '.mts', languageId: 'typescript' },
};

/** A request as written in a request file, and where it would be sent. */
export interface CodeRequest {
  operation: OperationId;
  /** The environment's base URL; a path prefix is kept. */
  baseUrl: string;
  /** May hold `{ "$file": … }` references, a top-level `$schema` and inline base64. */
  body: unknown;
}

const GENERATORS: Record<CodeLanguage, (target: RequestTarget, plan: RequestPlan) => string> = {
  python: pythonCode,
  curl: curlCode,
  typescript: typescriptCode,
};

/**
 * The code that sends a request by itself, for "Copy Request as Code". It never holds a
 * subscription key (it reads BIOPASSID_API_KEY) nor large base64 (images are read from files when
 * it runs). Throws BaseUrlError for a base URL that is not plain http(s).
 */
export function requestAsCode(language: CodeLanguage, request: CodeRequest): string {
  const target = requestTarget(request.operation, request.baseUrl);
  return GENERATORS[language](target, planRequestBody(request.body));
}
