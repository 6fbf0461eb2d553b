/**
 * The accuracy lab in the editor, bundled on its own (dist/accuracy.js): the commands in
 * src/commands load it on first use, so its metric, report and CSV code stays out of dist/main.js.
 */
export { evaluateAccuracy } from './evaluate';
export { qualityReport } from './quality';
export { saveReport } from './save';
