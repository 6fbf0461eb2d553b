import type { ExtensionServices } from '../context';

/** The walkthrough's full id: `<publisher>.<name>#<walkthrough id>` (package.json contributes.walkthroughs). */
export const WALKTHROUGH_ID = 'biopassid-tools.biopassid-vscode#firstUse';

/** `BioPass ID: Get Started`: opens the walkthrough (also linked from the sidebar's welcome content). */
export function getStarted(services: ExtensionServices) {
  return async (): Promise<void> => {
    await services.workspace.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
  };
}
