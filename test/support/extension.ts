import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/context';
import type { ExtensionApi } from '../../src/extension';

export const EXTENSION_ID = 'biopassid-tools.biopassid-vscode';

/** Activates the extension under test, loads the rest of it (dist/main.js) and returns its services. */
export async function activateExtension(): Promise<ExtensionServices> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
  const api = await extension.activate();
  const services = api.services();
  assert.ok(services, 'the extension failed to start: see the error notification');
  return services;
}

/** Polls until check() returns a value (not undefined), or fails after timeoutMs. */
export async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
