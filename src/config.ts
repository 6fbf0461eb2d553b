import * as vscode from 'vscode';
import { DEFAULT_ENVIRONMENT, type EnvironmentId, isEnvironmentId, resolveBaseUrl } from './core/environments';

export const CONFIG_SECTION = 'biopassid';

/** Typed, read-on-demand view over the `biopassid.*` settings. */
export class Config {
  private get settings(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(CONFIG_SECTION);
  }

  get environment(): EnvironmentId {
    const value = this.settings.get<string>('environment');
    return isEnvironmentId(value) ? value : DEFAULT_ENVIRONMENT;
  }

  get customBaseUrl(): string {
    return this.settings.get<string>('customBaseUrl') ?? '';
  }

  /** One line naming the environment and where it points, for the output channel. */
  describeEnvironment(): string {
    const resolved = resolveBaseUrl(this.environment, this.customBaseUrl);
    return resolved.ok
      ? `Environment: ${this.environment} (${resolved.baseUrl})`
      : `Environment: ${this.environment} (not usable: ${resolved.reason})`;
  }

  static affectsEnvironment(event: vscode.ConfigurationChangeEvent): boolean {
    return (
      event.affectsConfiguration(`${CONFIG_SECTION}.environment`) ||
      event.affectsConfiguration(`${CONFIG_SECTION}.customBaseUrl`)
    );
  }
}
