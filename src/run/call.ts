import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import type { ExtensionServices } from '../context';
import { OPERATIONS, type OperationId } from '../core/contract/operations';
import { type Outcome, outcomeLabel } from '../core/http/outcome';
import { detectImageKind, IMAGE_FILE_EXTENSIONS } from '../core/images/kind';
import type { SentFrom } from '../core/results/fromHistory';
import { returnedImage, type VerdictContext, verdict } from '../core/verdict';
import type { Target } from './target';

/** One request, ready to send: the wire body and what the log and verdict need to know. */
export interface PreparedCall {
  operation: OperationId;
  body: unknown;
  customId?: string;
  /** The image or request file's name, for the log and history. */
  source?: string;
  context: VerdictContext;
  /** Where its images were read from, recorded in the history so it can be sent again. */
  sentFrom?: SentFrom;
}

export interface CallResult {
  call: PreparedCall;
  outcome: Outcome;
  /** The verdict on success, the failure summary otherwise. */
  headline: string;
  /** Where a returned image (anonymized, cropped, decoded) can be opened. */
  resultImage?: vscode.Uri;
  /** Where it went, as the log block names it (`sandbox (http://127.0.0.1:4000)`). */
  environment?: string;
  /** The id of its history entry. */
  historyId?: string;
}

function bioPassIdOf(body: unknown): string | undefined {
  const id = (body as { Person?: { BioPassID?: unknown } } | undefined)?.Person?.BioPassID;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Sends one call and records it: one block in the output channel (written in a single call, so
 * concurrent requests never interleave their lines), one history entry, and any returned image
 * in the read-only result file system.
 */
export async function sendCall(
  services: ExtensionServices,
  target: Target,
  call: PreparedCall,
  signal?: AbortSignal,
): Promise<CallResult> {
  const outcome = await target.client.send(call.operation, call.body, signal ? { signal } : {});
  // Raw text: the sinks (the log, notifications, the history) redact what they are handed.
  const headline = outcome.kind === 'success' ? verdict(call.operation, outcome.body, call.context) : outcome.summary;
  const title = OPERATIONS[call.operation].title;
  const attempts = outcome.attempts > 1 ? ` · ${outcome.attempts} attempts` : '';
  const lines = [
    `${title}${call.customId ? ` · CustomID ${call.customId}` : ''}${call.source ? ` · ${call.source}` : ''} · ${target.describe}`,
    `  ${headline}`,
    `  HTTP ${outcome.status ?? '-'} · ${outcomeLabel(outcome)} · ${Math.round(outcome.latencyMs)} ms${attempts}`,
  ];
  if (outcome.kind !== 'success') lines.push(`  ${outcome.explanation}`, `  Next: ${outcome.nextStep}`);
  if (outcome.kind === 'success' && outcome.schemaWarnings.length > 0) {
    lines.push(`  The response differs from the documented contract: ${outcome.schemaWarnings.join('; ')}`);
  }
  if ('body' in outcome) {
    lines.push(
      ...JSON.stringify(outcome.body, null, 2)
        .split('\n')
        .map((line) => `  ${line}`),
    );
  }
  const block = outcome.kind === 'success' ? services.log.info(lines.join('\n')) : services.log.error(lines.join('\n'));

  let resultImage: vscode.Uri | undefined;
  const image = outcome.kind === 'success' ? returnedImage(call.operation, outcome.body) : undefined;
  if (image) {
    const bytes = Buffer.from(image, 'base64');
    // An image tab needs an extension VS Code's image preview opens; the API returns JPEG or PNG.
    const extension = IMAGE_FILE_EXTENSIONS[detectImageKind(bytes) ?? 'png'];
    const stem = (call.source ?? 'image').replace(/\.[^.]+$/, '');
    resultImage = services.results.add(`${stem}.${call.operation}${extension}`, bytes);
  }

  const bioPassId = 'body' in outcome ? bioPassIdOf(outcome.body) : undefined;
  const historyId = randomUUID();
  await services.history.add(
    {
      id: historyId,
      time: new Date().toISOString(),
      operation: call.operation,
      environment: target.environment,
      ...(call.customId ? { customId: call.customId } : {}),
      ...(call.source ? { source: call.source } : {}),
      ...(outcome.status === undefined ? {} : { status: outcome.status }),
      outcome: outcomeLabel(outcome),
      latencyMs: Math.round(outcome.latencyMs),
      ...(bioPassId ? { bioPassId } : {}),
      verdict: headline,
      ...(call.sentFrom ? { sentFrom: call.sentFrom } : {}),
    },
    block,
  );
  return { call, outcome, headline, ...(resultImage ? { resultImage } : {}), environment: target.describe, historyId };
}
