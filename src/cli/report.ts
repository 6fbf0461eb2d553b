import type { Outcome } from '../core/http/outcome';
import { describeOutcome } from '../core/http/outcome';
import { l10n } from '../core/l10n';
import { isNegativeAnswer, type VerdictContext, verdict } from '../core/verdict';
import { type CliIo, EXIT } from './io';

/**
 * Prints one call's result: the verdict (or what went wrong and what to do next), then the
 * response. With --json, one JSON object instead. Returns the exit code. Nothing here redacts:
 * the io does, for everything the CLI prints (src/cli/output.ts).
 */
export function reportOutcome(
  outcome: Outcome,
  io: CliIo,
  options: { json: boolean; context?: VerdictContext; target: string },
): number {
  const succeeded = outcome.kind === 'success';
  const line = succeeded ? verdict(outcome.operation, outcome.body, options.context) : outcome.summary;
  const exit = !succeeded ? EXIT.failed : isNegativeAnswer(outcome.operation, outcome.body) ? EXIT.negative : EXIT.ok;
  if (options.json) {
    const payload = {
      operation: outcome.operation,
      target: options.target,
      kind: outcome.kind,
      status: outcome.status,
      latencyMs: Math.round(outcome.latencyMs),
      verdict: succeeded ? line : undefined,
      summary: outcome.summary,
      explanation: outcome.explanation,
      nextStep: outcome.nextStep,
      body: 'body' in outcome ? outcome.body : undefined,
    };
    io.stdout(`${JSON.stringify(payload, null, 2)}\n`);
    return exit;
  }
  const write = succeeded ? io.stdout : io.stderr;
  write(`${line}\n`);
  write(`  ${describeOutcome(outcome)} · ${options.target}\n`);
  if (!succeeded) write(`  ${outcome.explanation}\n`);
  if (outcome.kind === 'success' && outcome.schemaWarnings.length > 0) {
    io.stderr(
      `  ${l10n.t('The response differs from the documented contract: {0}', outcome.schemaWarnings.join('; '))}\n`,
    );
  }
  if ('body' in outcome) io.stdout(`${JSON.stringify(outcome.body, null, 2)}\n`);
  return exit;
}
