import type { ExtensionServices } from '../context';

/** `BioPass ID: Show Output`: reveals the extension's log, where every request is written. */
export function showOutput({ log }: ExtensionServices) {
  return (): void => log.show();
}
