import type { ExtensionServices } from '../context';

/** Explorer -> BioPass ID -> Quality Report… on a folder (src/accuracy/quality.ts); loaded on first use from its own bundle. */
export function qualityReport(services: ExtensionServices) {
  return async (...args: unknown[]): Promise<unknown> => {
    const accuracy = await import('../accuracy/index.js');
    return (accuracy.qualityReport(services) as (...given: unknown[]) => Promise<unknown>)(...args);
  };
}
