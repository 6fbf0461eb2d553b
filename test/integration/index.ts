import Mocha from 'mocha';
import CountingReporter from '../support/countingReporter';
import { findTestFiles } from '../support/files';

/**
 * Entry point the extension host loads (extensionTestsPath): runs every *.integration.test.js, or
 * only the files whose path contains BIOPASSID_TEST_FILTER when that is set (for working on one suite).
 */
export function run(): Promise<void> {
  return runSuites(__dirname, '.integration.test.js');
}

/** Runs the test files under dir whose names end with suffix, filtered by BIOPASSID_TEST_FILTER. */
export function runSuites(dir: string, suffix: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: CountingReporter });
  const filter = process.env.BIOPASSID_TEST_FILTER;
  for (const file of findTestFiles(dir, suffix)) {
    if (!filter || file.includes(filter)) mocha.addFile(file);
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
