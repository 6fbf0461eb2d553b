import type { Browser, Page } from 'playwright-core';

export type VsCodeBuild = 'latest' | 'minimum';

export interface CodeServer {
  readonly origin: string;
  readonly port: number;
  url(folder: string, payload?: [string, string][]): string;
  remoteUri(path: string): string;
  output(): string;
  stop(): Promise<void>;
}

export const QUIET_SETTINGS: Record<string, unknown>;
export const UNTRUSTED_SETTINGS: Record<string, unknown>;
export const CHROMIUM_PATH: string;
export function freePort(): Promise<number>;
export function makeScratchDir(prefix?: string): string;
export function installVsix(options: {
  build: VsCodeBuild;
  vsix: string;
  extensionsDir: string;
  userDataDir: string;
}): string;
export function startCodeServer(options: {
  build: VsCodeBuild;
  userDataDir: string;
  extensionsDir: string;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  port?: number;
  log?: (text: string) => void;
  /** Opens the workbench to a test payload (enables the smoke-test driver where needed). */
  runsExtensionTests?: boolean;
  /** Keeps workspace trust on (with UNTRUSTED_SETTINGS: the folder opens in Restricted Mode). */
  workspaceTrust?: boolean;
  /** More server flags, e.g. `['--locale', 'pt-br']`. */
  args?: string[];
}): Promise<CodeServer>;
export function launchBrowser(): Promise<Browser>;
export function openTestWorkbench(
  browser: Browser,
  url: string,
  options?: { onLog?: (line: string) => void },
): Promise<{ page: Page; exitCode: Promise<number> }>;
