import type { OperationId } from '../../../../src/core/contract/operations';
import { createClient } from '../../../../src/core/http';
import type { Outcome } from '../../../../src/core/http/outcome';
import { Redactor } from '../../../../src/core/redact';
import type { ResultInput } from '../../../../src/core/results/types';
import type { Sandbox } from '../../../../src/core/sandbox';
import { verdict } from '../../../../src/core/verdict';

/** Sends one request to the sandbox over loopback and returns what the panel is built from. */
export async function answer(
  sandbox: Sandbox,
  operation: OperationId,
  body: unknown,
  extra: Partial<ResultInput> = {},
  key = sandbox.key,
): Promise<ResultInput> {
  const client = createClient({ fetch, baseUrl: sandbox.url, key });
  const outcome: Outcome = await client.send(operation, body);
  const context = extra.context ?? {};
  return {
    operation,
    body,
    environment: `sandbox (${sandbox.url})`,
    context,
    headline: outcome.kind === 'success' ? verdict(operation, outcome.body, context) : outcome.summary,
    outcome,
    ...extra,
  };
}

export function redactorFor(sandbox: Sandbox): Redactor {
  const redactor = new Redactor();
  redactor.remember(sandbox.key);
  return redactor;
}

export const OPTIONS = { nonce: 'n0nce0123456789abcdef', cspSource: 'vscode-resource:' };
