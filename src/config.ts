import vscode = require('vscode');

import { DEFAULT_ENVIRONMENT, describeEnvironment, type EnvironmentId, isEnvironmentId } from './core/environments';

export const CONFIG_SECTION = 'biopassid';

/** Typed, read-on-demand view over the `biopassid.*` settings. */
export class Config {
  private get settings(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(CONFIG_SECTION);
  }

  private number(name: string, fallback: number, min: number, max: number): number {
    const value = this.settings.get<number>(name);
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  }

  get environment(): EnvironmentId {
    const value = this.settings.get<string>('environment');
    return isEnvironmentId(value) ? value : DEFAULT_ENVIRONMENT;
  }

  get customBaseUrl(): string {
    return this.settings.get<string>('customBaseUrl') ?? '';
  }

  get timeoutMs(): number {
    return this.number('requestTimeoutSeconds', 30, 1, 600) * 1000;
  }

  get maxConcurrentRequests(): number {
    return Math.round(this.number('maxConcurrentRequests', 4, 1, 16));
  }

  get maxImageBytes(): number {
    return Math.round(this.number('maxImageSizeMB', 10, 0.1, 100) * 1024 * 1024);
  }

  /** The most of an answer's body the client reads (biopassid.maxResponseSizeMB). */
  get maxResponseBytes(): number {
    return Math.round(this.number('maxResponseSizeMB', 64, 1, 500) * 1024 * 1024);
  }

  /** Whether an answer opens the result panel by itself (biopassid.openResultPanel). */
  get openResultPanel(): boolean {
    return this.settings.get<boolean>('openResultPanel') !== false;
  }

  get historySize(): number {
    return Math.round(this.number('historySize', 200, 0, 5000));
  }

  /** Changes the environment where the user set it: the workspace if it overrides, else globally. */
  async setEnvironment(environment: EnvironmentId): Promise<void> {
    const inspected = this.settings.inspect<string>('environment');
    const target =
      inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
    await this.settings.update('environment', environment, target);
  }

  /** Sets the custom base URL where the user set it (as setEnvironment does). */
  async setCustomBaseUrl(baseUrl: string): Promise<void> {
    const inspected = this.settings.inspect<string>('customBaseUrl');
    const target =
      inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
    await this.settings.update('customBaseUrl', baseUrl, target);
  }

  describeEnvironment(sandboxUrl?: string): string {
    return describeEnvironment(this.environment, this.customBaseUrl, sandboxUrl);
  }

  static affectsEnvironment(event: vscode.ConfigurationChangeEvent): boolean {
    return (
      event.affectsConfiguration(`${CONFIG_SECTION}.environment`) ||
      event.affectsConfiguration(`${CONFIG_SECTION}.customBaseUrl`)
    );
  }
}
