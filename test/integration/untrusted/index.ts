import { runSuites } from '../index';

/**
 * Entry point of the untrusted-workspace configuration (BIOPASSID_WORKSPACE_TRUST=untrusted: the
 * folder opens in Restricted Mode): runs every *.untrusted.test.js here. The normal entry point
 * runs only *.integration.test.js, so these suites never run in a trusted folder.
 */
export function run(): Promise<void> {
  return runSuites(__dirname, '.untrusted.test.js');
}
