import * as vscode from 'vscode';
import { DEFAULT_ENVIRONMENT, describeEnvironment, type EnvironmentId, isEnvironmentId } from './core/environments';

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

  describeEnvironment(): string {
    return describeEnvironment(this.environment, this.customBaseUrl);
  }

  static affectsEnvironment(event: vscode.ConfigurationChangeEvent): boolean {
    return (
      event.affectsConfiguration(`${CONFIG_SECTION}.environment`) ||
      event.affectsConfiguration(`${CONFIG_SECTION}.customBaseUrl`)
    );
  }
}
