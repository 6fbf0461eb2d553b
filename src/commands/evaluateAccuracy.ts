import type { ExtensionServices } from '../context';

/** Explorer -> BioPass ID -> Evaluate Accuracy… on a folder (src/accuracy/evaluate.ts); loaded on first use from its own bundle. */
export function evaluateAccuracy(services: ExtensionServices) {
  return async (...args: unknown[]): Promise<unknown> => {
    const accuracy = await import('../accuracy/index.js');
    return (accuracy.evaluateAccuracy(services) as (...given: unknown[]) => Promise<unknown>)(...args);
  };
}
