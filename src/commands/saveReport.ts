import type { ExtensionServices } from '../context';

/** Save Report… in a report's title bar (src/accuracy/save.ts); loaded on first use from its own bundle. */
export function saveReport(services: ExtensionServices) {
  return async (...args: unknown[]): Promise<unknown> => {
    const accuracy = await import('../accuracy/index.js');
    return (accuracy.saveReport(services) as (...given: unknown[]) => Promise<unknown>)(...args);
  };
}
