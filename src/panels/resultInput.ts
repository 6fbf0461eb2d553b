import type { ResultInput } from '../core/results/types';
import type { PanelCall } from './panelHost';

/** What the core view is built from, from a call the extension sent. */
export function resultInputOf(result: PanelCall): ResultInput {
  const { call, outcome } = result;
  return {
    operation: call.operation,
    body: call.body,
    ...(call.customId ? { customId: call.customId } : {}),
    ...(call.source ? { source: call.source } : {}),
    environment: result.environment ?? '',
    context: call.context,
    headline: result.headline,
    outcome,
  };
}
