import { appendFileSync } from 'node:fs';
import * as Mocha from 'mocha';

/**
 * Mocha's spec output, plus one JSON line of counts appended to $BIOPASSID_TEST_RESULTS when the
 * run ends, so the test runner can print one `N passed, N failed` line summed over every tier.
 */
class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.BIOPASSID_TEST_RESULTS;
      if (!file) return;
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      const line = {
        tier: process.env.BIOPASSID_TEST_TIER ?? 'unknown',
        passed: stats.passes,
        failed: stats.failures,
        skipped: stats.pending,
      };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    });
  }
}

export = CountingReporter;
